// Behind a proxy that appends to X-Forwarded-For, what the client writes on the left must not change
// which address SIPAP throttles, rate-limits and records.
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, TestClient, type TestContext } from "../../../test/app.ts";
import { makePerson, TEST_PASSWORD } from "../../../test/factories.ts";
import { auditLog } from "../../shared/audit.table.ts";

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp({ env: { TRUST_PROXY: "true", VERIFY_RATE_LIMIT: "5" } });
});
afterAll(() => ctx.database.close());

/** A client whose proxy appends `real` after whatever the client itself wrote. */
const forging = (forged: string, real: string) => new TestClient(ctx.app, `${forged}, ${real}`);

describe("the client address behind a proxy", () => {
  it("locks the real address after 20 failures, however the client varies the left-most entry", async () => {
    const real = "192.0.2.201";
    for (let i = 0; i < 20; i++) {
      const response = await forging(`10.9.${i}.${i + 1}`, real).post("/ingresar", {
        documentNumber: `31000000${String(i).padStart(2, "0")}`,
        password: "123456",
      });
      expect(response.status).toBe(401);
    }
    const person = await makePerson(ctx);
    const fromSameAddress = await forging("10.200.0.1", real).post("/ingresar", {
      documentNumber: person.documentNumber,
      password: TEST_PASSWORD,
    });
    expect(fromSameAddress.status).toBe(429);
    const fromElsewhere = await forging("10.9.0.1", "192.0.2.202").post("/ingresar", {
      documentNumber: person.documentNumber,
      password: TEST_PASSWORD,
    });
    expect(fromElsewhere.status).toBe(303);
  });

  it("records the address our proxy saw in the audit, not the forged one", async () => {
    const person = await makePerson(ctx);
    const response = await forging("6.6.6.6", "192.0.2.203").post("/ingresar", {
      documentNumber: person.documentNumber,
      password: TEST_PASSWORD,
    });
    expect(response.status).toBe(303);
    const rows = await ctx.database.db
      .select({ ip: auditLog.ip })
      .from(auditLog)
      .where(and(eq(auditLog.targetId, person.id), eq(auditLog.action, "login.succeeded")));
    expect(rows).toEqual([{ ip: "192.0.2.203" }]);
  });

  it("rate-limits the public verification by the real address", async () => {
    const real = "192.0.2.204";
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++)
      statuses.push((await forging(`10.8.0.${i + 1}`, real).get("/verificar/AAAAAAAAAAAAAAAA")).status);
    expect(statuses.slice(0, 5)).not.toContain(429);
    expect(statuses[5]).toBe(429);
    expect((await forging("10.8.0.1", "192.0.2.205").get("/verificar/AAAAAAAAAAAAAAAA")).status).not.toBe(
      429,
    );
  });
});
