// Responsables of plans: the texts written in the offices' spreadsheets, reconciled to dependencias. Names,
// acronyms and their usual variants match on their own (responsables.rules.ts); anything else planeación maps
// once — to one or several dependencias, to all of them, or to a team inside one — and that alias serves
// every later import. A dependencia is never created here.
import type { Db } from "../../db/client.ts";
import { type AuditContext, recordAudit } from "../../shared/audit.ts";
import { conflict, isUniqueViolation, notFound } from "../../shared/errors.ts";
import * as repo from "./responsables.repository.ts";
import { createMatcher, describeMatch, normalizeResponsable, type Resolution } from "./responsables.rules.ts";
import type { AliasKind, PlanAlias } from "./responsables.table.ts";

export type { AliasWithTargets } from "./responsables.repository.ts";
export type { Matched, Resolution } from "./responsables.rules.ts";
export { describeMatch, normalizeResponsable } from "./responsables.rules.ts";

/** The active dependencias, by name (the lists a person picks from when mapping). */
export const listActiveDependencias = (db: Db) => repo.findActiveDependencias(db);
export const listAliases = (db: Db) => repo.findAliases(db);

/** Loads dependencias and aliases once and returns a matcher for any number of texts. */
export async function loadMatcher(db: Db): Promise<(text: string) => Resolution> {
  const [active, aliases] = await Promise.all([repo.findActiveDependencias(db), repo.findAliases(db)]);
  return createMatcher(
    active,
    aliases.map((alias) => ({
      normalized: alias.normalized,
      kind: alias.kind,
      team: alias.team,
      dependencias: alias.dependencias,
    })),
  );
}

/** What each distinct written text stands for (or the closest dependencias when nothing matched). */
export async function resolveResponsables(
  db: Db,
  texts: readonly string[],
): Promise<Map<string, Resolution>> {
  const match = await loadMatcher(db);
  const resolved = new Map<string, Resolution>();
  for (const text of texts) if (!resolved.has(text)) resolved.set(text, match(text));
  return resolved;
}

export interface MapAliasInput {
  written: string;
  kind: string;
  /** The dependencias chosen: one or more for "dependencias", exactly one for "equipo", none for "todas". */
  dependenciaIds: readonly string[];
  team?: string | null;
}

export type MapAliasResult =
  | { ok: true; alias: PlanAlias; description: string }
  | { ok: false; field: "written" | "kind" | "dependencias" | "team"; message: string };

const KINDS: readonly AliasKind[] = ["dependencias", "todas", "equipo"];
const isKind = (kind: string): kind is AliasKind => (KINDS as readonly string[]).includes(kind);

/**
 * Keeps what planeación said about a written responsable, for this and every later import. Mapping a text
 * again replaces what it said before (the old mapping stays in the audit log).
 */
export async function mapAlias(
  db: Db,
  at: Date,
  audit: AuditContext,
  input: MapAliasInput,
): Promise<MapAliasResult> {
  const written = input.written.replace(/\s+/g, " ").trim();
  const normalized = normalizeResponsable(written);
  if (!normalized || written.length > 500)
    return {
      ok: false,
      field: "written",
      message: "Falta el texto del responsable tal como está en el archivo.",
    };
  if (!isKind(input.kind))
    return { ok: false, field: "kind", message: "Elija a qué corresponde este responsable." };
  const kind = input.kind;
  const ids = kind === "todas" ? [] : [...new Set(input.dependenciaIds.filter(Boolean))];
  const team = kind === "equipo" ? (input.team ?? "").replace(/\s+/g, " ").trim() : null;
  if (kind === "dependencias" && ids.length === 0)
    return { ok: false, field: "dependencias", message: "Marque al menos una dependencia." };
  if (kind === "equipo" && ids.length !== 1)
    return {
      ok: false,
      field: "dependencias",
      message: "Elija la dependencia a la que pertenece el equipo.",
    };
  if (kind === "equipo" && (!team || team.length > 200))
    return {
      ok: false,
      field: "team",
      message: team
        ? "El nombre del equipo es muy largo (máximo 200 caracteres)."
        : "Escriba el nombre del equipo.",
    };
  const found = await repo.findDependenciasByIds(db, ids);
  const active = found.filter((d) => d.active);
  if (active.length !== ids.length)
    return {
      ok: false,
      field: "dependencias",
      message: "Una de las dependencias elegidas no existe o está inactiva. Elija otra de la lista.",
    };
  // By name, as the aliases are read back: the same mapping always reads the same.
  const targets = active.sort((a, b) => a.name.localeCompare(b.name, "es"));
  const description = describeMatch({ kind, dependencias: targets, team });
  const alias = await db
    .transaction(async (tx) => {
      const previous = await repo.findAliasByNormalized(tx, normalized);
      if (previous) await repo.deleteAlias(tx, previous.id);
      const created = await repo.insertAlias(
        tx,
        { normalized, written, kind, team, createdBy: audit.actorId, createdAt: at },
        ids,
      );
      await recordAudit(tx, at, audit, {
        action: "plan_alias.created",
        targetType: "plan_alias",
        targetId: created.id,
        details: {
          written,
          kind,
          team,
          dependencias: targets.map((d) => d.name),
          // What it meant before, in the audit's own words (the vocabulary names the kinds).
          ...(previous && { replaced: previous.kind }),
        },
      });
      return created;
    })
    .catch((error: unknown) => {
      // Two people mapping the same text at once: the second insert meets the first one's row.
      if (isUniqueViolation(error))
        throw conflict("plan_alias.race", "Otra persona acaba de conciliar este texto. Recargue la página.");
      throw error;
    });
  return { ok: true, alias, description };
}

/** Forgets a mapping: the next import lists that text again to be reconciled. Plans already applied keep theirs. */
export async function deleteAlias(db: Db, at: Date, audit: AuditContext, id: string): Promise<PlanAlias> {
  const alias = await repo.findAlias(db, id);
  if (!alias) throw notFound("La conciliación");
  await db.transaction(async (tx) => {
    await repo.deleteAlias(tx, alias.id);
    await recordAudit(tx, at, audit, {
      action: "plan_alias.deleted",
      targetType: "plan_alias",
      targetId: alias.id,
      details: { written: alias.written, kind: alias.kind, team: alias.team },
    });
  });
  return alias;
}
