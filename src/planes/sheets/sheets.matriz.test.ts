import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { readPlanFile } from "./sheets.service.ts";
import type { ParsedNode } from "./sheets.types.ts";

process.env.TZ = "America/Bogota";

type Rows = (ExcelJS.CellValue | undefined)[][];

async function xlsx(rows: Rows, merges: string[] = []): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("Matriz");
  for (const [row, values] of rows.entries())
    for (const [column, value] of values.entries())
      if (value !== undefined) sheet.getCell(row + 1, column + 1).value = value;
  for (const range of merges) sheet.mergeCells(range);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

async function read(rows: Rows, merges?: string[]) {
  const result = await readPlanFile(await xlsx(rows, merges), "matriz.xlsx", "matriz");
  if (!result.ok) throw new Error(result.message);
  return result;
}

const HEADER = [
  "ACTIVIDADES DE GESTIÓN",
  "QUÉ (ALTERNATIVA S DE MEJORA)",
  "CÓMO (MEJORAS/TAREAS A IMPLEMENTAR)",
  "QUIÉN (RESPONSABLE DE CADA TAREA)",
  "CUÁNDO (FECHA PREVISTA PARA INICIAR Y TERMINAR CADA TAREA)",
  "EVIDENCIAS",
];
const MIPG = "Equipo MIPG - Oficina de Planeación de Gestión Institucional";
const LEVANTAR =
  "Levantar la información necesaria para la identificación y caracterización de los grupos de valor.";
const INDICADORES = "Formular los indicadores que permitirán verificar el cumplimiento de objetivos y metas.";

// An excerpt of the Matriz operativa 2026: merged activity and alternative cells, one row per task, a row
// after a page break that only adds evidence, and the three ways the dates are written.
const MATRIZ: Rows = [
  ["POLÍTICA DE PLANEACIÓN INSTITUCIONAL"],
  ["MATRIZ OPERATIVA 2.026"],
  HEADER,
  [
    LEVANTAR,
    "Fortalecer el proceso de caracterización",
    "Solicitar la actualización del inventario",
    MIPG,
    "01/02/2026 - 31/03/2026",
    "29 inventarios actualizados",
  ],
  [
    undefined,
    undefined,
    "Apoyar en el desarrollo de procesos de caracterización",
    `Unidad de Atención al Ciudadano\n${MIPG}`,
    "01/02/2026 - 31/08/2026",
    "2 procesos realizados",
  ],
  [
    undefined,
    undefined,
    "Actualizar el documento de caracterización",
    MIPG,
    "01/09/2026 - 30/11/2026",
    "(1) un Documento de caracterización de la",
  ],
  HEADER, // 7: repeated after a page break
  [undefined, undefined, undefined, undefined, undefined, "Alcaldía de Pasto actualizado"],
  [
    INDICADORES,
    "Apoyar en la formulación de los indicadores",
    "Tomar acciones correctivas",
    "Equipo MIPG - Líderes de proceso",
    "16/12/2026 al 31/12/2026",
    "(1) acta de comité institucional",
  ],
  [undefined, undefined, "Impartir directrices sobre los lineamientos", MIPG, "01/08/2026 a 30/11/2026"],
  [undefined, undefined, undefined, undefined, undefined, "(1) registro de asistencia"],
  [undefined, undefined, undefined, "Líderes de proceso"],
  [undefined, undefined, undefined, undefined, "01/12/2026 - 20/12/2026"],
];

const outline = (nodes: ParsedNode[]): unknown[] =>
  nodes.map((node) =>
    node.level === 3
      ? {
          text: node.text,
          row: node.row,
          responsables: node.responsables,
          periods: node.periods,
          evidence: node.evidence,
        }
      : { text: node.text, row: node.row, children: outline(node.children) },
  );

