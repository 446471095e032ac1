import { defineConfig } from "vitest/config";

// Browser tests: real Chromium against a real server, one file at a time (two cores, one browser).
// The plans' browser paths run once, in the PGlite run: what depends on the database in them (import, apply,
// approve, publish) runs on both drivers in the unit and route tests, and CI must stay under 30 minutes.
export default defineConfig({
  test: {
    include: ["e2e/**/*.test.{ts,tsx}"],
    exclude: ["**/node_modules/**", ...(process.env.TEST_DATABASE_URL ? ["e2e/plans*.test.ts"] : [])],
    globalSetup: ["test/global-setup.ts"],
    pool: "forks",
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
