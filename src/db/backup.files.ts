// Restoring the files of a backup into storage, one streamed file at a time.
import { once } from "node:events";
import { PassThrough } from "node:stream";
import type { Storage } from "../core/storage/storage.types.ts";
import {
  BackupFormatError,
  BackupStorageError,
  type FileLine,
  incomplete,
  isValidKey,
} from "./backup.lines.ts";

interface Pending {
  key: string;
  part: number;
  body: PassThrough;
  done: Promise<void>;
  failure?: unknown;
}

/**
 * Streams one file's parts into storage as they are read, so a large PDF is never held whole. Remembers
 * the keys that were not in the storage before, so a restore that fails can take them away again.
 */
export class FileRestorer {
  private current: Pending | undefined;
  private readonly created: string[] = [];
  count = 0;
  bytes = 0;
  constructor(private readonly storage: Storage) {}

  async write(line: FileLine) {
    if (this.current && this.current.key !== line.file)
      throw incomplete(`falta el final del archivo ${this.current.key}`);
    if (!this.current) {
      if (line.part !== 0) throw incomplete(`falta el comienzo del archivo ${line.file}`);
      const key = keyOf(line.file);
      const existed = await this.storage.has(key);
      const body = new PassThrough();
      // The store reports its own failure through put(); a write after it gave up must not crash.
      body.on("error", () => {});
      const current: Pending = {
        key,
        part: 0,
        body,
        done: this.storage.put(key, body),
      };
      // Handled here so a failure is seen at the next write, not reported as unhandled meanwhile.
      current.done.catch((error) => {
        current.failure = error;
      });
      if (!existed) this.created.push(key);
      this.current = current;
    } else if (line.part !== this.current.part + 1)
      throw incomplete(`falta la parte ${this.current.part + 1} del archivo ${line.file}`);
    const current = this.current;
    current.part = line.part;
    if (current.failure) throw storeFailed(current.key, current.failure);
    const data = Buffer.from(line.data, "base64");
    this.bytes += data.length;
    try {
      // A store that fails stops reading: its rejection ends the wait that "drain" would never end.
      if (!current.body.write(data)) await drainOrSettle(current.body, current.done);
      if (line.last) {
        current.body.end();
        await current.done;
        this.current = undefined;
        this.count++;
      }
    } catch (error) {
      throw storeFailed(current.key, current.failure ?? error);
    }
  }

  /** Refuses a file whose last part never came. */
  finish() {
    if (this.current) throw incomplete(`falta el final del archivo ${this.current.key}`);
  }

  /** Stops the file being written and removes the files this restore added; best effort. */
  async undo() {
    const current = this.current;
    this.current = undefined;
    if (current) {
      current.body.destroy();
      await current.done.catch(() => {});
    }
    for (const key of this.created) await this.storage.delete(key).catch(() => {});
  }
}

function keyOf(file: string): string {
  if (!isValidKey(file))
    throw new BackupFormatError(
      `La copia trae un archivo con un nombre no válido: ${JSON.stringify(file.slice(0, 100))}.`,
    );
  return file;
}

function storeFailed(key: string, error: unknown): BackupStorageError {
  const cause = (error as { cause?: unknown })?.cause ?? error;
  const detail = cause instanceof Error ? cause.message : String(cause);
  return new BackupStorageError(
    `No se pudo guardar el archivo ${key} en el almacenamiento (${detail}). No se cambió ningún dato.`,
    { cause: error },
  );
}

async function drainOrSettle(body: PassThrough, done: Promise<void>): Promise<void> {
  const stop = new AbortController();
  const drained = once(body, "drain", { signal: stop.signal });
  drained.catch(() => {}); // aborted below when the put settles first
  try {
    await Promise.race([drained, done]);
  } finally {
    stop.abort();
  }
}