describe("a policy matrix as kept", () => {
  it("reads activity → alternative → task with «same as above» cells and continuation rows", async () => {
    const result = await read(MATRIZ, ["A4:A6", "B4:B6", "A9:A13", "B9:B13"]);
    expect(result.counts).toEqual({ activities: 2, alternatives: 2, tasks: 5, periods: 6 });
    expect(result.problems).toEqual([]);
    expect(outline(result.tree)).toEqual([
      {
        text: LEVANTAR,
        row: 4,
        children: [
          {
            text: "Fortalecer el proceso de caracterización",
            row: 4,
            children: [
              {
                text: "Solicitar la actualización del inventario",
                row: 4,
                responsables: [MIPG],
                periods: [{ start: "2026-02-01", end: "2026-03-31" }],
                evidence: "29 inventarios actualizados",
              },
              {
                text: "Apoyar en el desarrollo de procesos de caracterización",
                row: 5,
                responsables: ["Unidad de Atención al Ciudadano", MIPG],
                periods: [{ start: "2026-02-01", end: "2026-08-31" }],
                evidence: "2 procesos realizados",
              },
              {
                text: "Actualizar el documento de caracterización",
                row: 6,
                responsables: [MIPG],
                periods: [{ start: "2026-09-01", end: "2026-11-30" }],
                evidence: "(1) un Documento de caracterización de la\nAlcaldía de Pasto actualizado",
              },
            ],
          },
        ],
      },
      {
        text: INDICADORES,
        row: 9,
        children: [
          {
            text: "Apoyar en la formulación de los indicadores",
            row: 9,
            children: [
              {
                text: "Tomar acciones correctivas",
                row: 9,
                responsables: ["Equipo MIPG - Líderes de proceso"],
                periods: [{ start: "2026-12-16", end: "2026-12-31" }],
                evidence: "(1) acta de comité institucional",
              },
              {
                text: "Impartir directrices sobre los lineamientos",
                row: 10,
                responsables: [MIPG, "Líderes de proceso"],
                periods: [
                  { start: "2026-08-01", end: "2026-11-30" },
                  { start: "2026-12-01", end: "2026-12-20" },
                ],
                evidence: "(1) registro de asistencia",
              },
            ],
          },
        ],
      },
    ]);
  });

  it("gives every node a unique key from its texts, the same on every reading, whatever the spacing", async () => {
    const first = await read(MATRIZ, ["A4:A6", "B4:B6", "A9:A13", "B9:B13"]);
    // Flat, as LibreOffice saves it: no merges, the texts filled down with other spacing and accents kept.
    const flat = MATRIZ.map((row, at) =>
      at >= 3 && at !== 6
        ? row.map((cell) => (typeof cell === "string" ? cell.replace(/ /g, "  ") : cell))
        : row,
    );
    const second = await read(flat);
    const keys = (nodes: ParsedNode[]): string[] =>
      nodes.flatMap((node) => [node.key, ...keys(node.children)]);
    expect(keys(second.tree)).toEqual(keys(first.tree));
    expect(new Set(keys(first.tree)).size).toBe(keys(first.tree).length);
    const [task] = first.tree[0]?.children[0]?.children ?? [];
    expect(task?.key).toMatch(
      /^levantar-la-informacion-[0-9a-f]{8}\/fortalecer-el-proceso-de-[0-9a-f]{8}\/solicitar-la-actualizacion-del-[0-9a-f]{8}$/,
    );
  });

  it("tells two tasks written alike apart, and reads separate start and end columns", async () => {
    const result = await read([
      ["Actividades de gestión", "Qué", "Cómo", "Quién", "Fecha de inicio", "Fecha final", "Evidencias"],
      [
        "Gestionar riesgos",
        "Fortalecer la gestión",
        "Realizar seguimiento",
        "OPGI",
        "01/02/2026",
        "30/04/2026",
      ],
      [
        undefined,
        undefined,
        "Publicar el informe",
        "OPGI",
        new Date(Date.UTC(2026, 4, 1)),
        new Date(Date.UTC(2026, 4, 15)),
      ],
      [undefined, undefined, "Realizar seguimiento", "OPGI", "01/08/2026", "31/08/2026"],
    ]);
    const tasks = result.tree[0]?.children[0]?.children ?? [];
    expect(tasks.map((task) => task.periods)).toEqual([
      [{ start: "2026-02-01", end: "2026-04-30" }],
      [{ start: "2026-05-01", end: "2026-05-15" }],
      [{ start: "2026-08-01", end: "2026-08-31" }],
    ]);
    expect(tasks[2]?.key).toBe(`${tasks[0]?.key}~2`);
    expect(result.counts).toEqual({ activities: 1, alternatives: 1, tasks: 3, periods: 3 });
  });
});

