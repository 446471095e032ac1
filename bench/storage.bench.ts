// Storage benchmark (issue: one Storage interface): put and get of a 1 MB file through SIPAP's drivers
// (local directory; S3 on an s3rver over loopback) beside the bare calls they wrap (fs.writeFile/readFile;
// the SDK's PutObject/GetObject). Median and p95 of BENCH_RUNS (default 200) each.
//   npm run bench:storage
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { GetObjectCommand, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { localStorage } from "../src/core/storage/storage.local.ts";
import { s3Storage } from "../src/core/storage/storage.s3.ts";
import { getBuffer, readAll, type Storage } from "../src/core/storage/storage.types.ts";
import { S3RVER_CREDENTIALS, startS3 } from "../test/s3.ts";

const RUNS = Number(process.env.BENCH_RUNS ?? 200);
const BODY: Buffer = randomBytes(1024 * 1024);

interface Timing {
  median: number;
  p95: number;
}

async function time(run: (i: number) => Promise<unknown>): Promise<Timing> {
  for (let i = 0; i < 10; i++) await run(i); // warm-up
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    await run(i);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(times.length * q))] ?? 0;
  return { median: at(0.5), p95: at(0.95) };
}

const key = (i: number) => `bench/${i % 20}.bin`;
const ms = (t: Timing) => `${t.median.toFixed(2)} | ${t.p95.toFixed(2)}`;

async function measureStorage(store: Storage) {
  const put = await time((i) => store.put(key(i), BODY));
  const get = await time(async (i) => {
    const data = await getBuffer(store, key(i));
    if (data?.length !== BODY.length) throw new Error("short read");
  });
  return { put, get };
}

async function main() {
  const dir = mkdtempSync(path.join(os.tmpdir(), "sipap-bench-storage-"));
  const s3 = await startS3({ buckets: ["bench"] });
  const client = new S3Client({
    region: "us-east-1",
    endpoint: s3.endpoint,
    forcePathStyle: true,
    credentials: S3RVER_CREDENTIALS,
  });
  const s3Store = s3Storage(
    { bucket: "bench", prefix: "sipap/", endpoint: s3.endpoint, region: "us-east-1" },
    { credentials: S3RVER_CREDENTIALS },
  );
  try {
    const bareFs = {
      put: await time((i) => writeFile(path.join(dir, `bare-${i % 20}.bin`), BODY)),
      get: await time((i) => readFile(path.join(dir, `bare-${i % 20}.bin`))),
    };
    const local = await measureStorage(localStorage(path.join(dir, "store")));
    const bareSdk = {
      put: await time((i) =>
        client.send(new PutObjectCommand({ Bucket: "bench", Key: `bare/${i % 20}.bin`, Body: BODY })),
      ),
      get: await time(async (i) => {
        const out = await client.send(new GetObjectCommand({ Bucket: "bench", Key: `bare/${i % 20}.bin` }));
        await readAll(out.Body as import("node:stream").Readable);
      }),
    };
    const s3Result = await measureStorage(s3Store);

    console.log(`Storage, 1 MB file, ${RUNS} runs each (ms: median | p95), ${os.cpus().length} CPUs`);
    console.log("| what | put median | put p95 | get median | get p95 |");
    console.log("| --- | --- | --- | --- | --- |");
    console.log(`| bare fs.writeFile / readFile | ${ms(bareFs.put)} | ${ms(bareFs.get)} |`);
    console.log(`| SIPAP local driver (aside + rename; stream) | ${ms(local.put)} | ${ms(local.get)} |`);
    console.log(
      `| bare SDK PutObject / GetObject (s3rver, loopback) | ${ms(bareSdk.put)} | ${ms(bareSdk.get)} |`,
    );
    console.log(
      `| SIPAP S3 driver (PutObject for a Buffer; stream) | ${ms(s3Result.put)} | ${ms(s3Result.get)} |`,
    );
  } finally {
    client.destroy();
    await s3Store.close();
    await s3.dispose();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
