// Runs SIPAP's real entry points (server and CLI) as child processes, as an operator would.
import { type ChildProcess, spawn } from "node:child_process";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";

export const root = fileURLToPath(new URL("..", import.meta.url));

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}

export interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `npm run sipap -- <args>` (the CLI) to completion. */
export function runCli(args: string[], env: Record<string, string>): Promise<Finished> {
  return run(["--import", "tsx", "src/cli/main.ts", ...args], env);
}

function run(args: string[], env: Record<string, string>): Promise<Finished> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, {
      cwd: root,
      env: { ...process.env, LOG_LEVEL: "silent", ...env },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

export interface RunningServer {
  child: ChildProcess;
  url: string;
  output: () => string;
  stop: () => Promise<number | null>;
}

/** Starts `src/main.ts` and waits until it says it is ready (or exits). */
export function startServer(env: Record<string, string>): Promise<RunningServer | Finished> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
      cwd: root,
      env: { ...process.env, LOG_LEVEL: "warn", ...env },
    });
    let stdout = "";
    let stderr = "";
    let ready = false;
    const exited = new Promise<number | null>((done) => child.on("close", done));
    child.stdout.on("data", (d) => {
      stdout += d;
      if (!ready && stdout.includes("SIPAP está listo en")) {
        ready = true;
        resolve({
          child,
          url: `http://127.0.0.1:${env.PORT}`,
          output: () => stdout,
          stop: async () => {
            child.kill("SIGTERM");
            return exited;
          },
        });
      }
    });
    child.stderr.on("data", (d) => (stderr += d));
    void exited.then((code) => {
      if (!ready) resolve({ code, stdout, stderr });
    });
  });
}

export function isRunning(result: RunningServer | Finished): result is RunningServer {
  return "child" in result;
}
