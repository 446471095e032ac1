// Chooses the storage driver from the settings (STORAGE_URL): the composition roots call this once.
import type { StorageSettings } from "../../config.ts";
import { localStorage } from "./storage.local.ts";
import { type S3Options, s3Storage } from "./storage.s3.ts";
import type { Storage } from "./storage.types.ts";

export function openStorage(settings: StorageSettings, options: S3Options = {}): Storage {
  if (settings.kind === "local") return localStorage(settings.dir);
  return s3Storage(settings, options);
}

/** Where the files are, for messages to the operator (no credentials are ever part of it). */
export function describeStorage(settings: StorageSettings): string {
  if (settings.kind === "local") return `la carpeta ${settings.dir}`;
  const where = settings.endpoint ? ` en ${settings.endpoint}` : "";
  return `el balde s3://${settings.bucket}/${settings.prefix}${where}`;
}
