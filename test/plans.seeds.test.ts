// The plan importer reads the two seed plans as the offices keep them and gets what a person reading the seed
// gets: the ground truth in test/fixtures/plans/ was transcribed by hand from ../shared/seeds/002_*.txt and
// 003_*.txt, apart from the transcription the workbooks are written from (src/demo/plans/*.rows.ts). The PAAC is
// read twice: as written by exceljs (merged cells, Excel dates mixed with dates as text, the header repeated after
// page breaks) and as LibreOffice saves a flat CSV export of it (no merges, cells filled down or left empty).
import { beforeAll, describe, expect, it } from "vitest";
import { readPlanFile } from "../src/planes/sheets/sheets.service.ts";
import type { ParsedNode, ParsedPeriod, ReadPlanResult } from "../src/planes/sheets/sheets.types.ts";
import {
  LIBREOFFICE_TIMEOUT_MS,
  type MatrizTruth,
  matrizWorkbook,
  type PaacTruth,
  paacFromCsvViaLibreOffice,
  paacWorkbook,
  plain,
  readTruth,
  rowOf,
  sheetRows,
  type TruthActivity,
  type TruthPeriod,
} from "./plan-sheets.ts";

const PAAC = readTruth<PaacTruth>("paac-2022");
const MATRIZ = readTruth<MatrizTruth>("matriz-2026");

function understood(result: ReadPlanResult) {
  if (!result.ok) throw new Error(`file refused: ${result.message}`);
  return result;
}

const walk = (nodes: ParsedNode[]): ParsedNode[] => nodes.flatMap((node) => [node, ...walk(node.children)]);

const period = (expected: TruthPeriod) =>
  Array.isArray(expected)
    ? { start: expected[0], end: expected[1] }
    : { start: expected.start, end: expected.end, raw: expect.stringContaining(expected.raw) };

const periodOf = (found: ParsedPeriod) =>
  found.start && found.end ? { start: found.start, end: found.end } : { ...found };

function expectActivity(node: ParsedNode | undefined, expected: TruthActivity, where: string) {
  expect(node, `${where}: missing`).toBeDefined();
  if (!node) return;
  expect({ level: node.level, code: node.code }, where).toEqual({ level: 3, code: expected.code });
  expect(node.responsables.map(plain), `${where} responsables`).toEqual(expected.responsables);
  expect(node.periods.map(periodOf), `${where} periods`).toEqual(expected.periods.map(period));
  expect(node.children, `${where} children`).toEqual([]);
}

const readPaac = async (file: Buffer) => understood(await readPlanFile(file, "paac-2022.xlsx", "paac"));
type Understood = Extract<ReadPlanResult, { ok: true }>;

/** Everything the ground truth says about the PAAC, checked on one reading of one file. */
function expectSeedPaac(result: Understood) {
  expect(result.shape).toBe("paac");
  expect(result.counts).toEqual(PAAC.counts);
  expect(result.problems.filter((p) => p.severity === "error")).toEqual([]);

  expect(result.tree.map((c) => [c.level, c.code])).toEqual(
    PAAC.components.map((c) => [1, String(c.number)]),
  );
  for (const [i, truth] of PAAC.components.entries()) {
    const component = result.tree[i];
    const where = `componente ${truth.number}`;
    if (!component) continue;
    expect(plain(component.text), where).toContain(plain(truth.title));
    if (truth.note) {
      expect(plain(component.note), `${where} note`).toBe(plain(truth.note));
      expect(component.children, `${where} children`).toEqual([]);
    }
    if (truth.subcomponents === null) {
      // The sixth component has no subcomponent column: its activities hang from it directly.
      const activities = truth.activities ?? [];
      expect(
        component.children.map((a) => a.code),
        where,
      ).toEqual(activities.map((a) => a.code));
      for (const [j, a] of activities.entries())
        expectActivity(component.children[j], a, `${where}, ${a.code}`);
      continue;
    }
    expect(
      component.children.map((s) => [s.level, s.code]),
      `${where} subcomponents`,
    ).toEqual(truth.subcomponents.map((s) => [2, String(s.number)]));
    for (const [j, sub] of truth.subcomponents.entries()) {
      const node = component.children[j];
      const at = `${where}, subcomponente ${sub.number}`;
      if (!node) continue;
      expect(plain(node.text), at).toContain(plain(sub.title));
      expect(
        node.children.map((a) => a.code),
        `${at}: codes in order`,
      ).toEqual(sub.activities.map((a) => a.code));
      for (const [k, a] of sub.activities.entries()) expectActivity(node.children[k], a, `${at}, ${a.code}`);
    }
  }

  const nodes = walk(result.tree);
  expect(new Set(nodes.map((n) => n.key)).size).toBe(nodes.length);
}

