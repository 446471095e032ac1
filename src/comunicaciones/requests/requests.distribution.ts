// Internal distribution of a published document (Circular 004 de 2021): when a publication request asks for
// it, publishing creates a communication request to every servant with a link to the document — never the
// file attached 5,000 times — which then follows the normal OCS path (mass mail only through OCS). It is
// filed in the requester's name, in state «nuevo», in the caller's transaction.
import type { Db } from "../../db/client.ts";
import type { AuditContext } from "../../shared/audit.ts";
import * as repo from "./requests.repository.ts";
import { recordStep } from "./requests.service.ts";
import type { CommRequest } from "./requests.table.ts";

export interface Distribution {
  pubRequestId: string;
  pubCode: string;
  dependenciaId: string;
  requestedBy: string;
  /** «Circular No. 004 de 2021». */
  documentLabel: string;
  title: string;
  summary: string;
  /** The document's stable address, PUBLIC_BASE_URL included. */
  url: string;
}

const oneLine = (text: string, max: number) => {
  const flat = text.replace(/[\r\n]+/g, " ").trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1).trimEnd()}…`;
};

export async function fileDistributionRequest(
  db: Db,
  now: Date,
  audit: AuditContext,
  distribution: Distribution,
): Promise<CommRequest> {
  const request = await repo.insertRequest(db, {
    origin: "distribucion",
    pubRequestId: distribution.pubRequestId,
    dependenciaId: distribution.dependenciaId,
    requestedBy: distribution.requestedBy,
    purpose: `Difusión interna de la ${distribution.documentLabel}, publicada por la Subsecretaría de Sistemas de Información a pedido de la dependencia (solicitud de publicación ${distribution.pubCode}).`,
    classification: "general",
    audienceKind: "todos",
    desiredAt: now,
    subject: oneLine(`${distribution.documentLabel}: ${distribution.title}`, 200),
    body: `${distribution.summary.trim()}\n\nDescárguela en Intranet: ${distribution.url}`,
    state: "nuevo",
    createdAt: now,
    updatedAt: now,
  });
  await recordStep(db, now, audit, {
    request,
    kind: "creado",
    from: null,
    action: "comm_request.created",
    details: { origin: "distribucion", publication: distribution.pubCode },
  });
  return request;
}
