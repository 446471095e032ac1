// An anonymous visitor cannot make the server render a published plan over and over: a plan's page and
// files are tagged from what decides their bytes (version, state, version in force, code), a revalidation
// is answered before any rendering, the anonymous page is rendered once into a memo, and the first
// downloads of a version's PDF render it once however many arrive together. The renderers are counted
// through their modules; every one still runs its real code.
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestApp, TestClient, type TestContext } from "../../../test/app.ts";
import { makeDependencia, makePerson, signIn } from "../../../test/factories.ts";
import { createTestStorage } from "../../../test/storage.ts";
import type { Storage } from "../../core/storage/storage.types.ts";
import { plans, planVersions } from "../plans/plans.table.ts";
import type { PlanSnapshot } from "../plans/plans.types.ts";
import { examplePlanSnapshots } from "./publication.example.ts";
import { RecentlyUsed, singleFlight } from "./publication.memo.ts";
import { storageKeyOf } from "./publication.rules.ts";

const counted = vi.hoisted(() => ({
  pages: 0,
  csv: 0,
  pdf: 0,
  /** Holds every PDF rendering until it opens (set by a test that needs renders to overlap). */
  pdfGate: Promise.resolve() as Promise<unknown>,
}));

vi.mock("./publication.plan.views.tsx", async (original) => {
  const actual = await original<typeof import("./publication.plan.views.tsx")>();
  return {
    ...actual,
    PlanPage: (props: Parameters<typeof actual.PlanPage>[0]) => {
      counted.pages++;
      return actual.PlanPage(props);
    },
  };
});
vi.mock("./publication.exports.ts", async (original) => {
  const actual = await original<typeof import("./publication.exports.ts")>();
  return {
    ...actual,
    planCsv: (snapshot: PlanSnapshot) => {
      counted.csv++;
      return actual.planCsv(snapshot);
    },
  };
});
vi.mock("./publication.pdf.ts", async (original) => {
  const actual = await original<typeof import("./publication.pdf.ts")>();
  return {
    ...actual,
    planPdf: async (...args: Parameters<typeof actual.planPdf>) => {
      counted.pdf++;
      await counted.pdfGate;
      return actual.planPdf(...args);
    },
  };
});

let ctx: TestContext;
const reads: string[] = [];
const writes: string[] = [];
let onRead = (_key: string) => {};

/** The test storage, with its reads and writes listed. */
function watched(storage: Storage): Storage {
  return {
    kind: storage.kind,
    put: (key, body, options) => {
      writes.push(key);
      return storage.put(key, body, options);
    },
    get: (key) => {
      reads.push(key);
      onRead(key);
      return storage.get(key);
    },
    has: (key) => storage.has(key),
    delete: (key) => storage.delete(key),
    list: (prefix) => storage.list(prefix),
    close: () => storage.close(),
  };
}

const [firstSnapshot, secondSnapshot] = examplePlanSnapshots() as [PlanSnapshot, PlanSnapshot];

/** A plan with version 1 published. */
async function insertPlan() {
  const owner = await makeDependencia(ctx);
  const slug = `paac-2022-${randomUUID().slice(0, 8)}`;
  const [plan] = await ctx.database.db
    .insert(plans)
    .values({
      typeKey: "paac",
      year: 2022,
      ownerDependenciaId: owner.id,
      title: "PAAC",
      slug,
      status: "publicado",
    })
    .returning();
  if (!plan) throw new Error("plan not inserted");
  await publish(plan.id, slug, firstSnapshot);
  return { planId: plan.id, slug };
}

async function publish(planId: string, slug: string, snapshot: PlanSnapshot) {
  await ctx.database.db.insert(planVersions).values({
    planId,
    number: snapshot.version,
    reason: snapshot.reason,
    createdAt: new Date(snapshot.publishedAt),
    publishedAt: new Date(snapshot.publishedAt),
    snapshot: { ...snapshot, planId, slug },
  });
}

const anonymous = (path: string, etag?: string) =>
  ctx.app.request(path, { headers: etag ? { "if-none-match": etag } : {} });

beforeAll(async () => {
  ctx = await createTestApp({ storage: watched(createTestStorage()) });
});
afterAll(() => ctx.database.close());

