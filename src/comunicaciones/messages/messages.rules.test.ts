import { describe, expect, it } from "vitest";
import { checkTemplate, parseMarkup, renderMessage, renderSubject, unknownFields } from "./messages.rules.ts";

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

const ANA = {
  firstNames: "Ana María",
  lastNames: "Rosero",
  dependencia: "Secretaría de Salud",
  cargo: "Profesional",
};
const render = (body: string, values = ANA, subject = "Aviso") =>
  renderMessage({ subject, blocks: parseMarkup(body) }, values);

describe("renderMessage", () => {
  it("fills every field per recipient in the text and html parts", () => {
    const m = render("Hola {{nombre}} ({{nombre_completo}}), de {{ dependencia }}, {{cargo}}.");
    expect(m.text).toBe("Hola Ana María (Ana María Rosero), de Secretaría de Salud, Profesional.");
    expect(m.html).toContain(
      "<p>Hola Ana María (Ana María Rosero), de Secretaría de Salud, Profesional.</p>",
    );
  });

  it("renders paragraphs, list items, bold, italic and bare https links", () => {
    const m = render(
      "Primero **importante** y _suave_.\n\n- uno\n- dos\n\nVea https://www.pasto.gov.co/a_b.",
    );
    expect(m.html).toContain("<p>Primero <strong>importante</strong> y <em>suave</em>.</p>");
    expect(m.html).toContain("<ul><li>uno</li><li>dos</li></ul>");
    expect(m.html).toContain('<a href="https://www.pasto.gov.co/a_b">https://www.pasto.gov.co/a_b</a>.');
    expect(m.text).toBe("Primero importante y suave.\n\n- uno\n- dos\n\nVea https://www.pasto.gov.co/a_b.");
  });

  it("inserts values as text: markup, fields and html in a name stay literal and escaped", () => {
    const evil = { ...ANA, firstNames: "<script>x</script> **b** {{cargo}} _i_" };
    const m = render("Hola **{{nombre}}**", evil);
    expect(m.html).toContain("<strong>&#60;script&#62;x&#60;/script&#62; **b** {{cargo}} _i_</strong>");
    expect(m.html).not.toContain("<script>");
    expect(m.text).toBe("Hola <script>x</script> **b** {{cargo}} _i_");
  });

  it("escapes html written in the body itself", () => {
    expect(render('<img src=x onerror="a">').html).toContain("&#60;img src=x onerror=&#34;a&#34;&#62;");
  });

  it("uses servidor(a) when the name is missing", () => {
    expect(render("Hola {{nombre}}", { ...ANA, firstNames: "", lastNames: "" }).text).toBe(
      "Hola servidor(a)",
    );
  });

  it("keeps the subject on one line, stripping CR and LF from values", () => {
    const values = { ...ANA, firstNames: "Ana\r\nBcc: x@gmail.com" };
    expect(renderSubject("Hola {{nombre}}", values)).toBe("Hola Ana Bcc: x@gmail.com");
    expect(renderSubject("x".repeat(300), ANA)).toHaveLength(200);
  });
});
