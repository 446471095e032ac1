import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { neutralizeCell, writeSheet } from "./xlsx.ts";

describe("spreadsheet exports", () => {
  it.each([
    ['=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'],
    ["+57 300", "'+57 300"],
    ["-1+2", "'-1+2"],
    ["@SUM(A1)", "'@SUM(A1)"],
    ["\t=1", "'\t=1"],
    ["Ana María", "Ana María"],
  ])("neutralises %j", (input, expected) => {
    expect(neutralizeCell(input)).toBe(expected);
  });

  it("writes a file another reader opens, with headers, values and no formula cells", async () => {
    const file = await writeSheet(
      "Carnets",
      [
        { header: "Nombre", value: (r: { name: string; n: number }) => r.name },
        { header: "Número", value: (r) => r.n },
      ],
      [
        { name: "=cmd|' /C calc'!A0", n: 7 },
        { name: "José Nariño", n: 8 },
      ],
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file as never);
    const sheet = workbook.worksheets[0];
    expect(sheet?.name).toBe("Carnets");
    expect(sheet?.getRow(1).values).toEqual([undefined, "Nombre", "Número"]);
    expect(sheet?.getCell("A2").value).toBe("'=cmd|' /C calc'!A0");
    expect(sheet?.getCell("A2").formula).toBeUndefined();
    expect(sheet?.getCell("A3").value).toBe("José Nariño");
    expect(sheet?.getCell("B3").value).toBe(8);
  });
});
