// Public card check benchmark (issue 4): GET /verificar/<code> under 50 concurrent connections, beside
// (a) the bare database lookup it needs (the same query, 50 concurrent loops, same driver and pool) and
// (b) bare node:http returning the same HTML.
//   npm run bench:verify                                    PGlite only
//   BENCH_DATABASE_URL=postgres://… npm run bench:verify    PGlite and PostgreSQL (scratch database)
import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { findCardForVerification } from "../src/carnetizacion/verification/verification.repository.ts";
import { type Database, openPglite, openPostgres } from "../src/db/client.ts";
import {
  CONNECTIONS,
  DURATION_S,
  load,
  measure,
  type Result,
  row,
  scratchPostgres,
  startServer,
  stop,
} from "./harness.ts";
import { seedPrintedCard } from "./seed.ts";

const env = { VERIFY_RATE_LIMIT: "1000000000" };

/** The query alone: CONNECTIONS loops for DURATION_S seconds; rate and p99 latency. */
async function bareLookup(database: Database, code: string): Promise<Result> {
  const latencies: number[] = [];
  const until = performance.now() + DURATION_S * 1000;
  const loop = async () => {
    while (performance.now() < until) {
      const start = performance.now();
      await findCardForVerification(database.db, code);
      latencies.push(performance.now() - start);
    }
  };
  await Promise.all(Array.from({ length: CONNECTIONS }, loop));
  latencies.sort((a, b) => a - b);
  return {
    rps: latencies.length / DURATION_S,
    p99: Math.round(latencies[Math.floor(latencies.length * 0.99)] ?? 0),
    errors: 0,
  };
}

async function benchDriver(driver: string, databaseUrl: string) {
  const serverEnv = { ...env, DATABASE_URL: databaseUrl };
  const sipap = await startServer("sipap-verify", serverEnv);
  const code = String(sipap.message);
  const html = await (await fetch(`${sipap.url}/verificar/${code}`)).text();
  if (!html.includes("VIGENTE")) throw new Error("the seeded card does not read VIGENTE");
  const page = await load(`${sipap.url}/verificar/${code}`);
  await stop(sipap.child);

  const bodyFile = path.join(mkdtempSync(path.join(os.tmpdir(), "sipap-bench-")), "verify.html");
  writeFileSync(bodyFile, html);
  const bareHtml = await measure("bare-static", serverEnv, "/", [bodyFile]);

  const database = databaseUrl
    ? await openPostgres(databaseUrl, { poolSize: 10 })
    : await openPglite(undefined);
  await database.migrate();
  const lookup = await bareLookup(database, await seedPrintedCard(database));
  await database.close();

  console.log(`\n### ${driver}: ${CONNECTIONS} connections, ${DURATION_S} s each\n`);
  console.log("| what | requests/s | p99 ms | errors |\n| --- | ---: | ---: | ---: |");
  console.log(row("SIPAP GET /verificar/<code>", page));
  console.log(row(`bare ${driver} lookup, same query`, lookup));
  console.log(row("bare node:http, same HTML", bareHtml));
  console.log(
    `\nverification: ${((page.rps / lookup.rps) * 100).toFixed(0)} % of the bare lookup (aim ≥ 50 %), ` +
      `${((page.rps / bareHtml.rps) * 100).toFixed(0)} % of bare node:http; p99 ${page.p99} ms (aim ≤ 50 ms)`,
  );
}

console.log(
  `Machine: ${os.cpus().length} × ${os.cpus()[0]?.model}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
);
await benchDriver("PGlite", "");
const adminUrl = process.env.BENCH_DATABASE_URL;
if (adminUrl) {
  const scratch = await scratchPostgres(adminUrl);
  try {
    await benchDriver("PostgreSQL", scratch.url);
  } finally {
    await scratch.drop();
  }
}