describe("a published plan's page for anonymous visitors", () => {
  it("answers a revalidation with 304 without rendering, and renders a page once for everyone", async () => {
    const plan = await insertPlan();
    const path = `/transparencia/planes/${plan.slug}`;
    const first = await anonymous(path);
    expect(first.status).toBe(200);
    const html = await first.text();
    const etag = first.headers.get("etag") ?? "";
    expect(etag).toMatch(/^"[\w-]{27}"$/);
    expect(etag).not.toContain(plan.planId);
    expect(first.headers.get("cache-control")).toBe("public, max-age=300");
    const rendered = counted.pages;

    const again = await anonymous(path, etag);
    expect(again.status).toBe(304);
    expect(again.headers.get("etag")).toBe(etag);
    const repeated = await anonymous(path);
    expect(await repeated.text()).toBe(html);
    expect(repeated.headers.get("etag")).toBe(etag);
    expect(counted.pages).toBe(rendered);

    // Another address of the same version is another page (its own tag).
    const byNumber = await anonymous(`${path}/version/1`);
    expect(byNumber.status).toBe(200);
    expect(byNumber.headers.get("etag")).not.toBe(etag);
  });

  it("changes the tag when the plan is closed, and serves the new page, not the memo's", async () => {
    const plan = await insertPlan();
    const path = `/transparencia/planes/${plan.slug}`;
    const before = await anonymous(path);
    const etag = before.headers.get("etag") ?? "";
    // A 2022 plan seen in 2026 (the test clock): its year is over, but it is not closed.
    expect(await before.text()).toContain("<dt>Estado</dt><dd>Vigencia 2022 terminada</dd>");
    await ctx.database.db.update(plans).set({ status: "cerrado" }).where(eq(plans.id, plan.planId));
    const after = await anonymous(path, etag);
    expect(after.status).toBe(200);
    expect(after.headers.get("etag")).not.toBe(etag);
    expect(await after.text()).toContain("<dt>Estado</dt><dd>Vigencia cerrada</dd>");
  });

  it("changes the tags of the plan and of its older version when a new version is published", async () => {
    const plan = await insertPlan();
    const path = `/transparencia/planes/${plan.slug}`;
    const latest = (await anonymous(path)).headers.get("etag") ?? "";
    const older = await anonymous(`${path}/version/1`);
    const olderTag = older.headers.get("etag") ?? "";
    expect(await older.text()).not.toContain("Esta no es la versión vigente");
    await publish(plan.planId, plan.slug, secondSnapshot);

    const now = await anonymous(path, latest);
    expect(now.status).toBe(200);
    expect(await now.text()).toContain("Versión 2 (esta página)");
    const olderNow = await anonymous(`${path}/version/1`, olderTag);
    expect(olderNow.status).toBe(200);
    expect(await olderNow.text()).toContain("Esta no es la versión vigente.");
  });

  it("renders a signed-in person's page for them only: private, never from or into the memo", async () => {
    const plan = await insertPlan();
    const path = `/transparencia/planes/${plan.slug}`;
    await anonymous(path);
    const person = await makePerson(ctx, { roles: ["planeacion"] });
    const client = await signIn(ctx, person);
    const rendered = counted.pages;
    const mine = await client.get(path);
    expect(mine.headers.get("cache-control")).toBe("private, no-cache");
    expect(await mine.text()).toContain(`<span class="site-nav__name">${person.firstNames}</span>`);
    expect(counted.pages).toBe(rendered + 1);
    const visitor = await new TestClient(ctx.app).get(path);
    const seen = await visitor.text();
    expect(seen).not.toContain("site-nav__name");
    expect(seen).not.toContain('action="/salir"');
  });
});

describe("every public page", () => {
  it("says it varies with the cookie, since a signed-in person's differs", async () => {
    const plan = await insertPlan();
    const client = await signIn(ctx, await makePerson(ctx));
    for (const path of ["/transparencia", "/transparencia/planes", `/transparencia/planes/${plan.slug}`]) {
      expect((await anonymous(path)).headers.get("vary")).toBe("Cookie");
      expect((await client.get(path)).headers.get("vary")).toBe("Cookie");
    }
  });
});

