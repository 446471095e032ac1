// Publication requests (format GTI-F-020, Circular 004 de 2021): a dependencia's liaison or head asks SSI to
// publish a circular, resolución or acto administrativo on the website, the intranet or both. SSI publishes
// it into the library in one transaction (the stored file is reused, its address never changes; with
// internal distribution, a communication request with the link goes to OCS) or returns it with a comment.
// Files are checked by content before anything is kept: a refused file leaves no row and no object.
import { randomUUID } from "node:crypto";
import type { Readable } from "node:stream";
import { queueEmail } from "../../core/mail/mail.service.ts";
import type { Db } from "../../db/client.ts";
import { type AuditContext, recordAudit } from "../../shared/audit.ts";
import type { CurrentUser, Role } from "../../shared/auth/roles.ts";
import { AppError, forbidden, notFound } from "../../shared/errors.ts";
import type { FormErrors } from "../../shared/forms.ts";
import { canonicalNumber, DOC_TYPE_LABELS, documentLabel } from "../library/library.rules.ts";
import {
  checkDocumentFile,
  ensureNotPublished,
  isPublisher,
  type LibraryDeps,
  publishDocument,
  type Upload,
} from "../library/library.service.ts";
import { fileDistributionRequest } from "../requests/requests.distribution.ts";
import * as repo from "./publications.repository.ts";
import { pubCode, visibilityFor } from "./publications.rules.ts";
import type { PubRequestForm } from "./publications.schemas.ts";
import type { PubRequest } from "./publications.table.ts";

export type { PubListRow } from "./publications.repository.ts";
export type { PubRequest } from "./publications.table.ts";

const REQUESTERS: readonly Role[] = ["enlace", "jefe_dependencia"];
const isRequester = (user: CurrentUser) => REQUESTERS.some((r) => user.roles.includes(r));

const stale = () =>
  new AppError(
    "pubs.stale",
    409,
    "La solicitud ya fue atendida o cambió mientras usted la tenía abierta. Vuelva a abrirla para ver su estado.",
  );

/** The issuing office the form proposes: the requester's own dependencia. */
export async function defaultIssuingOffice(db: Db, user: CurrentUser) {
  return user.dependenciaId ? ((await repo.dependenciaName(db, user.dependenciaId)) ?? "") : "";
}

type Outcome = { ok: true; request: PubRequest } | { ok: false; errors: FormErrors };

export async function filePubRequest(
  deps: LibraryDeps,
  audit: AuditContext,
  user: CurrentUser,
  form: PubRequestForm,
  upload: Upload | undefined,
): Promise<Outcome> {
  if (!isRequester(user)) throw forbidden();
  if (!user.dependenciaId)
    return {
      ok: false,
      errors: { _form: "Su cuenta no tiene dependencia: pida a la Oficina de Sistemas que se la asigne." },
    };
  const file = await checkDocumentFile(deps, audit, upload, {
    action: "pub_request.refused",
    targetType: "pub_request",
  });
  const storageKey = `comunicaciones/publicaciones/${randomUUID()}.${file.kind}`;
  await deps.storage.put(storageKey, file.bytes, { contentType: file.contentType });
  const now = deps.clock.now();
  try {
    return await deps.database.db.transaction(async (tx) => {
      const request = await repo.insertPubRequest(tx, {
        dependenciaId: user.dependenciaId as string,
        requestedBy: user.id,
        docType: form.docType,
        docNumber: canonicalNumber(form.docNumber),
        docDate: form.docDate,
        issuingOffice: form.issuingOffice,
        title: form.title,
        summary: form.summary,
        target: form.target,
        section: form.section,
        internalDistribution: form.internalDistribution,
        fileName: file.fileName,
        contentType: file.contentType,
        size: file.size,
        sha256: file.sha256,
        storageKey,
        createdAt: now,
        updatedAt: now,
      });
      await recordAudit(tx, now, audit, {
        action: "pub_request.created",
        targetType: "pub_request",
        targetId: request.id,
        details: { code: pubCode(request.number, request.createdAt), document: labelOf(request) },
      });
      return { ok: true as const, request };
    });
  } catch (error) {
    await deps.storage.delete(storageKey).catch(() => {});
    throw error;
  }
}

const labelOf = (r: PubRequest) => documentLabel(r.docType, r.docNumber, Number(r.docDate.slice(0, 4)));

/** SSI sees every request; a requester, own and own dependencia's; anyone else: 404. */
function canSee(request: PubRequest, user: CurrentUser) {
  if (isPublisher(user) || request.requestedBy === user.id) return true;
  return isRequester(user) && request.dependenciaId === user.dependenciaId;
}

export async function viewPubRequest(db: Db, user: CurrentUser, id: string) {
  const row = await repo.findOne(db, id);
  if (!row || !canSee(row.request, user)) throw notFound("La solicitud de publicación");
  return {
    ...row,
    code: pubCode(row.request.number, row.request.createdAt),
    label: labelOf(row.request),
    mayDecide: isPublisher(user) && row.request.state === "nuevo",
  };
}
export type PubRequestView = Awaited<ReturnType<typeof viewPubRequest>>;

export async function openPubRequestFile(
  deps: LibraryDeps,
  user: CurrentUser,
  id: string,
): Promise<{ request: PubRequest; stream: Readable }> {
  const { request } = await viewPubRequest(deps.database.db, user, id);
  const stream = await deps.storage.get(request.storageKey);
  if (!stream) throw notFound("El archivo de la solicitud");
  return { request, stream };
}

const withCodes = (rows: repo.PubListRow[]) =>
  rows.map((row) => ({
    ...row,
    code: pubCode(row.request.number, row.request.createdAt),
    label: labelOf(row.request),
  }));
