// HTTP benchmark (issue 2): requests/s and p99 under 50 concurrent connections on loopback, SIPAP beside
// bare baselines doing the same work. Each server runs in its own process; autocannon runs here.
//   npm run bench                                    PGlite only
//   BENCH_DATABASE_URL=postgres://… npm run bench    PGlite and PostgreSQL (a scratch database is created)
import { type ChildProcess, fork } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import pg from "pg";
import { freePort } from "../test/processes.ts";

const CONNECTIONS = 50;
const DURATION_S = Number(process.env.BENCH_SECONDS ?? 10);
const serversFile = new URL("./servers.ts", import.meta.url).pathname;

async function startServer(kind: string, env: Record<string, string>, extra: string[] = []) {
  const port = await freePort();
  const child = fork(serversFile, [kind, String(port), ...extra], {
    execArgv: ["--import", "tsx"],
    env: { ...process.env, ...env },
    stdio: ["ignore", "ignore", "inherit", "ipc"],
  });
  await new Promise<void>((resolve, reject) => {
    child.once("message", () => resolve());
    child.once("exit", (code) => reject(new Error(`${kind} exited with ${code}`)));
  });
  return { child, url: `http://127.0.0.1:${port}` };
}

async function stop(child: ChildProcess) {
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  await exited;
}

interface Result {
  rps: number;
  p99: number;
  errors: number;
}

async function load(url: string): Promise<Result> {
  await autocannon({ url, connections: CONNECTIONS, duration: 2 }); // warm-up
  const r = await autocannon({ url, connections: CONNECTIONS, duration: DURATION_S });
  const errors = r.errors + r.timeouts + r.non2xx;
  return { rps: r.requests.average, p99: r.latency.p99, errors };
}

function row(name: string, r: Result) {
  return `| ${name} | ${Math.round(r.rps)} | ${r.p99} | ${r.errors} |`;
}

async function scratchPostgres(adminUrl: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `sipap_bench_${process.pid}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name}`);
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}

/** Each measurement on a fresh server process, so one load does not leave state for the next. */
async function measure(kind: string, env: Record<string, string>, urlPath: string, extra: string[] = []) {
  const server = await startServer(kind, env, extra);
  try {
    return await load(`${server.url}${urlPath}`);
  } finally {
    await stop(server.child);
  }
}

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
