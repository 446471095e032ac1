// STORAGE_URL: which driver it chooses, and the Spanish message for a URL that cannot work.
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../config.ts";
import { describeStorage, openStorage } from "./storage.open.ts";

const load = (env: Record<string, string>) => loadConfig({ DATA_DIR: "/tmp/sipap-datos", ...env });
const problem = (env: Record<string, string>) => {
  try {
    load(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error("the configuration was accepted");
};

describe("STORAGE_URL", () => {
  it("keeps files in DATA_DIR/files when unset, and 30 days for rejected originals", () => {
    const config = load({});
    expect(config.storage).toEqual({ kind: "local", dir: "/tmp/sipap-datos/files" });
    expect(config.photoOriginalRetentionDays).toBe(30);
    expect(openStorage(config.storage).kind).toBe("local");
  });

  it("reads bucket, prefix, endpoint and region from an s3:// URL, and opens the S3 driver", () => {
    const config = load({
      STORAGE_URL: "s3://sipap-archivos/pasto/produccion?endpoint=http://minio.local:9000&region=sa-east-1",
    });
    expect(config.storage).toEqual({
      kind: "s3",
      bucket: "sipap-archivos",
      prefix: "pasto/produccion/",
      endpoint: "http://minio.local:9000",
      region: "sa-east-1",
    });
    expect(openStorage(config.storage).kind).toBe("s3");
    expect(describeStorage(config.storage)).toBe(
      "el balde s3://sipap-archivos/pasto/produccion/ en http://minio.local:9000",
    );
    expect(load({ STORAGE_URL: "s3://sipap-archivos" }).storage).toEqual({
      kind: "s3",
      bucket: "sipap-archivos",
      prefix: "",
      region: "us-east-1",
    });
  });

  it("accepts a file:// folder", () => {
    expect(load({ STORAGE_URL: "file:///srv/sipap/archivos" }).storage).toEqual({
      kind: "local",
      dir: "/srv/sipap/archivos",
    });
  });

  it.each([
    ["bucket-sin-esquema", "no es una dirección"],
    ["https://s3.amazonaws.com/balde", "el esquema https: no se reconoce"],
    ["s3:///solo-prefijo", "falta el nombre del balde"],
    ["s3://balde/Archivos SIPAP", "el prefijo solo puede tener"],
    ["s3://balde?endpoint=minio:9000", "endpoint debe ser una dirección http://"],
    ["s3://balde?bucket=otro", "no se reconoce el parámetro bucket"],
  ])("refuses %s with a message that says what is wrong", (url, reason) => {
    const message = problem({ STORAGE_URL: url });
    expect(message).toContain(`STORAGE_URL="${url}" no es válido: ${reason}`);
    expect(message).toContain("s3://balde/prefijo?endpoint=");
  });

  it("refuses a retention that is not a whole number of days", () => {
    expect(problem({ PHOTO_ORIGINAL_RETENTION_DAYS: "0" })).toContain("PHOTO_ORIGINAL_RETENTION_DAYS");
    expect(problem({ PHOTO_ORIGINAL_RETENTION_DAYS: "treinta" })).toContain("PHOTO_ORIGINAL_RETENTION_DAYS");
  });
});
