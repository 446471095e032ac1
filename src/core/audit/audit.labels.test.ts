import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
// The areas add their codes and words at start-up, as in the running application.
import "../../areas.ts";
import { ACTION_LABELS, actionLabel, actionOptions, describeDetails, VALUE_LABELS } from "./audit.rules.ts";

const SRC = path.resolve(import.meta.dirname, "../..");

/**
 * The codes in `action: "…"`, and in `action: cond ? "a.b" : "c.d"` (literals with a dot, so the compared
 * values in the condition are left out).
 */
function codesIn(source: string): string[] {
  const codes: string[] = [];
  for (const [, expression = ""] of source.matchAll(/\baction:\s*([^,\n}]+)/g)) {
    const single = /^"([^"]+)"$/.exec(expression.trim());
    if (single?.[1]) codes.push(single[1]);
    else for (const [, literal = ""] of expression.matchAll(/"([a-z_]+\.[a-z_.]+)"/g)) codes.push(literal);
  }
  return codes;
}

/** The codes a migration writes into audit_log: `INSERT INTO "audit_log" … 'a.b'`. */
function codesInMigration(source: string): string[] {
  if (!/insert into "?audit_log"?/i.test(source)) return [];
  return [...source.matchAll(/'([a-z_]+\.[a-z_]+)'/g)].map(([, code = ""]) => code);
}

/** Every `action: "…"` written in the application's source (tests left out). */
function actionCodesInSource(): Map<string, string> {
  const codes = new Map<string, string>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (
        /\.tsx?$/.test(entry.name) &&
        !/\.test\.tsx?$/.test(entry.name) &&
        entry.name !== "audit.rules.ts"
      )
        for (const code of codesIn(readFileSync(file, "utf8"))) codes.set(code, path.relative(SRC, file));
      else if (entry.name.endsWith(".sql"))
        for (const code of codesInMigration(readFileSync(file, "utf8")))
          codes.set(code, path.relative(SRC, file));
    }
  };
  walk(SRC);
  return codes;
}

describe("Spanish names of audit actions", () => {
  it("has a Spanish name for every action code written anywhere in src", () => {
    const codes = actionCodesInSource();
    expect(codes.size).toBeGreaterThan(30);
    const missing = [...codes].filter(([code]) => !ACTION_LABELS[code]).map(([c, f]) => `${c} (${f})`);
    expect(missing).toEqual([]);
  });

  it("offers in the filter only actions that SIPAP writes (besides card and photo state changes)", () => {
    const codes = actionCodesInSource();
    const stale = Object.keys(ACTION_LABELS).filter(
      (code) => !codes.has(code) && !/^(card|photo)\./.test(code),
    );
    expect(stale).toEqual([]);
  });

  it("names every card and photo state change, which are written as `card.<state>`", () => {
    expect(actionLabel("card.inhabilitada")).toBe("Carnet: inhabilitado");
    expect(actionLabel("photo.aprobada")).toBe("Foto: aprobada");
  });

  it("offers the filter sorted by Spanish name, without raw codes", () => {
    const labels = actionOptions().map((o) => o.label);
    expect(labels).toEqual([...labels].sort((a, b) => a.localeCompare(b, "es")));
    expect(labels.some((l) => /^[a-z_]+\.[a-z_]+$/.test(l))).toBe(false);
  });
});

describe("audit details as readable lines", () => {
  const names = (id: string) =>
    id === "11111111-1111-4111-8111-111111111111" ? "Dependencia de Salud" : undefined;
  const instant = (d: Date) => d.toISOString().slice(0, 10);

  it.each([
    [
      "a field-by-field change",
      { position: { before: "Técnico", after: "Profesional" }, phone: { before: null, after: "3001234567" } },
      ["Cargo u objeto: Técnico → Profesional", "Teléfono: (vacío) → 3001234567"],
    ],
    [
      "a state change with its reason",
      { from: "impresa", to: "inhabilitada", reason: "Pérdida o robo" },
      ["Estado: Impreso → Inhabilitado", "Motivo: Pérdida o robo"],
    ],
    [
      "a whole record before and after, only what changed",
      {
        before: { name: "Salud", active: true },
        after: { name: "Secretaría de Salud", active: true },
      },
      ["Nombre: Salud → Secretaría de Salud"],
    ],
    [
      "roles before and after",
      { before: ["servidor"], after: ["servidor", "enlace"] },
      ["Roles: Servidor o contratista → Servidor o contratista, Enlace de dependencia"],
    ],
    [
      "ids by name, words in Spanish, numbers the Colombian way",
      { dependenciaId: "11111111-1111-4111-8111-111111111111", reason: "wrong_password", rows: 1200 },
      ["Dependencia: Dependencia de Salud", "Motivo: clave equivocada", "Filas: 1.200"],
    ],
  ])("describes %s", (_, details, lines) => {
    expect(describeDetails(details, names, instant)).toEqual(lines);
  });

  it("never prints JSON", () => {
    const lines = describeDetails({ namesConfirmed: [{ line: 2, personId: null }] }, names, instant);
    expect(lines.join(" ")).not.toMatch(/[{}"]/);
  });
});

describe("words in audit details", () => {
  it("names in Spanish every automatic photo check a draft's failed checks can list", () => {
    const source = readFileSync(path.join(SRC, "carnetizacion/photos/photos.checks.ts"), "utf8");
    const ids = [...new Set([...source.matchAll(/\bid: "([a-z_]+)"/g)].map(([, id = ""]) => id))];
    expect(ids.length).toBeGreaterThan(5);
    expect(ids.filter((id) => !VALUE_LABELS[id])).toEqual([]);
  });

  it("names the card lists a consultation records", () => {
    const lines = describeDetails({ kind: "toRecover", recoverable: true }, () => undefined, String);
    expect(lines.join(" ")).not.toMatch(/toRecover|recoverable/);
  });
});
