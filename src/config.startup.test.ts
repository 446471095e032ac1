import { describe, expect, it } from "vitest";
import { loadConfig, startupWarnings } from "./config.ts";

const POSTGRES = "postgres://sipap:clave@db.interna:5432/sipap";

describe("warnings at start", () => {
  it.each([
    ["unset", undefined],
    ["localhost", "http://localhost:3000"],
    ["a loopback address", "http://127.0.0.1:8080"],
  ])("warns on a real database when PUBLIC_BASE_URL is %s, saying how to fix it", (_name, url) => {
    const config = loadConfig({ DATABASE_URL: POSTGRES, ...(url ? { PUBLIC_BASE_URL: url } : {}) });
    const [warning, ...others] = startupWarnings(config);
    expect(others).toEqual([]);
    expect(warning).toContain("PUBLIC_BASE_URL");
    expect(warning).toContain(config.publicBaseUrl);
    expect(warning).toContain("no deja crear lotes de impresión");
    expect(warning).toContain("PUBLIC_BASE_URL=https://sipap.pasto.gov.co");
  });

  it("says nothing on a real database with a public address, nor on the embedded demo", () => {
    expect(
      startupWarnings(loadConfig({ DATABASE_URL: POSTGRES, PUBLIC_BASE_URL: "https://sipap.pasto.gov.co" })),
    ).toEqual([]);
    expect(startupWarnings(loadConfig({}))).toEqual([]);
  });
});
