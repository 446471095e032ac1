// The backup archive's lines: what each holds, the errors a restore reports in Spanish, and a reader that
// refuses a line too long before holding it whole.
import { checkKey, InvalidStorageKeyError } from "../core/storage/storage.keys.ts";

/**
 * The longest line a restore reads, so a hostile archive cannot make it buffer gigabytes. Far above
 * what a backup writes (file parts are 700 KB, table lines stop at 4 MB unless one row is larger), and a
 * backup refuses to write a longer one.
 */
export const MAX_LINE_BYTES = 32 * 1024 * 1024;

export type FileLine = { file: string; part: number; last: boolean; data: string };
export type TableLine = { table: string; rows: unknown[] };
export type EndLine = { end: true; tables: Record<string, number>; files: { count: number; bytes: number } };
export type Line = FileLine | TableLine | EndLine;

/** The archive is not a whole SIPAP backup this version can restore; nothing was changed. */
export class BackupFormatError extends Error {}

/** The storage refused a file of the backup; nothing was changed. */
export class BackupStorageError extends Error {}

export const incomplete = (what: string) => new BackupFormatError(`La copia está incompleta: ${what}.`);

export function isValidKey(key: string): boolean {
  try {
    checkKey(key);
    return true;
  } catch (error) {
    if (error instanceof InvalidStorageKeyError) return false;
    throw error;
  }
}

/** Lines of UTF-8 text, refusing one longer than MAX_LINE_BYTES before it is held whole. */
export async function* readLines(input: AsyncIterable<Buffer>): AsyncGenerator<string> {
  let pending: Buffer[] = [];
  let size = 0;
  const tooLong = () =>
    new BackupFormatError(
      `La copia está dañada: tiene una línea de más de ${MAX_LINE_BYTES / 1024 / 1024} MB.`,
    );
  try {
    for await (const chunk of input) {
      let start = 0;
      for (let newline = chunk.indexOf(10); newline !== -1; newline = chunk.indexOf(10, start)) {
        if (size + newline - start > MAX_LINE_BYTES) throw tooLong();
        pending.push(chunk.subarray(start, newline));
        yield Buffer.concat(pending).toString("utf8");
        pending = [];
        size = 0;
        start = newline + 1;
      }
      if (start < chunk.length) {
        size += chunk.length - start;
        if (size > MAX_LINE_BYTES) throw tooLong();
        pending.push(chunk.subarray(start));
      }
    }
  } catch (error) {
    if (error instanceof BackupFormatError) throw error;
    throw new BackupFormatError(
      `La copia está dañada o cortada (no se pudo descomprimir: ${(error as Error).message}).`,
      { cause: error },
    );
  }
  // Every line a backup writes ends in a newline: text after the last one is a line cut short.
  if (size > 0) throw incomplete("la última línea está cortada");
}

export async function readLine(iterator: AsyncIterator<string>): Promise<Line | undefined> {
  for (;;) {
    const { value, done } = await iterator.next();
    if (done) return undefined;
    if (!value.trim()) continue;
    let line: unknown;
    try {
      line = JSON.parse(value);
    } catch {
      throw new BackupFormatError("La copia está dañada: una línea no es JSON válido.");
    }
    if (isLine(line)) return line;
    throw new BackupFormatError("La copia está dañada: trae una línea que no se reconoce.");
  }
}

export function isLine(line: unknown): line is Line {
  if (typeof line !== "object" || line === null) return false;
  const l = line as Record<string, unknown>;
  if ("file" in l)
    return (
      typeof l.file === "string" &&
      Number.isSafeInteger(l.part) &&
      typeof l.last === "boolean" &&
      typeof l.data === "string"
    );
  if ("table" in l) return typeof l.table === "string" && Array.isArray(l.rows);
  if ("end" in l) {
    const files = l.files as Record<string, unknown> | null;
    return (
      l.end === true &&
      typeof l.tables === "object" &&
      l.tables !== null &&
      Object.values(l.tables).every((n) => Number.isSafeInteger(n)) &&
      typeof files === "object" &&
      files !== null &&
      Number.isSafeInteger(files.count) &&
      Number.isSafeInteger(files.bytes)
    );
  }
  return false;
}
