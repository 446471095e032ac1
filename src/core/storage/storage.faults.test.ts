// What a person sees when the file store fails during an upload, and what is left behind: on a real S3
// server stopped mid-request, and on a store that fails the second of two writes.
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestContext } from "../../../test/app.ts";
import { makeDependencia, makePerson, signIn } from "../../../test/factories.ts";
import { liaisonOf, openCampaign } from "../../../test/lists.ts";
import { fixture } from "../../../test/photos.ts";
import { type RunningS3, S3RVER_CREDENTIALS, startS3 } from "../../../test/s3.ts";
import { listSubmissions } from "../../carnetizacion/campaigns/campaigns.table.ts";
import { photos } from "../../carnetizacion/photos/photos.table.ts";
import { localStorage } from "./storage.local.ts";
import { s3Storage } from "./storage.s3.ts";
import { type Storage, storageUnavailable } from "./storage.types.ts";

const MESSAGE = "No se pudo guardar el archivo. Intente de nuevo en unos minutos.";
const BUCKET = "sipap-faults";
let s3: RunningS3;
let ctx: TestContext;
let storage: Storage;

beforeAll(async () => {
  s3 = await startS3({ buckets: [BUCKET] });
  storage = s3Storage(
    { bucket: BUCKET, prefix: "", endpoint: s3.endpoint, region: "us-east-1" },
    { credentials: S3RVER_CREDENTIALS },
  );
  ctx = await createTestApp({ storage });
});
afterAll(async () => {
  await ctx.database.close();
  await storage.close();
  await s3.dispose();
});

const photosOf = (personId: string) =>
  ctx.database.db.select().from(photos).where(eq(photos.personId, personId));

async function keysUnder(store: Storage, prefix: string) {
  const keys: string[] = [];
  for await (const key of store.list(prefix)) keys.push(key);
  return keys;
}

describe("an upload while the S3 server is down", () => {
  it("keeps the person on the photo form with a Spanish message, stores no row, and works once it is back", async () => {
    const person = await makePerson(ctx);
    const client = await signIn(ctx, person);
    const photo = { photo: { name: "foto.jpg", data: fixture("portrait-white-bg.jpg"), type: "image/jpeg" } };
    await s3.stop();
    try {
      const refused = await client.postFiles("/mi-foto", {}, photo);
      expect(refused.status).toBe(503);
      expect(await refused.text()).toContain(MESSAGE);
      expect(await photosOf(person.id)).toEqual([]);
    } finally {
      await s3.restart();
    }
    expect(await keysUnder(storage, `photos/${person.id}/`)).toEqual([]);

    const accepted = await client.postFiles("/mi-foto", {}, photo);
    expect(accepted.status).toBe(303);
    const [saved] = await photosOf(person.id);
    expect(saved?.state).toBe("en_revision");
    expect(await storage.has(saved?.portraitKey ?? "")).toBe(true);
  });

  it("keeps the liaison on the list form with the message and records no submission", async () => {
    const campaignId = await openCampaign(ctx);
    const dependencia = await makeDependencia(ctx);
    const { client } = await liaisonOf(ctx, dependencia.id);
    const leaving = await makePerson(ctx, { dependenciaId: dependencia.id });
    const csv = Buffer.from(`Nombre completo;Número de documento\nLuis Pérez;${leaving.documentNumber}\n`);
    const before = (await ctx.database.db.select().from(listSubmissions)).length;
    await s3.stop();
    try {
      const refused = await client.postFiles(
        `/dependencia/listas/${campaignId}/desvinculados`,
        {},
        { file: { name: "desvinculados.csv", data: csv, type: "text/csv" } },
      );
      expect(await refused.text()).toContain(MESSAGE);
      expect(refused.status).toBe(422);
    } finally {
      await s3.restart();
    }
    expect((await ctx.database.db.select().from(listSubmissions)).length).toBe(before);
    expect(await keysUnder(storage, "submissions/")).toEqual([]);
  });
});

describe("a store that fails the second of the photo's two files", () => {
  it("removes the first file too, so no copy of the photo is left without its row", async () => {
    const root = localStorage(mkdtempSync(path.join(os.tmpdir(), "sipap-half-")));
    let puts = 0;
    const halfBroken: Storage = {
      ...root,
      async put(key, body, options) {
        if (++puts === 2) throw storageUnavailable();
        return root.put(key, body, options);
      },
    };
    const app = await createTestApp({ database: ctx.database, storage: halfBroken });
    const person = await makePerson(app);
    const client = await signIn(app, person);
    const refused = await client.postFiles(
      "/mi-foto",
      {},
      { photo: { name: "foto.jpg", data: fixture("portrait-white-bg.jpg"), type: "image/jpeg" } },
    );
    expect(refused.status).toBe(503);
    expect(puts).toBe(2);
    expect(await keysUnder(root, "photos/")).toEqual([]);
    expect(await photosOf(person.id)).toEqual([]);
  });
});
