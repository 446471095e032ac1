// The private file store (photos, originals, batch PDFs, list files) behind one interface. Files are
// never served by path: routes read them through here after checking permission.
import { Readable } from "node:stream";
import { AppError } from "../../shared/errors.ts";

export interface PutOptions {
  contentType?: string;
}

export interface Storage {
  /** "local" or "s3", for logs and the backup header. */
  readonly kind: "local" | "s3";
  /**
   * Stores a whole file under a key, replacing any earlier one. Either the complete file becomes
   * readable or nothing does: a failed put leaves the key as it was.
   */
  put(key: string, body: Readable | Buffer, options?: PutOptions): Promise<void>;
  /** A stream of the file, or undefined when there is none. */
  get(key: string): Promise<Readable | undefined>;
  /** Whether a file is there, without reading it. */
  has(key: string): Promise<boolean>;
  /** Removes a file; removing a missing one is not an error (retention may run twice). */
  delete(key: string): Promise<void>;
  /** Every key that starts with the prefix, in no promised order. */
  list(prefix: string): AsyncIterable<string>;
  /** Releases connections (S3 client sockets); the local driver has nothing to release. */
  close(): Promise<void>;
}

/** The store could not be reached or refused the write: the user may try again later. */
export const storageUnavailable = () =>
  new AppError(
    "storage.unavailable",
    503,
    "No se pudo guardar el archivo. Intente de nuevo en unos minutos.",
  );

export const storageUnreadable = () =>
  new AppError("storage.unreadable", 503, "No se pudo leer el archivo. Intente de nuevo en unos minutos.");

export async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
  return Buffer.concat(chunks);
}

/** For callers that need the bytes at once (image processing, PDF layout, ZIP archives). */
export async function getBuffer(storage: Storage, key: string): Promise<Buffer | undefined> {
  const stream = await storage.get(key);
  return stream && readAll(stream);
}

/** A web stream for an HTTP response body, from a stored file. */
export const toWebStream = (stream: Readable) => Readable.toWeb(stream) as ReadableStream<Uint8Array>;
