import type ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { HEADER, read, utc } from "../../../test/plan-grids.ts";
import type { ReadPlanResult } from "./sheets.types.ts";

// Dates must come out as the calendar day whatever the server's zone: run these west of UTC.
process.env.TZ = "America/Bogota";

const errors = (result: Extract<ReadPlanResult, { ok: true }>) =>
  result.problems
    .filter((problem) => problem.severity === "error")
    .map(({ row, message }) => ({ row, message }));

// An excerpt of the PAAC 2022 Anexo 1 with the quirks of the real file.

describe("what a PAAC reading reports, with its row", () => {
  it("a code repeated within a subcomponent (not across subcomponents), keeping both under unique keys", async () => {
    const result = await read({
      Plan: [
        ["Componente 1: Riesgos"],
        HEADER,
        ["Subcomponente 1. Política", "1.1 Socializar.", "P", "M", "OPGI", "13/01/2022", "13/01/2022"],
        [undefined, "1.1 Evaluar.", "P", "M", "OPGI", "13/01/2022", "13/01/2022"],
        ["Subcomponente 2. Gestión", "1.1 Actualizar.", "P", "M", "OPGI", "13/01/2022", "13/01/2022"],
      ],
    });
    expect(errors(result)).toEqual([
      {
        row: 4,
        message:
          "El código 1.1 se repite en el subcomponente 1 del componente 1 (filas 3 y 4): cada actividad necesita un código propio.",
      },
    ]);
    expect(result.tree[0]?.children.map((sub) => sub.children.map((a) => a.key))).toEqual([
      ["c1/s1/1.1", "c1/s1/1.1~2"],
      ["c1/s2/1.1"],
    ]);
  });

  it("a period that ends before it starts, a text that is no date, and dates that do not pair", async () => {
    const result = await read({
      Plan: [
        ["Componente 1: Riesgos"],
        HEADER,
        ["Subcomponente 1. Política", "1.1 Socializar.", "P", "M", "OPGI", "30/06/2022", "01/02/2022"],
        [undefined, "1.2 Evaluar.", "P", "M", "OPGI", "Permanente", "31/12/2022"],
        [undefined, "1.3 Publicar.", "P", "M", "OPGI", "01/05/2022\n01/10/2022", "01/06/2022"],
        [undefined, "1.4 Revisar.", "P", "M", "OPGI", "01/05/2022", undefined],
      ],
    });
    expect(errors(result)).toEqual([
      {
        row: 3,
        message:
          "El periodo 30/06/2022 – 01/02/2022 termina antes de empezar: la fecha final es anterior a la de inicio.",
      },
      {
        row: 4,
        message:
          "«Permanente» en la columna «Fecha Inicio» no es una fecha. Escríbala como día/mes/año, por ejemplo 13/01/2022.",
      },
      {
        row: 5,
        message:
          "Hay 2 fechas de inicio y 1 fechas finales en la misma fila: escriba una fecha final por cada fecha de inicio, en el mismo orden.",
      },
      { row: 6, message: "Falta la fecha final del periodo que empieza el 01/05/2022." },
    ]);
    const activities = result.tree[0]?.children[0]?.children ?? [];
    expect(activities[1]?.periods).toEqual([
      { start: null, end: "2022-12-31", raw: "Permanente - 31/12/2022" },
    ]);
    expect(activities[2]?.periods).toEqual([{ start: "2022-05-01", end: "2022-06-01" }]);
  });

  it("rows with no activity or component to belong to, leaves without responsable or dates, empty levels", async () => {
    const result = await read({
      Plan: [
        HEADER,
        ["Subcomponente 1. Antes", "1.1 Huérfana.", "P", "M", "OPGI", "13/01/2022", "13/01/2022"],
        [undefined, undefined, undefined, undefined, "OPGI"],
        ["Componente 1: Riesgos"],
        ["Subcomponente 1. Política", undefined, undefined, undefined, "OPGI", "13/01/2022", "13/01/2022"],
        [undefined, "1.1 Socializar.", "P", "M", undefined, undefined, undefined],
        ["Subcomponente 2. Vacío"],
        ["Componente 3: Sin nada"],
        ["Componente 4: Otro"],
      ],
    });
    expect(errors(result)).toEqual([
      {
        row: 2,
        message:
          "Esta fila y las siguientes no pertenecen a ningún componente: escriba arriba de ellas una fila con «Componente N: nombre del componente».",
      },
      {
        row: 5,
        message:
          "La fila tiene datos pero no hay una actividad a la que pertenezcan: escriba la actividad en la columna «Actividades», o junte la fila con la de su actividad.",
      },
      { row: 6, message: "La actividad 1.1 no tiene responsable: escríbalo en la columna «Responsable»." },
      { row: 6, message: "La actividad 1.1 no tiene fechas: escriba su fecha de inicio y su fecha final." },
      { row: 7, message: "El subcomponente 2 del componente 1 no tiene actividades." },
      { row: 8, message: "El componente 3 no tiene actividades." },
      { row: 9, message: "El componente 4 no tiene actividades." },
    ]);
  });

  it("a formula without a saved result reads as empty, with an aviso; a cached one is used, never evaluated", async () => {
    const result = await read({
      Plan: [
        ["Componente 1: Riesgos"],
        HEADER,
        [
          "Subcomponente 1. Política",
          "1.1 Socializar.",
          "P",
          { formula: 'CONCATENATE("1 informe", " de evaluación.")', result: "1 informe de evaluación." },
          { formula: '"OP"&"GI"', result: "OPGI" },
          { formula: "DATE(2022,1,13)", result: utc(2022, 1, 13) },
          { formula: "F3+30" } as ExcelJS.CellValue,
        ],
      ],
    });
    const activity = result.tree[0]?.children[0]?.children[0];
    expect(activity).toMatchObject({
      meta: "1 informe de evaluación.",
      metaQuantity: 1,
      responsables: ["OPGI"],
    });
    expect(result.problems).toContainEqual({
      row: 3,
      severity: "aviso",
      sheet: "Plan",
      message:
        "La celda G3 tiene una fórmula sin resultado guardado y se lee vacía. Abra el archivo en Excel, guárdelo y súbalo otra vez.",
    });
    expect(activity?.periods).toEqual([{ start: "2022-01-13", end: null, raw: "13/01/2022" }]);
  });

  it("names the sheet of each problem, also those found once the whole file is read", async () => {
    const result = await read({
      "Componente 1": [
        ["Componente 1: Riesgos"],
        HEADER,
        ["Subcomponente 1. Política", "1.1 Socializar.", "P", "M", undefined, "13/01/2022", "13/01/2022"],
      ],
      "Componente 2": [
        ["Componente 2: Trámites"],
        HEADER,
        ["Subcomponente 1. Racionalizar", "1.1 Simplificar.", "P", "M", "OPGI", "30/01/2022", "13/01/2022"],
      ],
    });
    expect(result.problems.map(({ sheet, row }) => [sheet, row])).toEqual([
      ["Componente 1", 3],
      ["Componente 2", 3],
    ]);
  });
});
