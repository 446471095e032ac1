// HTTP benchmark (issue 2): requests/s and p99 under 50 concurrent connections on loopback, SIPAP beside
// bare baselines doing the same work. Each server runs in its own process; autocannon runs here.
//   npm run bench                                    PGlite only
//   BENCH_DATABASE_URL=postgres://… npm run bench    PGlite and PostgreSQL (a scratch database is created)
import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { CONNECTIONS, DURATION_S, measure, row, scratchPostgres, startServer, stop } from "./harness.ts";

async function benchDriver(driver: string, env: Record<string, string>) {
  const sipap = await startServer("sipap", env);
  const loginHtml = await (await fetch(`${sipap.url}/ingresar`)).text();
  await stop(sipap.child);
  const bodyFile = path.join(mkdtempSync(path.join(os.tmpdir(), "sipap-bench-")), "login.html");
  writeFileSync(bodyFile, loginHtml);

  const loginPage = await measure("sipap", env, "/ingresar");
  const staticResult = await measure("bare-static", env, "/", [bodyFile]);
  const health = await measure("sipap", env, "/healthz");
  const pingResult = await measure("bare-ping", env, "/");

  console.log(`\n### ${driver}: ${CONNECTIONS} connections, ${DURATION_S} s each\n`);
  console.log("| what | requests/s | p99 ms | errors |\n| --- | ---: | ---: | ---: |");
  console.log(row("SIPAP GET /ingresar (login page)", loginPage));
  console.log(row("bare node:http, same bytes", staticResult));
  console.log(row("SIPAP GET /healthz", health));
  console.log(row(`bare node:http + same ${driver} ping`, pingResult));
  console.log(
    `\nlogin page: ${((loginPage.rps / staticResult.rps) * 100).toFixed(0)} % of bare (aim ≥ 50 %); ` +
      `/healthz: ${((health.rps / pingResult.rps) * 100).toFixed(0)} % of bare ping (aim ≥ 70 %); ` +
      `p99 ${loginPage.p99} ms and ${health.p99} ms (aim ≤ 20 ms)`,
  );
}

console.log(
  `Machine: ${os.cpus().length} × ${os.cpus()[0]?.model}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
);
await benchDriver("PGlite", { DATABASE_URL: "" });
const adminUrl = process.env.BENCH_DATABASE_URL;
if (adminUrl) {
  const scratch = await scratchPostgres(adminUrl);
  try {
    await benchDriver("PostgreSQL", { DATABASE_URL: scratch.url });
  } finally {
    await scratch.drop();
  }
}
