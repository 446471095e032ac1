// The two commands a newcomer runs, and the operator's CLI, as real processes.
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { DEMO_ACCOUNTS } from "../src/demo/demo.data.ts";
import { createPostgresTestDatabaseUrl, usingPostgres } from "./db.ts";
import { freePort, isRunning, root, runCli, startServer } from "./processes.ts";

const tempDir = () => mkdtempSync(path.join(os.tmpdir(), "sipap-start-"));
// Every test here starts real processes (each loads TypeScript through tsx): on a busy 2-core machine one
// start can take several seconds, so they get far more than the default 30 s.
const PROCESS_TIMEOUT = 180_000;

async function loginStatus(url: string, documentNumber: string, password: string) {
  const form = await fetch(`${url}/ingresar`);
  const csrf =
    form.headers
      .getSetCookie()
      .find((c) => c.startsWith("sipap_csrf="))
      ?.split(";")[0] ?? "";
  const response = await fetch(`${url}/ingresar`, {
    method: "POST",
    redirect: "manual",
    headers: { cookie: csrf, "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ _csrf: csrf.split("=")[1] ?? "", documentNumber, password }),
  });
  return { status: response.status, location: response.headers.get("location") };
}

// What does not touch TEST_DATABASE_URL (the embedded database, photo checks, usage) runs once, in the PGlite
// run; the PostgreSQL run registers only what needs its server. No run reports a skip.
const embedded = !usingPostgres();
const onEmbedded = embedded ? describe : () => {};
const itEmbedded = embedded ? it : () => {};

onEmbedded("npm start on the embedded database", () => {
  it(
    "migrates, loads demo data once, prints one credential per role, and keeps data across restarts",
    async () => {
      const dataDir = tempDir();
      const port = String(await freePort());
      const first = await startServer({ DATA_DIR: dataDir, PORT: port, DATABASE_URL: "" });
      if (!isRunning(first)) throw new Error(`server did not start: ${first.stderr}`);
      const listing = readFileSync(path.join(dataDir, "demo-accounts.txt"), "utf8");
      const accounts = [...listing.matchAll(/documento (\d+)\s+credencial ([A-Z0-9-]{14})/g)];
      expect(accounts).toHaveLength(DEMO_ACCOUNTS.length);
      expect(first.output()).toContain(accounts[0]?.[2]);
      expect(listing).toContain("Administrador");
      expect(await (await fetch(`${first.url}/healthz`)).json()).toEqual({ status: "ok" });
      const [, doc, credential] = accounts[7] ?? [];
      expect(await loginStatus(first.url, doc ?? "", credential ?? "")).toEqual({
        status: 303,
        location: "/cambiar-clave",
      });

      const second = await startServer({
        DATA_DIR: dataDir,
        PORT: String(await freePort()),
        DATABASE_URL: "",
      });
      expect(isRunning(second)).toBe(false);
      if (!isRunning(second)) {
        expect(second.code).toBe(4);
        expect(second.stderr).toContain("ya está usando la carpeta de datos");
      }
      expect(await first.stop()).toBe(0);
      expect(existsSync(path.join(dataDir, "sipap.lock"))).toBe(false);

      const again = await startServer({ DATA_DIR: dataDir, PORT: port, DATABASE_URL: "" });
      if (!isRunning(again)) throw new Error(`restart failed: ${again.stderr}`);
      expect(again.output()).not.toContain("Cuentas de demostración");
      // The credential was used before the restart: the database remembered it.
      expect((await loginStatus(again.url, doc ?? "", credential ?? "")).status).toBe(403);
      await again.stop();
    },
    PROCESS_TIMEOUT,
  );

  it(
    "exits with a clear message when the configuration is wrong or PostgreSQL does not answer",
    async () => {
      const bad = await startServer({ PORT: "noventa", DATA_DIR: tempDir() });
      expect(isRunning(bad)).toBe(false);
      if (!isRunning(bad)) {
        expect(bad.code).toBe(2);
        expect(bad.stderr).toContain("PORT");
      }
      const down = await startServer({
        DATABASE_URL: "postgres://sipap:x@127.0.0.1:1/sipap",
        PORT: String(await freePort()),
      });
      expect(isRunning(down)).toBe(false);
      if (!isRunning(down)) {
        expect(down.code).toBe(3);
        expect(down.stderr).toContain("No se pudo conectar a PostgreSQL en 127.0.0.1:1");
        // A real database without PUBLIC_BASE_URL: the warning comes first, before connecting.
        expect(down.stderr).toContain("PUBLIC_BASE_URL no está configurada");
      }
    },
    PROCESS_TIMEOUT,
  );
});

// Registered only when the suite runs against PostgreSQL (TEST_DATABASE_URL), as it needs a server.
const onPostgres = usingPostgres() ? describe : () => {};
onPostgres("npm start on PostgreSQL", () => {
  it(
    "migrates but loads no demo data unless asked for",
    async () => {
      const url = await createPostgresTestDatabaseUrl();
      const dataDir = tempDir();
      const server = await startServer({
        DATABASE_URL: url,
        DATA_DIR: dataDir,
        PORT: String(await freePort()),
      });
      if (!isRunning(server)) throw new Error(`server did not start: ${server.stderr}`);
      expect(server.output()).not.toContain("Cuentas de demostración");
      expect(existsSync(path.join(dataDir, "demo-accounts.txt"))).toBe(false);
      expect((await loginStatus(server.url, "9000000008", "AAAA-BBBB-CCCC")).status).toBe(401);
      expect(await server.stop()).toBe(0);
    },
    PROCESS_TIMEOUT,
  );
});

describe("operations CLI", () => {
  const environments = embedded ? ["pglite"] : ["postgres"];

  it.each(environments)(
    "creates an admin, resets a credential, backs up and restores (%s)",
    async (driver) => {
      const dataDir = tempDir();
      const env: Record<string, string> = { DATA_DIR: dataDir, DATABASE_URL: "" };
      if (driver === "postgres") env.DATABASE_URL = await createPostgresTestDatabaseUrl();

      const created = await runCli(
        ["admin:create", "--doc", "1085999000", "--name", "Ana María Rosero Benavides"],
        env,
      );
      expect(created.code).toBe(0);
      const first = created.stdout.match(/[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}/)?.[0];
      expect(first).toBeDefined();
      expect(created.stdout).toContain("Ana María Rosero Benavides");

      const reset = await runCli(["credential:reset", "--doc", "1.085.999.000"], env);
      expect(reset.code).toBe(0);
      const second = reset.stdout.match(/[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}/)?.[0];
      expect(second).not.toBe(first);

      const backup = path.join(dataDir, "copia.gz");
      expect((await runCli(["db:backup", backup], env)).code).toBe(0);
      await runCli(["admin:create", "--doc", "1085999001", "--name", "Pedro Pérez"], env);
      const restored = await runCli(["db:restore", backup], env);
      expect(restored.code).toBe(0);
      expect(restored.stdout).toMatch(/people: 1 filas/);

      const unknown = await runCli(["credential:reset", "--doc", "1085999001"], env);
      expect(unknown.code).toBe(2);
      expect(unknown.stderr).toContain("No hay ninguna persona con ese número de documento.");

      const notAFile = await runCli(["db:restore", path.join(dataDir, "no-existe.gz")], env);
      expect(notAFile.code).toBe(2);
      expect(notAFile.stderr).toContain("No existe el archivo");

      expect((await runCli(["db:migrate"], env)).stdout).toContain("al día");
      const demo = await runCli(["demo:load"], env);
      expect(demo.code).toBe(0);
      expect(demo.stdout).toContain("9000000008");
    },
    PROCESS_TIMEOUT,
  );

  itEmbedded(
    "checks photos taken at the office: one JSON line per file, bad files included",
    async () => {
      const photos = path.join(root, "test/fixtures/photos");
      const result = await runCli(
        [
          "photo:check",
          path.join(photos, "portrait-white-bg.jpg"),
          path.join(photos, "portrait-blurred.jpg"),
          "no-existe.jpg",
        ],
        { DATA_DIR: tempDir(), DATABASE_URL: "" },
      );
      expect(result.code).toBe(1);
      const lines = result.stdout
        .trim()
        .split("\n")
        .map((line) => JSON.parse(line));
      expect(lines.map((l) => [path.basename(l.file), l.ok])).toEqual([
        ["portrait-white-bg.jpg", true],
        ["portrait-blurred.jpg", false],
        ["no-existe.jpg", false],
      ]);
      expect(lines[1].checks.find((c: { id: string }) => c.id === "enfoque")).toMatchObject({ ok: false });
      expect(lines[2].checks[0].message).toContain("No se pudo leer el archivo");
    },
    PROCESS_TIMEOUT,
  );

  itEmbedded(
    "explains wrong usage without a stack trace",
    async () => {
      const result = await runCli(["admin:create", "--doc", "1085999002", "--name", "Solo"], {
        DATA_DIR: tempDir(),
        DATABASE_URL: "",
      });
      expect(result.code).toBe(2);
      expect(result.stderr).toContain("Escriba nombres y apellidos");
      expect(result.stderr).not.toMatch(/\n\s+at /);
    },
    PROCESS_TIMEOUT,
  );
});
