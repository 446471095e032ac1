// The vigencia aviso alone: which periods count as outside the plan's year (imports.uploads.test.ts has it on a page).
import { describe, expect, it } from "vitest";
import { vigenciaAviso } from "./imports.preview.ts";
import type { FlatItem } from "./imports.rules.ts";

const item = (row: number | null, periods: FlatItem["periods"]): FlatItem => ({
  key: `k${row}`,
  parentKey: null,
  level: 3,
  position: 0,
  code: null,
  text: "Tarea",
  product: null,
  meta: null,
  metaQuantity: null,
  metaUnit: null,
  evidence: null,
  note: null,
  weight: null,
  row,
  responsables: [],
  periods,
});
const period = (start: string | null, end: string | null, written: string | null = null) => ({
  start,
  end,
  written,
});

describe("periods outside the plan's vigencia", () => {
  it("leaves alone periods in the year or overlapping it, and those an impossible date leaves unknown", () => {
    const items = [
      item(3, [period("2023-01-13", "2023-01-31")]),
      item(4, [period("2022-11-01", "2023-02-28"), period("2023-12-01", "2024-03-31")]),
      item(5, [period("2022-04-01", null, "01/04/2022 - 31/04/2022")]),
      item(6, [period(null, "2024-02-15", "31/02/2024 - 15/02/2024")]),
    ];
    expect(vigenciaAviso(items, 2023)).toBeUndefined();
  });

  it("sums up those that end before it starts or start after it ends in one aviso, the first as example", () => {
    const items = [
      item(12, [period("2022-01-13", "2022-01-13"), period("2023-02-01", "2023-02-28")]),
      item(13, [period("2024-01-02", "2024-06-30")]),
      item(14, [period(null, "2022-12-31", "31/11/2022 - 31/12/2022")]),
    ];
    expect(vigenciaAviso(items, 2023)).toEqual({
      row: 0,
      severity: "aviso",
      message:
        "3 periodos están fuera de la vigencia 2023 del plan (por ejemplo, fila 12: 13/01/2022 – 13/01/2022). Revise que cargó el archivo correcto.",
    });
    expect(vigenciaAviso([item(null, [period("2024-01-02", "2024-06-30")])], 2023)?.message).toBe(
      "1 periodo está fuera de la vigencia 2023 del plan (por ejemplo, 02/01/2024 – 30/06/2024). Revise que cargó el archivo correcto.",
    );
  });
});
