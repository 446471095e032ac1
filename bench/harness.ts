// Shared by the HTTP benchmarks: servers in their own processes (bench/servers.ts), autocannon load, and a
// scratch PostgreSQL database when BENCH_DATABASE_URL is given.
import { type ChildProcess, fork } from "node:child_process";
import autocannon from "autocannon";
import pg from "pg";
import { freePort } from "../test/processes.ts";

export const CONNECTIONS = 50;
export const DURATION_S = Number(process.env.BENCH_SECONDS ?? 10);
const serversFile = new URL("./servers.ts", import.meta.url).pathname;

export async function startServer(kind: string, env: Record<string, string>, extra: string[] = []) {
  const port = await freePort();
  const child = fork(serversFile, [kind, String(port), ...extra], {
    execArgv: ["--import", "tsx"],
    env: { ...process.env, ...env },
    stdio: ["ignore", "ignore", "inherit", "ipc"],
  });
  // The first message says it is ready (sipap-verify sends its card's code).
  const message = await new Promise<unknown>((resolve, reject) => {
    child.once("message", resolve);
    child.once("exit", (code) => reject(new Error(`${kind} exited with ${code}`)));
  });
  return { child, url: `http://127.0.0.1:${port}`, message };
}

export async function stop(child: ChildProcess) {
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  await exited;
}

export interface Result {
  rps: number;
  p99: number;
  errors: number;
}

export async function load(url: string): Promise<Result> {
  await autocannon({ url, connections: CONNECTIONS, duration: 2 }); // warm-up
  const r = await autocannon({ url, connections: CONNECTIONS, duration: DURATION_S });
  const errors = r.errors + r.timeouts + r.non2xx;
  return { rps: r.requests.average, p99: r.latency.p99, errors };
}

export function row(name: string, r: Result) {
  return `| ${name} | ${Math.round(r.rps)} | ${r.p99} | ${r.errors} |`;
}

export async function scratchPostgres(adminUrl: string): Promise<{ url: string; drop: () => Promise<void> }> {
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
export async function measure(
  kind: string,
  env: Record<string, string>,
  urlPath: string,
  extra: string[] = [],
) {
  const server = await startServer(kind, env, extra);
  try {
    return await load(`${server.url}${urlPath}`);
  } finally {
    await stop(server.child);
  }
}
