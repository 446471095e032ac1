// Real tools on real PDFs: poppler (pdfinfo, pdftoppm, pdftotext) and zbar (zbarimg) read what a printer would.
import { execFile } from "node:child_process";
import { mkdtemp, readdir, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

async function tempPdf(pdf: Buffer) {
  const dir = await mkdtemp(path.join(os.tmpdir(), "sipap-pdf-"));
  const file = path.join(dir, "lote.pdf");
  await writeFile(file, pdf);
  return { dir, file };
}

/** Each page's size in millimetres, as pdfinfo reports it. */
export async function pageSizesMm(pdf: Buffer): Promise<{ width: number; height: number }[]> {
  const { file } = await tempPdf(pdf);
  const { stdout } = await run("pdfinfo", ["-f", "1", "-l", "9999", file]);
  return [...stdout.matchAll(/Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts/g)].map((m) => ({
    width: (Number(m[1]) * 25.4) / 72,
    height: (Number(m[2]) * 25.4) / 72,
  }));
}

/** Rasterises one page at 300 dpi and returns every QR code zbar finds on it. */
export async function readQrCodes(pdf: Buffer, page: number): Promise<string[]> {
  const { dir, file } = await tempPdf(pdf);
  await run("pdftoppm", [
    "-r",
    "300",
    "-f",
    String(page),
    "-l",
    String(page),
    "-png",
    file,
    path.join(dir, "page"),
  ]);
  const png = (await readdir(dir)).find((name) => name.endsWith(".png"));
  if (!png) throw new Error("pdftoppm wrote no page");
  try {
    const { stdout } = await run("zbarimg", [
      "--raw",
      "-q",
      "-Sdisable",
      "-Sqrcode.enable",
      path.join(dir, png),
    ]);
    return stdout.split("\n").filter(Boolean);
  } catch (error) {
    // zbarimg exits with 4 when it finds no symbol.
    if ((error as { code?: number }).code === 4) return [];
    throw error;
  }
}

export async function pageText(pdf: Buffer, page: number): Promise<string> {
  const { file } = await tempPdf(pdf);
  const { stdout } = await run("pdftotext", ["-f", String(page), "-l", String(page), "-layout", file, "-"]);
  return stdout;
}
