// `npm run sipap -- plans:import` as an operator runs it: the real CLI process on a fresh data directory.
import { mkdtempSync, rmSync, truncateSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { endBeforeStartFile, wrongColumnsFile } from "../../test/plan-sheets.bad.ts";
import { matrizWorkbook, paacRows, paacWorkbook, readTruth } from "../../test/plan-sheets.ts";
import { runCli } from "../../test/processes.ts";

// Each run starts a process that loads TypeScript through tsx: slow on a busy two-core machine.
const PROCESS_TIMEOUT = 600_000;

let dir: string;
let env: Record<string, string>;
const files: Record<string, string> = {};

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), "sipap-plans-cli-"));
  env = { DATA_DIR: path.join(dir, "data") };
  const write = async (name: string, data: Promise<Buffer>) => {
    files[name] = path.join(dir, name);
    writeFileSync(files[name], await data);
  };
  await write("paac-2022.xlsx", paacWorkbook());
  await write("matriz-2026.xlsx", matrizWorkbook());
  await write("columnas.xlsx", wrongColumnsFile());
  await write("fechas.xlsx", endBeforeStartFile());
  // Component 1 of the PAAC with every responsable written as SIPAP recognises it: nothing to reconcile.
  const [first] = paacRows();
  if (!first) throw new Error("no component 1");
  for (const row of first.rows) if (row.responsable) row.responsable = "OPGI";
  await write("componente-1.xlsx", paacWorkbook([first]));
  // The same component dated in 1999: the year the command would take for the plan.
  const old = structuredClone(first);
  for (const row of old.rows)
    for (const side of ["start", "end"] as const) row[side] = row[side]?.replaceAll("2022", "1999");
  await write("componente-1-1999.xlsx", paacWorkbook([old]));
  // 3 GB of nothing (a sparse file): read whole it would not even fit in a Node buffer.
  files["enorme.xlsx"] = path.join(dir, "enorme.xlsx");
  writeFileSync(files["enorme.xlsx"], "");
  truncateSync(files["enorme.xlsx"], 3 * 1024 ** 3);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Output {
  ok: boolean;
  message?: string;
  counts: Record<string, number>;
  problems: { row: number; message: string; severity: string }[];
  unmatched: { text: string; suggestions: string[] }[];
  tree: Node[];
  applied?: boolean;
  plan?: string;
  changes?: Record<string, number>;
}
interface Node {
  level: number;
  code: string | null;
  text: string;
  responsables: string[];
  periods: { start: string | null; end: string | null; raw?: string }[];
  children: Node[];
}

async function plansImport(args: string[]) {
  const run = await runCli(["plans:import", ...args, "--json"], env);
  // stdout is one JSON document and nothing else.
  return { code: run.code, output: JSON.parse(run.stdout) as Output, stderr: run.stderr };
}

const leaves = (nodes: Node[]): Node[] =>
  nodes.flatMap((n) => (n.children.length ? leaves(n.children) : [n]));

