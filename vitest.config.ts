import { defineConfig } from "vitest/config";

// Two SIPAP processes sharing one database need PostgreSQL (PGlite serves one process by design): the test
// that starts them is collected on the PostgreSQL run only. The restart-after-kill test runs the embedded
// `npm start` (PGlite and a data directory), so it belongs to the PGlite run, as does the plans:import command
// (the CLI on a fresh data directory). Reading plan spreadsheets touches no database at all: those tests (and
// their LibreOffice conversions) run once, in the PGlite run, as do the pure rules. No run reports a skip.
const postgresOnly = ["test/two-instances.test.ts"];
const pgliteOnly = [
  "test/jobs.process.test.ts",
  "src/carnetizacion/batches/batches.restart.test.ts",
  "src/cli/plans.test.ts",
  "src/planes/sheets/*.test.ts",
  "test/plans.seeds*.test.ts",
  // Pure rules and file checks: no database, no storage.
  "src/**/*.rules.test.ts",
  "src/shared/files/checks.test.ts",
];

// Files that replace modules or spy on them (vi.mock, vi.spyOn): each runs in a fresh module graph. Every other
// file shares its worker's modules with the files before it — none keeps state in a module between tests —
// which saves re-importing the application for each of a hundred files (some 400 s of a CI run).
const isolated = [
  "test/permissions.test.ts",
  "src/core/auth/auth.throttle.test.ts",
  "src/core/auth/auth.timing.test.ts",
  "src/planes/publication/publication.cache.test.ts",
  "src/carnetizacion/lists/lists.sheets.test.ts",
  "src/carnetizacion/lists/lists.template.test.ts",
  "src/carnetizacion/lists/lists.columns.test.ts",
  "src/planes/sheets/*.test.ts",
];
const excluded = ["**/node_modules/**", ...(process.env.TEST_DATABASE_URL ? pgliteOnly : postgresOnly)];

export default defineConfig({
  test: {
    globalSetup: ["test/global-setup.ts"],
    pool: "forks",
    // Vitest's default is one worker fewer than the cores: one on a 2-core machine. Many files wait on other
    // processes (servers, the CLI, LibreOffice), so two workers finish the suite in about half the time.
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: {
          name: "shared",
          include: ["src/**/*.test.{ts,tsx}", "test/**/*.test.{ts,tsx}"],
          exclude: [...excluded, ...isolated],
          isolate: false,
        },
      },
      { extends: true, test: { name: "isolated", include: isolated, exclude: excluded } },
    ],
  },
});
