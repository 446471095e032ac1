import { defineConfig } from "vitest/config";

// Browser tests: real Chromium against a real server, one file at a time (two cores, one browser).
// On the PostgreSQL + S3 run only the paths whose pages store and read files through the job queue run again
// (a card's whole life with its photo, and print production with its batch PDFs and QR codes): every other
// page's database work runs on both drivers in the unit and route tests, and CI must stay under 30 minutes.
const ONCE = [
  "e2e/plans*.test.ts",
  "e2e/first-login.test.ts",
  "e2e/people-edit.test.ts",
  "e2e/privacy.test.ts",
  "e2e/staff-pages.test.ts",
  "e2e/cards.test.ts",
  "e2e/campaigns.test.ts",
  "e2e/comunicaciones.test.ts",
];

export default defineConfig({
  test: {
    include: ["e2e/**/*.test.{ts,tsx}"],
    exclude: ["**/node_modules/**", ...(process.env.TEST_DATABASE_URL ? ONCE : [])],
    globalSetup: ["test/global-setup.ts"],
    pool: "forks",
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
