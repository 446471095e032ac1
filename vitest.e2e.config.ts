import { defineConfig } from "vitest/config";

// Browser tests: real Chromium against a real server, one file at a time (two cores, one browser).
export default defineConfig({
  test: {
    include: ["e2e/**/*.test.{ts,tsx}"],
    globalSetup: ["test/global-setup.ts"],
    pool: "forks",
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