const find = (tree: ParsedNode[], ...codes: string[]) => {
  let nodes = tree;
  let found: ParsedNode | undefined;
  for (const code of codes) {
    found = nodes.find((n) => n.code === code);
    nodes = found?.children ?? [];
  }
  if (!found) throw new Error(`no node ${codes.join(" / ")}`);
  return found;
};

describe("the PAAC 2022 as the OPGI keeps it (exceljs: merged cells, title rows, repeated headers)", () => {
  let file: Buffer;
  let result: Understood;
  beforeAll(async () => {
    file = await paacWorkbook();
    result = await readPaac(file);
  });

  it("holds dates both as text and as Excel dates, as offices mix them", async () => {
    const cells = [...(await sheetRows(file)).values()].flat();
    expect(cells).toContain("13/01/2022"); // component 1: text as written
    expect(cells).toContain("2022-03-04"); // component 3: a real date cell (3.1's end)
    expect(cells).toContain("31/04/2022");
  });

  it("reads every level, code, responsable and period of the ground truth, with no error", () => {
    expect(result.counts).toEqual({ components: 6, subcomponents: 18, activities: 77, periods: 88 });
    expectSeedPaac(result);
  });

  it("keeps the impossible «31/04/2022» as written and warns with its row, without refusing the file", async () => {
    const activity = find(result.tree, "1", "5", "5.1");
    expect(activity.periods[0]).toEqual({
      start: "2022-04-01",
      end: null,
      raw: expect.stringContaining("31/04/2022"),
    });
    const row = await rowOf(file, "5.1 Realizar seguimiento al PAAC");
    expect(activity.row).toBe(row);
    expect(result.problems).toContainEqual(
      expect.objectContaining({ row, severity: "aviso", message: expect.stringContaining("31/04/2022") }),
    );
  });

  it("reads codes written with a trailing dot, a non-breaking space or a double space", () => {
    expect(find(result.tree, "3", "2", "2.8").text).toMatch(/^(2\.8\.\s*)?Mejorar la estrategia/);
    expect(plain(find(result.tree, "1", "5", "5.2").text)).toMatch(/(^| )Publicar el informe de seguimiento/);
    expect(find(result.tree, "5", "4", "4.1").periods).toEqual([{ start: "2022-02-01", end: "2022-12-31" }]);
  });

  it("gives the component of a note only its note, and the sixth its activities without subcomponents", async () => {
    const note = find(result.tree, "2");
    expect(note).toMatchObject({ level: 1, children: [] });
    expect(note.note).toContain("Estrategia de racionalización de trámites 2022");
    const sixth = find(result.tree, "6");
    expect(sixth.children.every((a) => a.level === 3 && a.children.length === 0)).toBe(true);
    expect(find(result.tree, "6", "4").row).toBe(await rowOf(file, "4. Difundir y socializar"));
  });

  it("keeps product and meta, with the meta's quantity and unit where it has one", () => {
    const evaluation = find(result.tree, "1", "1", "1.2");
    expect(plain(evaluation.product)).toBe(
      "Informe de evaluación de la implementación de la política de administración de riesgos de corrupción.",
    );
    expect(evaluation).toMatchObject({ meta: "1 informe de evaluación.", metaQuantity: 1 });
    expect(evaluation.metaUnit).toMatch(/^informe de evaluación\.?$/);
    expect(find(result.tree, "1", "2", "2.1")).toMatchObject({ metaQuantity: 100, metaUnit: "%" });
  });

  it("names nodes by their numbers, the key a later import matches on", () => {
    expect(find(result.tree, "3").key).toBe("c3");
    expect(find(result.tree, "3", "1").key).toBe("c3/s1");
    expect(find(result.tree, "3", "1", "1.6").key).toBe("c3/s1/1.6");
    expect(find(result.tree, "6", "4").key).toBe("c6/-/4");
  });

  it("reads the file the demo ships the same way", async () => {
    const { readFileSync } = await import("node:fs");
    const shipped = readFileSync(new URL("../src/demo/plans/paac-2022.xlsx", import.meta.url));
    expect((await readPaac(shipped)).tree).toEqual(result.tree);
  });
});