describe("the downloads", () => {
  it("tag every file by a hash that does not show the plan's internal id", async () => {
    const plan = await insertPlan();
    for (const file of ["plan.pdf", "plan.xlsx", "datos.csv", "datos.json"]) {
      const response = await anonymous(`/transparencia/planes/${plan.slug}/${file}?version=1`);
      expect(response.status).toBe(200);
      const etag = response.headers.get("etag") ?? "";
      expect(etag).toMatch(/^"[\w-]{27}"$/);
      expect(etag).not.toContain(plan.planId);
    }
  });

  it("answer a revalidation without rendering or reading the file", async () => {
    const plan = await insertPlan();
    const csvPath = `/transparencia/planes/${plan.slug}/datos.csv`;
    const csvTag = (await anonymous(csvPath)).headers.get("etag") ?? "";
    const csvRenders = counted.csv;
    expect((await anonymous(csvPath, csvTag)).status).toBe(304);
    expect(counted.csv).toBe(csvRenders);

    const pdfPath = `/transparencia/planes/${plan.slug}/plan.pdf`;
    const pdfTag = (await anonymous(pdfPath)).headers.get("etag") ?? "";
    const [readsBefore, pdfRenders] = [reads.length, counted.pdf];
    expect((await anonymous(pdfPath, pdfTag)).status).toBe(304);
    expect(reads.length).toBe(readsBefore);
    expect(counted.pdf).toBe(pdfRenders);
  });

  it("change the JSON's tag (it says the state) when the plan is closed, not the CSV's", async () => {
    const plan = await insertPlan();
    const tagOf = async (file: string) =>
      (await anonymous(`/transparencia/planes/${plan.slug}/${file}`)).headers.get("etag");
    const [csv, json] = [await tagOf("datos.csv"), await tagOf("datos.json")];
    await ctx.database.db.update(plans).set({ status: "cerrado" }).where(eq(plans.id, plan.planId));
    expect(await tagOf("datos.csv")).toBe(csv);
    expect(await tagOf("datos.json")).not.toBe(json);
  });

  it("render a version's PDF once when its first downloads arrive together, and store it once", async () => {
    const plan = await insertPlan();
    const path = `/transparencia/planes/${plan.slug}/plan.pdf?version=1`;
    const key = storageKeyOf(plan.planId, 1, "pdf");
    // The rendering waits until both requests have looked in storage and found nothing.
    let open = () => {};
    counted.pdfGate = new Promise((resolve) => {
      open = () => resolve(undefined);
    });
    onRead = (read) => {
      if (reads.filter((k) => k === key).length === 2 && read === key) open();
    };
    const rendersBefore = counted.pdf;
    try {
      const [one, two] = await Promise.all([anonymous(path), anonymous(path)]);
      const [a, b] = [Buffer.from(await one.arrayBuffer()), Buffer.from(await two.arrayBuffer())];
      expect([one.status, two.status]).toEqual([200, 200]);
      expect(a.subarray(0, 5).toString()).toBe("%PDF-");
      expect(a.equals(b)).toBe(true);
    } finally {
      counted.pdfGate = Promise.resolve();
      onRead = () => {};
    }
    expect(reads.filter((k) => k === key)).toHaveLength(2);
    expect(counted.pdf - rendersBefore).toBe(1);
    expect(writes.filter((k) => k === key)).toHaveLength(1);
    // Later downloads read the stored file.
    expect((await anonymous(path)).status).toBe(200);
    expect(counted.pdf - rendersBefore).toBe(1);
  });
});

describe("the memo and the single flight", () => {
  it("keep at most the given entries and bytes, dropping the least recently used first", () => {
    const memo = new RecentlyUsed<string>(3, 10, (value) => value.length);
    for (const key of ["a", "b", "c"]) memo.set(key, "xx");
    memo.get("a");
    memo.set("d", "xx");
    expect([memo.get("a"), memo.get("b"), memo.get("c"), memo.get("d")]).toEqual([
      "xx",
      undefined,
      "xx",
      "xx",
    ]);
    memo.set("e", "xxxxxxx");
    expect(memo.size).toBe(2);
    expect([memo.get("a"), memo.get("c"), memo.get("d")]).toEqual([undefined, undefined, "xx"]);
    memo.set("f", "x".repeat(11));
    expect(memo.get("f")).toBeUndefined();
  });

  it("run one work per key at a time, and run it again after a failure", async () => {
    const flights = new Map<string, Promise<number>>();
    let runs = 0;
    const work = async () => {
      runs++;
      if (runs === 1) throw new Error("falló");
      return runs;
    };
    const failed = [singleFlight(flights, "k", work), singleFlight(flights, "k", work)];
    await expect(Promise.all(failed)).rejects.toThrow("falló");
    expect(await Promise.all([singleFlight(flights, "k", work), singleFlight(flights, "k", work)])).toEqual([
      2, 2,
    ]);
    expect(runs).toBe(2);
    expect(flights.size).toBe(0);
  });
});

describe("the open data page", () => {
  it("says that a formula after a semicolon or a line break inside a CSV value is neutralised too", async () => {
    const html = await (await anonymous("/transparencia/datos-abiertos")).text();
    expect(html).toContain("que sigue a un punto y coma o a un salto de línea dentro del texto");
  });
});