describe("what a matrix reading reports, with its row", () => {
  it("periods that are not periods or end before they start, impossible days, rows without a task", async () => {
    const result = await read([
      HEADER,
      [undefined, undefined, undefined, "OPGI", "01/02/2026 - 31/03/2026"],
      ["Gestionar riesgos", "Fortalecer la gestión", "Actualizar el manual", MIPG, "Todo el año"],
      [undefined, undefined, "Consolidar la matriz", MIPG, "31/12/2026 - 01/12/2026"],
      [undefined, undefined, "Publicar la matriz", MIPG, "01/04/2026 - 31/04/2026"],
      ["Otra actividad", undefined, "Tarea suelta", MIPG, "01/02/2026 - 28/02/2026"],
      ["Tercera actividad", "Alternativa sin tareas"],
      ["Cuarta actividad", "Mejorar", "Tarea sin responsable", undefined, undefined],
    ]);
    expect(result.problems.map(({ row, severity, message }) => ({ row, severity, message }))).toEqual([
      {
        row: 2,
        severity: "error",
        message:
          "La fila tiene datos pero no hay una tarea a la que pertenezcan: escriba la tarea en la columna «Cómo», o junte la fila con la de su tarea.",
      },
      {
        row: 3,
        severity: "error",
        message:
          "«Todo el año» en la columna «Cuándo» no es un periodo. Escríbalo como día/mes/año de inicio y de fin, por ejemplo «01/02/2026 - 31/03/2026».",
      },
      {
        row: 4,
        severity: "error",
        message:
          "El periodo 31/12/2026 – 01/12/2026 termina antes de empezar: la fecha final es anterior a la de inicio.",
      },
      {
        row: 5,
        severity: "aviso",
        message:
          "La fecha final 31/04/2026 no existe (abril tiene 30 días); se guarda como está escrita. Corríjala en el archivo si es un error.",
      },
      {
        row: 6,
        severity: "error",
        message:
          "La tarea «Tarea suelta» no tiene una alternativa de mejora encima: escríbala en la columna «Qué».",
      },
      {
        row: 6,
        severity: "error",
        message: "La actividad de gestión «Otra actividad» no tiene alternativas de mejora ni tareas.",
      },
      {
        row: 7,
        severity: "error",
        message: "La alternativa de mejora «Alternativa sin tareas» no tiene tareas.",
      },
      {
        row: 8,
        severity: "error",
        message: "La tarea «Tarea sin responsable» no tiene responsable: escríbalo en la columna «Quién».",
      },
      {
        row: 8,
        severity: "error",
        message: "La tarea «Tarea sin responsable» no tiene fechas: escriba cuándo empieza y cuándo termina.",
      },
    ]);
    const tasks = result.tree[0]?.children[0]?.children ?? [];
    expect(tasks[0]?.periods).toEqual([{ start: null, end: null, raw: "Todo el año" }]);
    expect(tasks[2]?.periods).toEqual([{ start: "2026-04-01", end: null, raw: "01/04/2026 - 31/04/2026" }]);
  });
});

