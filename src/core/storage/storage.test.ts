// The same behaviour on both drivers: a temporary directory, and a real S3 server (s3rver) on loopback.
import { mkdtempSync, readdirSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningS3, S3RVER_CREDENTIALS, startS3 } from "../../../test/s3.ts";
import { AppError } from "../../shared/errors.ts";
import { InvalidStorageKeyError } from "./storage.keys.ts";
import { localStorage } from "./storage.local.ts";
import { s3Storage } from "./storage.s3.ts";
import { getBuffer, type Storage } from "./storage.types.ts";

const BUCKET = "sipap-storage-test";
let s3: RunningS3;
let localRoot: string;
const stores: Record<string, Storage> = {};

beforeAll(async () => {
  s3 = await startS3({ buckets: [BUCKET] });
  localRoot = mkdtempSync(path.join(os.tmpdir(), "sipap-storage-"));
  stores.local = localStorage(localRoot);
  stores.s3 = s3Storage(
    { bucket: BUCKET, prefix: "instalacion/", endpoint: s3.endpoint, region: "us-east-1" },
    { credentials: S3RVER_CREDENTIALS },
  );
});
afterAll(async () => {
  for (const store of Object.values(stores)) await store.close();
  await s3?.dispose();
});

/** Deterministic bytes, so a reordered or truncated copy cannot compare equal. */
function pattern(bytes: number, seed = 7): Buffer {
  const data = Buffer.alloc(bytes);
  for (let i = 0; i < bytes; i++) data[i] = (i * 31 + seed + (i >> 11)) & 0xff;
  return data;
}

/** A body sent in 64 KiB chunks, as a request body or file stream arrives. */
function chunked(data: Buffer): Readable {
  let offset = 0;
  return new Readable({
    read() {
      if (offset >= data.length) return this.push(null);
      this.push(data.subarray(offset, offset + 65_536));
      offset += 65_536;
    },
  });
}

async function keysUnder(store: Storage, prefix: string) {
  const keys: string[] = [];
  for await (const key of store.list(prefix)) keys.push(key);
  return keys.sort();
}

