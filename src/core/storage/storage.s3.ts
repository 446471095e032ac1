// An S3-compatible bucket (AWS, MinIO, Ceph, a municipal provider). Credentials come from the SDK's
// default chain (AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, profiles, instance roles), never from SIPAP's
// own settings, so they are managed the way the operator already manages them.
import type { Readable } from "node:stream";
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  type S3ClientConfig,
} from "@aws-sdk/client-s3";
import { Upload } from "@aws-sdk/lib-storage";
import { checkKey, checkPrefix } from "./storage.keys.ts";
import { type Storage, storageUnavailable, storageUnreadable } from "./storage.types.ts";

export interface S3Location {
  bucket: string;
  /** Prepended to every key ("" or ending in "/"), so one bucket can hold several installations. */
  prefix: string;
  /** For S3-compatible servers; with it, path-style addressing (http://host/bucket/key). */
  endpoint?: string;
  region: string;
}

export interface S3Options {
  /** Only tests pass these; production uses the SDK's default chain. */
  credentials?: S3ClientConfig["credentials"];
}

const isMissing = (error: unknown) => {
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e.name === "NoSuchKey" || e.name === "NotFound" || e.$metadata?.httpStatusCode === 404;
};

export function s3Storage(location: S3Location, options: S3Options = {}): Storage {
  const client = new S3Client({
    region: location.region,
    ...(location.endpoint ? { endpoint: location.endpoint, forcePathStyle: true } : {}),
    ...(options.credentials ? { credentials: options.credentials } : {}),
    // One quick retry: a user waiting on an upload gets the Spanish message instead of a long hang.
    maxAttempts: 2,
  });
  const Bucket = location.bucket;
  const full = (key: string) => `${location.prefix}${checkKey(key)}`;

  return {
    kind: "s3",
    async put(key, body, putOptions = {}) {
      const Key = full(key);
      // A single PUT, or a multipart upload that S3 only assembles when complete: either way the key
      // shows the old file or the whole new one. Parts of a failed upload are aborted, not left behind.
      const params = { Bucket, Key, Body: body, ContentType: putOptions.contentType };
      try {
        // A whole Buffer in one request; lib-storage's part splitting only pays for streams.
        if (Buffer.isBuffer(body)) await client.send(new PutObjectCommand(params));
        else await new Upload({ client, params, leavePartsOnError: false }).done();
      } catch (error) {
        if (!Buffer.isBuffer(body)) body.destroy();
        throw Object.assign(storageUnavailable(), { cause: error });
      }
    },
    async get(key) {
      const Key = full(key);
      try {
        const result = await client.send(new GetObjectCommand({ Bucket, Key }));
        return result.Body as Readable;
      } catch (error) {
        if (isMissing(error)) return undefined;
        throw Object.assign(storageUnreadable(), { cause: error });
      }
    },
    async has(key) {
      const Key = full(key);
      try {
        await client.send(new HeadObjectCommand({ Bucket, Key }));
        return true;
      } catch (error) {
        if (isMissing(error)) return false;
        throw Object.assign(storageUnreadable(), { cause: error });
      }
    },
    async delete(key) {
      await client.send(new DeleteObjectCommand({ Bucket, Key: full(key) }));
    },
    async *list(prefix) {
      const Prefix = `${location.prefix}${checkPrefix(prefix)}`;
      let ContinuationToken: string | undefined;
      do {
        const page = await client.send(new ListObjectsV2Command({ Bucket, Prefix, ContinuationToken }));
        for (const object of page.Contents ?? [])
          if (object.Key) yield object.Key.slice(location.prefix.length);
        ContinuationToken = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (ContinuationToken);
    },
    async close() {
      client.destroy();
    },
  };
}