describe("a matrix headed with its plan type's level names", () => {
  const MEJORAMIENTO = ["Hallazgo", "Acción de mejora", "Tarea"];
  const rows: Rows = [
    ["PLAN DE MEJORAMIENTO 2026"],
    ["Hallazgo", "Acción de mejora", "Tarea", "Responsable", "Fecha inicio", "Fecha final", "Evidencias"],
    [
      "No se publicó el informe de PQRSD",
      "Publicar los informes a tiempo",
      "Programar la publicación",
      "OPGI",
      "01/02/2026",
      "28/02/2026",
      "Cronograma",
    ],
    [undefined, undefined, "Publicar el informe", "OPGI", "01/03/2026", "31/03/2026"],
  ];

  it("reads a plan de mejoramiento by «Hallazgo | Acción de mejora | Tarea», refused without the names", async () => {
    const file = await xlsx(rows);
    const result = await readPlanFile(file, "mejoramiento.xlsx", "matriz", { levelNames: MEJORAMIENTO });
    expect(result).toMatchObject({
      ok: true,
      problems: [],
      counts: { activities: 1, alternatives: 1, tasks: 2, periods: 2 },
      tree: [
        {
          text: "No se publicó el informe de PQRSD",
          children: [
            {
              text: "Publicar los informes a tiempo",
              children: [
                {
                  text: "Programar la publicación",
                  responsables: ["OPGI"],
                  periods: [{ start: "2026-02-01", end: "2026-02-28" }],
                  evidence: "Cronograma",
                },
                { text: "Publicar el informe", periods: [{ start: "2026-03-01", end: "2026-03-31" }] },
              ],
            },
          ],
        },
      ],
    });
    // Without the type's names, only the usual labels: what the walkthrough met.
    expect(await readPlanFile(file, "mejoramiento.xlsx", "matriz")).toMatchObject({
      ok: false,
      message: expect.stringMatching(
        /^Al archivo le faltan estas columnas: Actividades de gestión, Qué \(alternativas de mejora\)\./,
      ),
    });
  });

  it("takes names an administrator gave, plural or singular, before the usual labels, and names them in messages", async () => {
    // «Actividad» as the third level must not be read as «Actividades de gestión».
    const renamed = ["Hallazgo", "Acción correctiva", "Actividad"];
    const result = await readPlanFile(
      await xlsx([
        [
          "Hallazgos",
          "Acciones correctivas",
          "Actividades",
          "Responsables",
          "Fecha inicio",
          "Fecha final",
          "Evidencia",
        ],
        ["Hallazgo 1", "Corregir", "Revisar", "OPGI", "01/02/2026", "28/02/2026", "Acta"],
        ["Hallazgo 2", undefined, "Tarea sin acción", "OPGI", "01/02/2026", "28/02/2026"],
      ]),
      "mejoramiento.xlsx",
      "matriz",
      { levelNames: renamed },
    );
    if (!result.ok) throw new Error(result.message);
    expect(result.tree[0]?.children[0]?.children[0]).toMatchObject({
      text: "Revisar",
      responsables: ["OPGI"],
      evidence: "Acta",
    });
    expect(result.problems.map((p) => p.message)).toContain(
      "La tarea «Tarea sin acción» no tiene una alternativa de mejora encima: escríbala en la columna «Acción correctiva».",
    );
    const missing = await readPlanFile(
      await xlsx([["Hallazgo", "Responsable", "Fecha inicio", "Fecha final"]]),
      "mejoramiento.xlsx",
      "matriz",
      { levelNames: renamed },
    );
    expect(missing).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^Al archivo le faltan estas columnas: Acción correctiva, Actividad\./),
    });
  });

  it("keeps reading the usual matrix header when the type's names are given", async () => {
    const levelNames = ["Actividad de gestión", "Alternativa de mejora (qué)", "Tarea (cómo)"];
    const merges = ["A4:A6", "B4:B6", "A9:A13", "B9:B13"];
    const named = await readPlanFile(await xlsx(MATRIZ, merges), "matriz.xlsx", "matriz", { levelNames });
    const usual = await read(MATRIZ, merges);
    expect(named).toEqual(usual);
  });
});