describe("plans:import", () => {
  it(
    "reads the PAAC and the matrix as one JSON document, and loads a plan when nothing is left to fix",
    async () => {
      // The dependencias come with the first administrator (as on a new installation).
      expect((await runCli(["admin:create", "--doc", "1085999000", "--name", "Ana Rosero"], env)).code).toBe(
        0,
      );

      const paac = await plansImport([files["paac-2022.xlsx"] ?? "", "--type", "paac", "--dry-run"]);
      expect(paac.code).toBe(0);
      expect(paac.output.ok).toBe(true);
      expect(paac.output.counts).toEqual(readTruth<{ counts: Record<string, number> }>("paac-2022").counts);
      expect(paac.output.problems).toContainEqual(
        expect.objectContaining({ severity: "aviso", message: expect.stringContaining("31/04/2022") }),
      );
      const activities = leaves(paac.output.tree).filter((n) => n.level === 3);
      expect(activities[0]).toMatchObject({
        code: "1.1",
        responsables: ["Oficina de Planeación de Gestión Institucional – OPGI"],
        periods: [{ start: "2022-01-13", end: "2022-01-13" }],
      });
      expect(activities.flatMap((a) => a.periods)).toContainEqual({
        start: "2022-04-01",
        end: null,
        raw: expect.stringContaining("31/04/2022"),
      });
      const unmatched = new Map(paac.output.unmatched.map((u) => [u.text, u.suggestions]));
      expect(unmatched.has("Todas las dependencias")).toBe(true);
      expect(unmatched.has("OPGI")).toBe(false);
      expect(unmatched.get("Dirección de Juventud")?.[0]).toBe("Dirección Administrativa de Juventud");
      expect(paac.output).not.toHaveProperty("applied");

      const matriz = await plansImport([files["matriz-2026.xlsx"] ?? "", "--type", "matriz", "--dry-run"]);
      expect(matriz.code).toBe(0);
      expect(matriz.output.counts).toEqual(
        readTruth<{ counts: Record<string, number> }>("matriz-2026").counts,
      );
      expect(matriz.output.unmatched.map((u) => u.text)).toContain(
        "Equipo MIPG - Oficina de Planeación de Gestión Institucional",
      );

      // Without --dry-run: the plan of the file's year is created in borrador; with responsables still to
      // reconcile the file waits in its preview.
      const pending = await plansImport([files["paac-2022.xlsx"] ?? "", "--type", "paac"]);
      expect(pending.code).toBe(0);
      expect(pending.output).toMatchObject({ ok: true, applied: false, plan: "paac-2022" });

      const loaded = await plansImport([
        files["componente-1.xlsx"] ?? "",
        "--type",
        "paac",
        "--year",
        "2023",
      ]);
      expect(loaded.code).toBe(0);
      expect(loaded.output).toMatchObject({
        ok: true,
        applied: true,
        plan: "paac-2023",
        unmatched: [],
        changes: { added: 21, changed: 0, removed: 0 },
      });
      const again = await plansImport([files["componente-1.xlsx"] ?? "", "--type", "paac", "--year", "2023"]);
      expect(again.output).toMatchObject({
        applied: true,
        plan: "paac-2023",
        changes: { added: 0, changed: 0, removed: 0 },
      });
    },
    PROCESS_TIMEOUT,
  );

  it(
    "exits 2 when it refuses the file: unreadable, with errors, or missing",
    async () => {
      const columns = await plansImport([files["columnas.xlsx"] ?? "", "--type", "paac", "--dry-run"]);
      expect(columns.code).toBe(2);
      expect(columns.output.ok).toBe(false);
      expect(columns.output.message).toContain("Responsable, Fecha Inicio, Fecha Final");

      const dates = await plansImport([files["fechas.xlsx"] ?? "", "--type", "paac", "--dry-run"]);
      expect(dates.code).toBe(2);
      expect(dates.output.ok).toBe(false);
      expect(dates.output.problems).toContainEqual(
        expect.objectContaining({
          severity: "error",
          message: expect.stringContaining("termina antes de empezar"),
        }),
      );

      const missing = await plansImport([path.join(dir, "no-existe.xlsx"), "--type", "paac", "--dry-run"]);
      expect(missing.code).toBe(2);
      expect(missing.output.message).toContain("No existe el archivo");

      // Refused from its size, before it is read.
      const huge = await plansImport([files["enorme.xlsx"] ?? "", "--type", "paac", "--dry-run"]);
      expect(huge.code).toBe(2);
      expect(huge.output.message).toBe(
        "El archivo pesa 3.072 MB y el máximo es 10 MB. Quite las hojas o imágenes que no hagan falta y súbalo otra vez.",
      );

      // A year from the file's dates outside 2000–2100 makes no plan.
      const old = await plansImport([files["componente-1-1999.xlsx"] ?? "", "--type", "paac"]);
      expect(old.code).toBe(2);
      expect(old.output).toMatchObject({ ok: false, applied: false });
      expect(old.output.message).toContain("Las fechas del archivo son del año 1999");
      expect(old.output).not.toHaveProperty("plan");

      const noType = await runCli(["plans:import", files["paac-2022.xlsx"] ?? "", "--json"], env);
      expect(noType.code).toBe(2);
      expect(noType.stderr).toContain("--type paac");
    },
    PROCESS_TIMEOUT,
  );
});