export type PubListItem = ReturnType<typeof withCodes>[number];

export async function listMyPubRequests(db: Db, user: CurrentUser) {
  return withCodes(await repo.listOfRequester(db, user.id, isRequester(user) ? user.dependenciaId : null));
}

/** SSI's queue: requests to publish, then the latest handled ones. */
export async function listPubQueue(db: Db, user: CurrentUser) {
  if (!isPublisher(user)) throw forbidden();
  const [pending, handled] = await Promise.all([
    repo.listInStates(db, ["nuevo"], 500),
    repo.listInStates(db, ["publicado", "devuelto"], 1000),
  ]);
  return { pending: withCodes(pending), handled: withCodes(handled.slice(-50).reverse()) };
}

/** To the requester through the outbox, when they have an address. */
async function noticeToRequester(db: Db, now: Date, request: PubRequest, subject: string, text: string) {
  const person = await repo.findRequester(db, request.requestedBy);
  if (!person?.email) return;
  await queueEmail(db, now, {
    to: person.email,
    personId: request.requestedBy,
    kind: "comunicaciones.aviso",
    subject: `Solicitud de publicación ${pubCode(request.number, request.createdAt)}: ${subject}`,
    text: `${person.firstNames}:\n\n${text}\n\nPuede seguirla en SIPAP, «Publicaciones».`,
  });
}

/**
 * Publishes the request's document into the library (visibility from the target, the stored file reused),
 * in one transaction with the request's state, the audit rows, the notice and, when asked for, the internal
 * distribution request to OCS.
 */
export async function publishPubRequest(
  deps: LibraryDeps,
  audit: AuditContext,
  user: CurrentUser,
  id: string,
  rowVersion: number | undefined,
) {
  if (!isPublisher(user)) throw forbidden();
  const db = deps.database.db;
  const current = await repo.findPubRequest(db, id);
  if (!current) throw notFound("La solicitud de publicación");
  if (current.state !== "nuevo") throw stale();
  const now = deps.clock.now();
  const year = Number(current.docDate.slice(0, 4));
  await ensureNotPublished(db, current.docType, current.docNumber, year);
  return db.transaction(async (tx) => {
    const document = await publishDocument(tx, now, audit, {
      docType: current.docType,
      number: current.docNumber,
      issuedOn: current.docDate,
      issuingOffice: current.issuingOffice,
      issuingDependenciaId: current.dependenciaId,
      title: current.title,
      subject: current.summary,
      section: current.section,
      visibility: visibilityFor(current.target),
      file: {
        fileName: current.fileName,
        contentType: current.contentType,
        size: current.size,
        sha256: current.sha256,
        storageKey: current.storageKey,
      },
    });
    const request = await repo.updatePubRequestIf(tx, id, "nuevo", rowVersion, {
      state: "publicado",
      documentId: document.id,
      handledBy: user.id,
      handledAt: now,
      updatedAt: now,
    });
    if (!request) throw stale();
    const code = pubCode(request.number, request.createdAt);
    const url = `${deps.config.publicBaseUrl}/documentos/${document.slug}`;
    const distribution = request.internalDistribution
      ? await fileDistributionRequest(tx, now, audit, {
          pubRequestId: request.id,
          pubCode: code,
          dependenciaId: request.dependenciaId,
          requestedBy: request.requestedBy,
          documentLabel: documentLabel(document.docType, document.number, document.year),
          title: document.title,
          summary: request.summary,
          url,
        })
      : undefined;
    await recordAudit(tx, now, audit, {
      action: "pub_request.published",
      targetType: "pub_request",
      targetId: request.id,
      details: {
        code,
        from: "nuevo",
        to: "publicado",
        slug: document.slug,
        ...(distribution ? { distribution: distribution.id } : {}),
      },
    });
    await noticeToRequester(
      tx,
      now,
      request,
      "publicada",
      `La ${DOC_TYPE_LABELS[document.docType].toLowerCase()} «${document.title}» quedó publicada en ${url} (esta dirección no cambia).${distribution ? " La Oficina de Comunicación Social revisará su difusión interna a los servidores." : ""}`,
    );
    return { request, document, distribution };
  });
}

export async function returnPubRequest(
  db: Db,
  now: Date,
  audit: AuditContext,
  user: CurrentUser,
  id: string,
  rowVersion: number | undefined,
  comment: string,
) {
  if (!isPublisher(user)) throw forbidden();
  const current = await repo.findPubRequest(db, id);
  if (!current) throw notFound("La solicitud de publicación");
  return db.transaction(async (tx) => {
    const request = await repo.updatePubRequestIf(tx, id, "nuevo", rowVersion, {
      state: "devuelto",
      comment,
      handledBy: user.id,
      handledAt: now,
      updatedAt: now,
    });
    if (!request) throw stale();
    await recordAudit(tx, now, audit, {
      action: "pub_request.returned",
      targetType: "pub_request",
      targetId: request.id,
      details: { code: pubCode(request.number, request.createdAt), from: "nuevo", to: "devuelto", comment },
    });
    await noticeToRequester(
      tx,
      now,
      request,
      "devuelta",
      `La Subsecretaría de Sistemas de Información devolvió la solicitud de publicación de «${request.title}» con esta observación:\n\n${comment}\n\nCorrija lo indicado y radique una solicitud nueva.`,
    );
    return request;
  });
}

/** «PUB-2026-0003 («título»)» by id, for the audit page. */
export async function pubRequestNames(db: Db, ids: string[]): Promise<[string, string][]> {
  const rows = await repo.pubRequestCodes(db, ids);
  return rows.map((r) => [r.id, `${pubCode(r.number, r.createdAt)} («${r.title}»)`]);
}
