// A real S3 HTTP server (s3rver) on loopback, for the storage tests, the test apps under
// TEST_STORAGE=s3 and the storage benchmark. Its files live in a temporary directory.
import { mkdtempSync, rmSync } from "node:fs";
import type { Server } from "node:http";
import os from "node:os";
import path from "node:path";
import S3rver from "s3rver";

/** s3rver's fixed account; real deployments take credentials from the AWS variables instead. */
export const S3RVER_CREDENTIALS = { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" };

/** The bucket the test apps share under TEST_STORAGE=s3, each app under its own prefix. */
export const TEST_BUCKET = "sipap-test";

export const usingS3 = () => process.env.TEST_STORAGE === "s3";

export interface RunningS3 {
  endpoint: string;
  port: number;
  directory: string;
  /** Stops listening and cuts open connections at once, as a crashed server would. */
  stop(): Promise<void>;
  /** Listens again on the same port over the same files. */
  restart(): Promise<void>;
  /** Stops and removes the files. */
  dispose(): Promise<void>;
}

export async function startS3(options: { buckets: string[]; port?: number }): Promise<RunningS3> {
  const directory = mkdtempSync(path.join(os.tmpdir(), "sipap-s3rver-"));
  const configureBuckets = options.buckets.map((name) => ({ name, configs: [] }));
  let server: S3rver | undefined;
  let port = options.port ?? 0;
  const start = async () => {
    server = new S3rver({ address: "127.0.0.1", port, silent: true, directory, configureBuckets });
    const address = (await server.run()) as { port: number };
    port = address.port;
  };
  const stop = async () => {
    const running = server;
    server = undefined;
    if (!running) return;
    const http = (running as unknown as { httpServer: Server }).httpServer;
    const closed = new Promise<void>((resolve) => http.close(() => resolve()));
    http.closeAllConnections();
    await closed;
  };
  await start();
  return {
    endpoint: `http://127.0.0.1:${port}`,
    port,
    directory,
    stop,
    restart: start,
    async dispose() {
      await stop();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
