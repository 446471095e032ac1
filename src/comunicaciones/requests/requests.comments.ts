// A comment at any step of a request, with files, by anyone who may read it (requesters of its dependencia,
// OCS, the Despacho, a consulted office). Files marked «mensaje» travel with the message: adding one is a
// content edit (only for who may edit now; after approval the request goes back to review). A sensitive
// notice takes comments and gives its files only to its content readers. Split from requests.service.ts.
import type { Deps } from "../../deps.ts";
import type { AuditContext } from "../../shared/audit.ts";
import type { CurrentUser } from "../../shared/auth/roles.ts";
import { AppError, notFound } from "../../shared/errors.ts";
import {
  type AttachmentDeps,
  type AttachmentUpload,
  attachmentRefused,
  mailedBytes,
  openAttachment,
  prepareAttachments,
  recordAttachments,
  withStoredFiles,
} from "./requests.attachments.ts";
import { contentEditSet } from "./requests.filing.ts";
import * as repo from "./requests.repository.ts";
import { canReadContent } from "./requests.rules.ts";
import type { StepCommentForm } from "./requests.schemas.ts";
import { mayEdit, recordStep, requestOr404, stale } from "./requests.service.ts";

/** Refused (422, nothing stored) when empty, when a file is refused, or «mensaje» files by who may not edit. */
export async function commentOnRequest(
  deps: AttachmentDeps,
  audit: AuditContext,
  user: CurrentUser,
  id: string,
  form: StepCommentForm,
  uploads: readonly Omit<AttachmentUpload, "purpose">[],
) {
  const db = deps.database.db;
  const current = await requestOr404(db, id, user);
  if (!canReadContent(current, user.id)) throw notFound("La solicitud");
  if (form.comment === "" && uploads.length === 0)
    throw new AppError("comm.empty_comment", 422, "Escriba el comentario o elija al menos un archivo.");
  const mailed = form.purpose === "mensaje" && uploads.length > 0;
  if (mailed && !mayEdit(current, user))
    throw attachmentRefused(
      "Ahora usted no puede cambiar el mensaje: adjunte los archivos como soporte, o pida a quien puede modificar la solicitud que los agregue.",
    );
  const files = uploads.map((u) => ({ ...u, purpose: form.purpose }));
  const kept = await repo.listAttachments(db, current.id);
  const prepared = await prepareAttachments(deps, current.id, files, mailedBytes(kept));
  const now = deps.clock.now();
  return withStoredFiles(deps, prepared, () =>
    db.transaction(async (tx) => {
      let request = current;
      if (mailed) {
        // A file that travels with the message changes what was approved or consulted.
        const { backToReview, set } = contentEditSet(current, now);
        const updated = await repo.updateRequestIf(tx, current.id, [current.state], current.rowVersion, set);
        if (!updated) throw stale();
        request = updated;
        await recordStep(tx, now, audit, {
          request,
          kind: backToReview ? "vuelto_a_revision" : "editado",
          from: current.state,
          action: backToReview ? "comm_request.back_to_review" : "comm_request.updated",
          details: { addedFiles: prepared.map((f) => f.fileName) },
        });
      }
      const eventId = await recordStep(tx, now, audit, {
        request,
        kind: "comentario",
        from: request.state,
        comment: form.comment || null,
        action: "comm_request.commented",
        details: prepared.length > 0 ? { files: prepared.map((f) => f.fileName), purpose: form.purpose } : {},
      });
      await recordAttachments(tx, now, audit, request, prepared, eventId);
      return { request, added: prepared.length, mailed };
    }),
  );
}

/** A file of a request the user may see: 404 when they may not see the request or read its content. */
export async function downloadAttachment(
  deps: Pick<Deps, "database" | "storage" | "clock">,
  audit: AuditContext,
  user: CurrentUser,
  id: string,
  attachmentId: string,
) {
  const request = await requestOr404(deps.database.db, id, user);
  return openAttachment(deps, audit, user, request, attachmentId);
}