describe.each(["local", "s3"])("storage on the %s driver", (driver) => {
  const store = () => stores[driver] as Storage;
  const unique = () => `t/${crypto.randomUUID()}`;

  it("gives back a streamed 5 MB file byte for byte", async () => {
    const data = pattern(5 * 1024 * 1024 + 123);
    const key = `${unique()}/grande.bin`;
    await store().put(key, chunked(data), { contentType: "application/octet-stream" });
    const back = await getBuffer(store(), key);
    expect(back?.length).toBe(data.length);
    expect(back?.equals(data)).toBe(true);
  });

  it("knows what it has, lists by prefix and forgets what it deleted", async () => {
    const base = unique();
    await store().put(`${base}/a/uno.jpg`, Buffer.from("1"));
    await store().put(`${base}/a/dos.jpg`, Buffer.from("2"));
    await store().put(`${base}/b/tres.jpg`, Buffer.from("3"));
    await store().put(`${base}-otro/cuatro.jpg`, Buffer.from("4"));
    expect(await store().has(`${base}/a/uno.jpg`)).toBe(true);
    expect(await keysUnder(store(), `${base}/a/`)).toEqual([`${base}/a/dos.jpg`, `${base}/a/uno.jpg`]);
    expect(await keysUnder(store(), `${base}/`)).toHaveLength(3);
    // A prefix that is not a whole folder still matches by its start, as S3 does.
    expect(await keysUnder(store(), `${base}/a/u`)).toEqual([`${base}/a/uno.jpg`]);

    await store().delete(`${base}/a/uno.jpg`);
    expect(await store().has(`${base}/a/uno.jpg`)).toBe(false);
    expect(await store().get(`${base}/a/uno.jpg`)).toBeUndefined();
    expect(await keysUnder(store(), `${base}/a/`)).toEqual([`${base}/a/dos.jpg`]);
    // Retention may run twice: deleting what is gone is not an error.
    await expect(store().delete(`${base}/a/uno.jpg`)).resolves.toBeUndefined();
  });

  it("replaces a file written again under the same key", async () => {
    const key = `${unique()}/lista.csv`;
    await store().put(key, Buffer.from("primera versión, más larga"));
    await store().put(key, chunked(Buffer.from("segunda")));
    expect((await getBuffer(store(), key))?.toString()).toBe("segunda");
  });

  it("answers undefined and false for a key that was never written", async () => {
    const key = `${unique()}/nada.pdf`;
    expect(await store().get(key)).toBeUndefined();
    expect(await store().has(key)).toBe(false);
    expect(await keysUnder(store(), `${unique()}/`)).toEqual([]);
  });

  it.each([
    "../fuera.jpg",
    "photos/../../etc/passwd",
    "/etc/passwd",
    "photos\\..\\x.jpg",
    "photos//x.jpg",
    ".oculto",
    "Photos/X.JPG",
    "photos/x.jpg\u0000",
    "",
  ])("refuses the key %j on every operation", async (key) => {
    await expect(store().put(key, Buffer.from("x"))).rejects.toBeInstanceOf(InvalidStorageKeyError);
    await expect(store().get(key)).rejects.toBeInstanceOf(InvalidStorageKeyError);
    await expect(store().has(key)).rejects.toBeInstanceOf(InvalidStorageKeyError);
    await expect(store().delete(key)).rejects.toBeInstanceOf(InvalidStorageKeyError);
  });

  it("refuses to list outside its root", async () => {
    await expect(keysUnder(store(), "../")).rejects.toBeInstanceOf(InvalidStorageKeyError);
    await expect(keysUnder(store(), "/etc/")).rejects.toBeInstanceOf(InvalidStorageKeyError);
  });

  it("leaves nothing under the key when the body fails midway, and keeps the earlier file", async () => {
    const key = `${unique()}/foto.jpg`;
    await store().put(key, Buffer.from("la foto anterior"));
    let sent = 0;
    const failing = new Readable({
      read() {
        if (sent++ < 3) this.push(pattern(65_536, sent));
        else this.destroy(new Error("client went away"));
      },
    });
    const error = await store()
      .put(key, failing)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).userMessage).toBe(
      "No se pudo guardar el archivo. Intente de nuevo en unos minutos.",
    );
    expect((await getBuffer(store(), key))?.toString()).toBe("la foto anterior");
    expect(await keysUnder(store(), key.slice(0, key.lastIndexOf("/") + 1))).toEqual([key]);
  });
});

describe("the local driver", () => {
  it("leaves no partial files beside the stored ones", async () => {
    const root = mkdtempSync(path.join(os.tmpdir(), "sipap-storage-"));
    const store = localStorage(root);
    await store.put("a/b.jpg", chunked(pattern(300_000)));
    await store.put("a/b.jpg", Buffer.from("otra"));
    expect(readdirSync(path.join(root, "a"))).toEqual(["b.jpg"]);
  });
});

describe("the S3 driver when the server stops during an upload", () => {
  it("rejects with the Spanish message and nothing is readable under the key afterwards", async () => {
    const store = s3Storage(
      { bucket: BUCKET, prefix: "", endpoint: s3.endpoint, region: "us-east-1" },
      { credentials: S3RVER_CREDENTIALS },
    );
    const key = `caida/${crypto.randomUUID()}/lote.pdf`;
    // More than one 5 MB part, so the upload is multipart; the rest is held back until the server is down.
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let pushed = 0;
    const body = new Readable({
      read() {
        if (pushed === 6) {
          pushed++;
          void held.then(() => {
            this.push(pattern(2 * 1024 * 1024));
            this.push(null);
          });
        } else if (pushed < 6) this.push(pattern(1024 * 1024, pushed++));
      },
    });
    const upload = store.put(key, body).catch((e: unknown) => e);
    // Wait until the first part reached the server, then stop it with the connection open.
    await waitFor(() =>
      readdirSync(s3.directory, { recursive: true }).some((f) => String(f).includes("uploads")),
    );
    await s3.stop();
    release();
    const error = await upload;
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).userMessage).toBe(
      "No se pudo guardar el archivo. Intente de nuevo en unos minutos.",
    );

    await s3.restart();
    expect(await store.get(key)).toBeUndefined();
    expect(await store.has(key)).toBe(false);
    await store.close();
  });
});

async function waitFor(condition: () => boolean, ms = 20_000) {
  const until = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > until) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