describe("the PAAC 2022 exported flat to CSV and saved as .xlsx by LibreOffice", () => {
  let file: Buffer;
  let result: Understood;
  beforeAll(async () => {
    file = await paacFromCsvViaLibreOffice();
    result = await readPaac(file);
  }, LIBREOFFICE_TIMEOUT_MS + 60_000);

  it("is a LibreOffice file with real date cells and no merges", async () => {
    const cells = [...(await sheetRows(file)).values()].flat();
    expect(cells).toContain("2022-01-13");
    expect(cells).toContain("31/04/2022");
    expect(cells).toContain("01/05/2022\n01/10/2022");
  });

  it("reads every level, code, responsable and period of the ground truth, with no error", () => {
    expectSeedPaac(result);
  });

  it("gives every node the same key, code, responsables and periods as the workbook kept with merges", async () => {
    const fromExcelJs = await readPaac(await paacWorkbook());
    const shape = (nodes: ParsedNode[]): unknown[] =>
      nodes.map((n) => ({
        key: n.key,
        code: n.code,
        responsables: n.responsables,
        periods: n.periods,
        children: shape(n.children),
      }));
    expect(shape(result.tree)).toEqual(shape(fromExcelJs.tree));
  });

  it("warns about «31/04/2022» at its row of this file", async () => {
    const row = await rowOf(file, "5.1 Realizar seguimiento al PAAC");
    expect(result.problems).toContainEqual(
      expect.objectContaining({ row, severity: "aviso", message: expect.stringContaining("31/04/2022") }),
    );
  });
});

describe("the Matriz operativa 2026 (exceljs: activity and QUÉ merged over their tasks)", () => {
  let file: Buffer;
  let result: Understood;
  beforeAll(async () => {
    file = await matrizWorkbook();
    result = understood(await readPlanFile(file, "matriz-operativa-2026.xlsx", "matriz"));
  });

  it("counts activities, alternatives, tasks and periods as the ground truth", () => {
    expect(result.shape).toBe("matriz");
    expect(result.counts).toEqual(MATRIZ.counts);
    expect(result.counts).toEqual({ activities: 6, alternatives: 6, tasks: 29, periods: 29 });
    expect(result.problems.filter((p) => p.severity === "error")).toEqual([]);
  });

  it("reads each task with its responsable as written, its period and its evidence", () => {
    expect(result.tree.map((a) => a.level)).toEqual(MATRIZ.activities.map(() => 1));
    for (const [i, truth] of MATRIZ.activities.entries()) {
      const activity = result.tree[i];
      const where = `actividad ${i + 1}`;
      if (!activity) continue;
      expect(plain(activity.text).startsWith(plain(truth.textStart)), where).toBe(true);
      expect(
        activity.children.map((a) => [a.level, plain(a.text)]),
        where,
      ).toEqual([[2, truth.alternative]]);
      const tasks = activity.children[0]?.children ?? [];
      expect(tasks.length, `${where}: tasks`).toBe(truth.tasks.length);
      for (const [j, task] of truth.tasks.entries()) {
        const node = tasks[j];
        const at = `${where}, tarea ${j + 1} («${task.textStart}»)`;
        if (!node) continue;
        expect(node.level, at).toBe(3);
        expect(plain(node.text).startsWith(plain(task.textStart)), `${at}: «${node.text}»`).toBe(true);
        if (task.text) expect(plain(node.text), at).toBe(task.text);
        expect(node.responsables.map(plain), at).toEqual([task.responsable]);
        expect(node.periods.map(periodOf), at).toEqual([{ start: task.period[0], end: task.period[1] }]);
        expect(plain(node.evidence) || null, at).toBe(task.evidence);
      }
    }
    const nodes = walk(result.tree);
    expect(new Set(nodes.map((n) => n.key)).size).toBe(nodes.length);
  });

  it("gives each task the row where it is written", async () => {
    const task = result.tree[3]?.children[0]?.children[1];
    expect(task?.row).toBe(await rowOf(file, "Impartir directrices sobre los nuevos lineamientos"));
  });
});
