// Who a request's audience names, now: every active servant, a filter (dependencias with their descendants,
// planta or contratistas), one person, or a pasted/uploaded list; and who of them can be written to
// (institutional address) or is dropped with the reason. Sending materialises the same list when it starts
// (resolveAudience); the request's pages show the counts (summariseAudience).
import { listDependenciaTree } from "../../core/dependencias/dependencias.service.ts";
import type { Db } from "../../db/client.ts";
import { classifyAddress, type DropReason, partitionAddresses } from "../messages/addresses.rules.ts";
import * as repo from "./requests.repository.ts";
import type { CommRequest } from "./requests.table.ts";

export interface AudienceSummary {
  deliverable: number;
  dropped: { name: string; email: string | null; reason: DropReason | "duplicado" }[];
}

/** One person (or list line) who gets the message, with the template's values. */
export interface AudienceRecipient {
  /** Null for a list line that matches no active person. */
  personId: string | null;
  /** Lower-case, in an allowed domain, unique within the audience. */
  email: string;
  /** Full name («Ana María Rosero Díaz»), or the list's «nombre» column; "" when unknown. */
  name: string;
  /** For {{nombre}}: the person's first names; for an unmatched list line, the list's name. */
  firstNames: string;
  dependenciaName: string;
  /** For {{cargo}}: the person's position, when known. */
  cargo?: string | null;
}

/** Someone the audience names who gets nothing, and why («duplicado»: a repeated address of a list). */
export interface AudienceDrop {
  email: string | null;
  personId: string | null;
  name: string;
  reason: DropReason | "duplicado";
}

export interface ResolvedAudience {
  recipients: AudienceRecipient[];
  dropped: AudienceDrop[];
}

/** The ids plus every descendant of each. */
async function withDescendants(db: Db, ids: readonly string[]) {
  const tree = await listDependenciaTree(db);
  const children = new Map<string, string[]>();
  for (const node of tree) {
    const parent = node.item.parentId;
    if (parent) children.set(parent, [...(children.get(parent) ?? []), node.item.id]);
  }
  const all = new Set<string>();
  const visit = (id: string) => {
    if (all.has(id)) return;
    all.add(id);
    for (const child of children.get(id) ?? []) visit(child);
  };
  for (const id of ids) visit(id);
  return [...all];
}

type AudienceOf = Pick<
  CommRequest,
  | "audienceKind"
  | "audienceDependenciaIds"
  | "audienceIncludeChildren"
  | "audienceVinculacion"
  | "audiencePersonId"
>;

/**
 * Every recipient of the audience of any kind (todos | filtro | persona | lista) and everyone dropped, for the
 * sending module: `resolveAudience(db, request, allowedDomains): Promise<ResolvedAudience>` where
 * `ResolvedAudience = { recipients: {personId: string|null, email, name, firstNames, dependenciaName,
 * cargo?}[], dropped: {email: string|null, personId: string|null, name, reason: "sin_correo" |
 * "dominio_externo" | "correo_invalido" | "duplicado"}[] }`. A list line is matched to an active person by
 * address (name, dependencia and position from `people`), else it keeps the list's columns; its address is
 * checked again against today's domains. «duplicado» rows are not deliveries (the unique index of
 * comm_deliveries would refuse them): sending may skip them or record them as it sees fit.
 */
export async function resolveAudience(
  db: Db,
  request: AudienceOf & { id: string },
  allowedDomains: readonly string[],
): Promise<ResolvedAudience> {
  if (request.audienceKind === "lista") return resolveList(db, request.id, allowedDomains);
  const candidates = await candidatesOf(db, request);
  const { deliverable, dropped } = partitionAddresses(candidates, allowedDomains);
  const fullName = (c: { firstNames: string; lastNames: string }) => `${c.firstNames} ${c.lastNames}`;
  return {
    recipients: deliverable.map((c) => ({
      personId: c.personId,
      email: c.email,
      name: fullName(c),
      firstNames: c.firstNames,
      dependenciaName: c.dependenciaName ?? "",
      cargo: c.position,
    })),
    dropped: dropped.map((c) => ({
      email: c.email,
      personId: c.personId,
      name: fullName(c),
      reason: c.reason,
    })),
  };
}

async function resolveList(db: Db, requestId: string, allowedDomains: readonly string[]) {
  const rows = await repo.listEntriesWithPeople(db, requestId);
  const seen = new Set<string>();
  const result: ResolvedAudience = { recipients: [], dropped: [] };
  for (const row of rows) {
    const { entry } = row;
    const name = row.firstNames ? `${row.firstNames} ${row.lastNames}` : (entry.name ?? "");
    const checked = classifyAddress(entry.email, allowedDomains);
    const reason =
      entry.problem ?? (checked.ok ? (seen.has(checked.email) ? "duplicado" : null) : checked.reason);
    if (reason || !checked.ok) {
      result.dropped.push({
        email: entry.email,
        personId: row.personId,
        name,
        reason: reason ?? "correo_invalido",
      });
      continue;
    }
    seen.add(checked.email);
    result.recipients.push({
      personId: row.personId,
      email: checked.email,
      name,
      firstNames: row.firstNames ?? entry.name ?? "",
      dependenciaName: row.personDependencia ?? entry.dependenciaName ?? "",
      cargo: row.position,
    });
  }
  return result;
}

async function candidatesOf(db: Db, request: AudienceOf) {
  const dependenciaIds = request.audienceIncludeChildren
    ? await withDescendants(db, request.audienceDependenciaIds)
    : request.audienceDependenciaIds;
  return repo.audienceCandidates(db, {
    kind: request.audienceKind === "lista" ? "persona" : request.audienceKind,
    dependenciaIds,
    vinculacion: request.audienceVinculacion,
    personId: request.audiencePersonId,
  });
}

/** The counts and the dropped people of a request's audience (a list's are its stored lines). */
export async function summariseAudience(
  db: Db,
  request: AudienceOf & { id?: string },
  allowedDomains: readonly string[],
): Promise<AudienceSummary> {
  if (request.audienceKind === "lista" && !request.id) return { deliverable: 0, dropped: [] };
  const { recipients, dropped } = await resolveAudience(
    db,
    { ...request, id: request.id ?? "" },
    allowedDomains,
  );
  return {
    deliverable: recipients.length,
    dropped: dropped.map((d) => ({ name: d.name, email: d.email, reason: d.reason })),
  };
}

/** Why this audience cannot be used, in plain Spanish, or undefined when it can. */
export function audienceProblem(summary: AudienceSummary, sensitive: boolean): string | undefined {
  if (summary.deliverable === 0)
    return summary.dropped.length === 0
      ? "Nadie recibiría este mensaje: no hay servidores activos que cumplan lo que eligió."
      : `Nadie recibiría este mensaje: ${summary.dropped.length === 1 ? "la persona elegida no tiene" : "ninguna de las personas elegidas tiene"} un correo institucional registrado.`;
  if (sensitive && summary.deliverable !== 1)
    return "Un aviso de interés particular va a una sola persona: elija a la persona, no una lista ni una dependencia.";
  return undefined;
}
