// Files under one directory (DATA_DIR/files by default), written aside and renamed so a reader never
// sees half a file.
import { randomBytes } from "node:crypto";
import { createWriteStream } from "node:fs";
import { access, mkdir, open, readdir, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { checkKey, checkPrefix } from "./storage.keys.ts";
import { type Storage, storageUnavailable } from "./storage.types.ts";

const PARTIAL = ".partial";

async function* walk(dir: string, relative: string): AsyncGenerator<string> {
  let entries: import("node:fs").Dirent[];
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return;
    throw error;
  }
  for (const entry of entries) {
    const key = relative ? `${relative}/${entry.name}` : entry.name;
    if (entry.isDirectory()) yield* walk(path.join(dir, entry.name), key);
    else if (entry.isFile() && !entry.name.endsWith(PARTIAL)) yield key;
  }
}

export function localStorage(root: string): Storage {
  const resolve = (key: string) => path.join(root, checkKey(key));
  return {
    kind: "local",
    async put(key, body) {
      const file = resolve(key);
      await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
      // A random suffix: two instances writing the same key at once each rename a whole file.
      const partial = `${file}.${process.pid}-${randomBytes(4).toString("hex")}${PARTIAL}`;
      try {
        if (Buffer.isBuffer(body)) await writeFile(partial, body, { mode: 0o600 });
        else await pipeline(body, createWriteStream(partial, { mode: 0o600 }));
        await rename(partial, file);
      } catch (error) {
        await rm(partial, { force: true });
        // A full disk or a read-only mount: the user sees the same "try again" message as with S3.
        throw Object.assign(storageUnavailable(), { cause: error });
      }
    },
    async get(key) {
      const file = resolve(key);
      try {
        // Opening first turns a missing file into undefined instead of a stream that errors later.
        const handle = await open(file);
        return handle.createReadStream();
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
        throw error;
      }
    },
    async has(key) {
      const file = resolve(key);
      try {
        await access(file);
        return true;
      } catch {
        return false;
      }
    },
    async delete(key) {
      await rm(resolve(key), { force: true });
    },
    async *list(prefix) {
      checkPrefix(prefix);
      // Walk only the deepest directory the prefix names, then filter by the rest of it.
      const base = prefix.includes("/") ? prefix.slice(0, prefix.lastIndexOf("/")) : "";
      for await (const key of walk(path.join(root, base), base)) if (key.startsWith(prefix)) yield key;
    },
    async close() {},
  };
}
