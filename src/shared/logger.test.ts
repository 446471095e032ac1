import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "../../test/db.ts";
import type { Database } from "../db/client.ts";
import { loggableError } from "./logger.ts";

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

describe("errors in logs", () => {
  it("keeps a failed query's reason but never its parameters", async () => {
    const error = await database.db.execute(sql`select ${"1085999111 Nombre Secreto"}::int as n`).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toContain("1085999111");
    const logged = JSON.stringify(loggableError(error));
    expect(logged).not.toContain("1085999111");
    expect(logged).not.toContain("Nombre Secreto");
    expect(logged).toContain("Failed query:");
  });

  it("keeps other errors as they are", () => {
    expect(loggableError(new TypeError("x is undefined"))).toMatchObject({
      name: "TypeError",
      message: "x is undefined",
    });
  });
});
