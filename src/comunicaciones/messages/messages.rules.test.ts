import { describe, expect, it } from "vitest";
import { checkTemplate, unknownFields } from "./messages.rules.ts";

describe("checkTemplate", () => {
  it("accepts the known fields, with or without spaces inside the braces", () => {
    expect(
      checkTemplate("Hola {{nombre}}, de {{ dependencia }} ({{cargo}}), {{nombre_completo}}"),
    ).toBeUndefined();
    expect(checkTemplate("Sin campos")).toBeUndefined();
  });

  it("refuses an unknown field and names it with the ones that exist", () => {
    const problem = checkTemplate("Hola {{apellido}} y {{nombre}}");
    expect(problem).toContain("{{apellido}}");
    expect(problem).toContain("{{nombre_completo}}");
  });

  it("lists every unknown field once, expressions included", () => {
    expect(unknownFields("{{x}} {{x}} {{constructor}} {{ nombre + 1 }}")).toEqual([
      "x",
      "constructor",
      "nombre + 1",
    ]);
  });
});
