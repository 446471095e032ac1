// Writes the two plan workbooks the demo ships (src/demo/plans/*.xlsx) from the seed transcriptions beside them.
// Run after changing a transcription or the writer: `npx tsx scripts/make-demo-plans.ts`. A file whose content
// did not change is left alone (a zip stamps every entry with the time it was written, so the bytes would).
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { unzipSync } from "fflate";
import { buildMatrizWorkbook, buildPaacWorkbook, workbookBuffer } from "../src/demo/plans/plans.workbook.ts";

const folder = path.resolve(import.meta.dirname, "../src/demo/plans");

function sameContent(a: Buffer, b: Buffer): boolean {
  const [left, right] = [unzipSync(a), unzipSync(b)];
  const names = Object.keys(left);
  return (
    names.length === Object.keys(right).length &&
    names.every(
      (name) => right[name] !== undefined && Buffer.from(left[name] ?? []).equals(right[name] ?? []),
    )
  );
}

const files = [
  ["paac-2022.xlsx", buildPaacWorkbook()],
  ["matriz-operativa-2026.xlsx", buildMatrizWorkbook()],
] as const;
for (const [name, workbook] of files) {
  const file = path.join(folder, name);
  const bytes = await workbookBuffer(workbook);
  if (existsSync(file) && sameContent(readFileSync(file), bytes)) {
    console.log(`${name}: unchanged`);
    continue;
  }
  writeFileSync(file, bytes);
  console.log(`${name}: ${bytes.length} bytes written`);
}
