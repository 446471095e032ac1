// Who a request's audience names, now: every active servant, a filter (dependencias with their descendants,
// planta or contratistas) or one person; and who of them can be written to (institutional address) or is
// dropped with the reason. Sending materialises the same list when it starts; here it gives the counts.
import { listDependenciaTree } from "../../core/dependencias/dependencias.service.ts";
import type { Db } from "../../db/client.ts";
import { type DropReason, partitionAddresses } from "../messages/addresses.rules.ts";
import * as repo from "./requests.repository.ts";
import type { CommRequest } from "./requests.table.ts";

export interface AudienceSummary {
  deliverable: number;
  dropped: { name: string; email: string | null; reason: DropReason | "duplicado" }[];
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

export async function summariseAudience(
  db: Db,
  request: AudienceOf,
  allowedDomains: readonly string[],
): Promise<AudienceSummary> {
  if (request.audienceKind === "lista") return { deliverable: 0, dropped: [] };
  const dependenciaIds = request.audienceIncludeChildren
    ? await withDescendants(db, request.audienceDependenciaIds)
    : request.audienceDependenciaIds;
  const candidates = await repo.audienceCandidates(db, {
    kind: request.audienceKind,
    dependenciaIds,
    vinculacion: request.audienceVinculacion,
    personId: request.audiencePersonId,
  });
  const { deliverable, dropped } = partitionAddresses(candidates, allowedDomains);
  return {
    deliverable: deliverable.length,
    dropped: dropped.map((d) => ({
      name: `${d.firstNames} ${d.lastNames}`,
      email: d.email,
      reason: d.reason,
    })),
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
