// Bad plan files (test/plan-sheets.bad.ts), each the seed PAAC with one thing wrong or a file that is not a
// workbook SIPAP reads: the importer refuses the file as a whole, or marks the row with an "error" problem whose
// message names what is wrong; nothing is guessed. A responsable no dependencia has is not the reader's to judge
// (it has no database): it comes back as written, for the preview to reconcile.
import { beforeAll, describe, expect, it } from "vitest";
import { readPlanFile } from "../src/planes/sheets/sheets.service.ts";
import type { ImportProblem, ParsedNode, ReadPlanResult } from "../src/planes/sheets/sheets.types.ts";
import {
  endBeforeStartFile,
  formulasFile,
  IMAGINARY,
  odsFile,
  passwordProtectedFile,
  repeatedCodeFile,
  unknownResponsableFile,
  wrongColumnsFile,
  xlsFile,
  zipBombFile,
} from "./plan-sheets.bad.ts";
import { LIBREOFFICE_TIMEOUT_MS, rowOf } from "./plan-sheets.ts";

const errors = (result: ReadPlanResult): ImportProblem[] =>
  result.problems.filter((p) => p.severity === "error");

function activity(result: ReadPlanResult, ...codes: string[]): ParsedNode {
  if (!result.ok) throw new Error(`file refused: ${result.message}`);
  let nodes = result.tree;
  let found: ParsedNode | undefined;
  for (const code of codes) {
    found = nodes.find((n) => n.code === code);
    nodes = found?.children ?? [];
  }
  if (!found) throw new Error(`no node ${codes.join(" / ")}`);
  return found;
}

describe("a sheet that is not the plan SIPAP expects", () => {
  it("is refused, naming the columns it lacks", async () => {
    const result = await readPlanFile(await wrongColumnsFile(), "anexo-1.xlsx", "paac");
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.message).toContain("Responsable");
    expect(result.message).toMatch(/Fecha/i);
    expect(result.message).not.toContain("Actividades");
  });
});

describe("rows the importer cannot take as they are", () => {
  it("marks a period whose end precedes its start as an error at its row", async () => {
    const file = await endBeforeStartFile();
    const result = await readPlanFile(file, "paac-2022.xlsx", "paac");
    const row = await rowOf(file, "1.2 Evaluar la implementación");
    expect(errors(result)).toContainEqual(
      expect.objectContaining({ row, severity: "error", message: expect.stringMatching(/28\/0?2\/2022/) }),
    );
  });

  it("marks an activity code repeated within a subcomponent as an error at the second one", async () => {
    const file = await repeatedCodeFile();
    const result = await readPlanFile(file, "paac-2022.xlsx", "paac");
    const row = await rowOf(file, "3.4 Realizar campañas de educación");
    expect(errors(result)).toContainEqual(
      expect.objectContaining({ row, severity: "error", message: expect.stringContaining("3.4") }),
    );
  });

  it("returns a responsable no dependencia has as written, for the preview to reconcile", async () => {
    const result = await readPlanFile(await unknownResponsableFile(), "paac-2022.xlsx", "paac");
    expect(errors(result)).toEqual([]);
    expect(activity(result, "1", "1", "1.2").responsables).toEqual([IMAGINARY]);
  });

  it("uses the values formulas cached, never evaluating them", async () => {
    const result = await readPlanFile(await formulasFile(), "paac-2022.xlsx", "paac");
    expect(errors(result)).toEqual([]);
    const node = activity(result, "1", "1", "1.2");
    expect(node).toMatchObject({ meta: "1 informe de evaluación.", responsables: ["OPGI"] });
    // Evaluated, DATE(2030,1,1) would end the period in 2030; Excel cached 31/08/2022.
    expect(node.periods).toEqual([{ start: "2022-07-01", end: "2022-08-31" }]);
    expect(result.ok && result.counts).toEqual({
      components: 6,
      subcomponents: 18,
      activities: 77,
      periods: 88,
    });
  });
});

describe("files that are not a workbook SIPAP reads", () => {
  let ods: Buffer;
  let xls: Buffer;
  beforeAll(
    async () => {
      // One after the other: two LibreOffice starts at once on a busy machine only slow each other down.
      ods = await odsFile();
      xls = await xlsFile();
    },
    2 * LIBREOFFICE_TIMEOUT_MS + 30_000,
  );

  it("refuses an .ods, saying how to save it as .xlsx", async () => {
    expect(ods.subarray(0, 2).toString()).toBe("PK");
    const result = await readPlanFile(ods, "paac-2022.ods", "paac");
    expect(result).toMatchObject({ ok: false, message: expect.stringContaining(".ods") });
    expect(result.ok || result.message).toMatch(/\.xlsx/);
    // The name does not decide: the same bytes called .xlsx are still an OpenDocument file.
    expect(await readPlanFile(ods, "paac-2022.xlsx", "paac")).toMatchObject({ ok: false });
  });

  it("refuses the old .xls format, saying how to save it as .xlsx", async () => {
    const result = await readPlanFile(xls, "paac-2022.xls", "paac");
    expect(result).toMatchObject({ ok: false, message: expect.stringContaining(".xls") });
    expect(result.ok || result.message).toMatch(/\.xlsx/);
  });

  it("refuses a password-protected workbook, asking for it without the password", async () => {
    const result = await readPlanFile(passwordProtectedFile(), "paac-2022.xlsx", "paac");
    expect(result).toMatchObject({ ok: false, message: expect.stringContaining("contraseña") });
  });

  it("refuses a zip bomb without inflating it", async () => {
    const bomb = await zipBombFile();
    expect(bomb.length).toBeLessThan(2 * 1024 * 1024);
    const result = await readPlanFile(bomb, "paac-2022.xlsx", "paac");
    expect(result.ok).toBe(false);
    expect(result.ok || result.message).toMatch(/segur|grande|tamaño|comprim/i);
  });
});
