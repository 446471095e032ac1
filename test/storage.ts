// Storage for one test app: a fresh temporary directory, or under TEST_STORAGE=s3 a fresh prefix in the
// bucket of the s3rver that global-setup.ts started, so both drivers run the whole suite.
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { inject } from "vitest";
import { localStorage } from "../src/core/storage/storage.local.ts";
import { s3Storage } from "../src/core/storage/storage.s3.ts";
import type { Storage } from "../src/core/storage/storage.types.ts";
import { S3RVER_CREDENTIALS, TEST_BUCKET, usingS3 } from "./s3.ts";

export function createTestStorage(): Storage {
  if (!usingS3()) return localStorage(mkdtempSync(path.join(os.tmpdir(), "sipap-files-")));
  return s3Storage(
    {
      bucket: TEST_BUCKET,
      prefix: `app-${crypto.randomUUID()}/`,
      endpoint: inject("s3Endpoint"),
      region: "us-east-1",
    },
    { credentials: S3RVER_CREDENTIALS },
  );
}
