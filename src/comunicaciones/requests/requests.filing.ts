// Filing and editing a communication request: the form's content (audience, a pasted or uploaded list), its
// files (checked before anything is stored, see requests.attachments.ts), and a content edit's effects (a new
// content version; after approval, back to review). Split from requests.service.ts by topic.
import { randomUUID } from "node:crypto";
import { findPersonByDocument } from "../../core/people/people.service.ts";
import type { Db } from "../../db/client.ts";
import type { AuditContext } from "../../shared/audit.ts";
import type { CurrentUser } from "../../shared/auth/roles.ts";
import { AppError } from "../../shared/errors.ts";
import type { FormErrors } from "../../shared/forms.ts";
import { startOfBogotaDay } from "../../shared/time.ts";
import type { CheckedListLine } from "../messages/addresses.rules.ts";
import {
  type AttachmentDeps,
  type AttachmentUpload,
  mailedBytes,
  type PreparedAttachment,
  prepareAttachments,
  recordAttachments,
  withStoredFiles,
} from "./requests.attachments.ts";
import { audienceProblem, summariseAudience } from "./requests.audience.ts";
import { type ListUpload, readAudienceList } from "./requests.lists.ts";
import * as repo from "./requests.repository.ts";
import { requestCode, stateAfterEdit } from "./requests.rules.ts";
import type { RequestForm } from "./requests.schemas.ts";
import { editableOr409, recordStep, requestOr404, stale } from "./requests.service.ts";
import type { CommRequest } from "./requests.table.ts";

const desiredAtOf = (form: RequestForm) => {
  const day = startOfBogotaDay(form.desiredDate);
  if (!day) return undefined;
  const [hours, minutes] = form.desiredTime.split(":").map(Number);
  return new Date(day.getTime() + ((hours ?? 0) * 60 + (minutes ?? 0)) * 60_000);
};

type Outcome = { ok: true; request: CommRequest } | { ok: false; errors: FormErrors };

/** What a form brings beside its fields: files (checked and stored with `deps`), a list file, removals. */
export interface FormExtras {
  deps?: AttachmentDeps;
  files?: AttachmentUpload[];
  listFile?: ListUpload;
  /** Attachments of the request to remove (edit form). */
  removeAttachmentIds?: string[];
}

/**
 * The columns a form sets, or the field errors (unknown person, empty audience, past date, a refused list).
 * `list` is the checked list to store, or undefined to keep the request's current one.
 */
async function contentOf(
  db: Db,
  now: Date,
  domains: readonly string[],
  form: RequestForm,
  extras: FormExtras,
  hasList = false,
) {
  const errors: FormErrors = {};
  let list: CheckedListLine[] | undefined;
  if (form.audienceKind === "lista" && (extras.listFile || form.listText.trim() !== "" || !hasList)) {
    const read = await readAudienceList(
      form.listText,
      extras.listFile,
      domains,
      extras.deps?.config.comm.maxListEntries ?? 10_000,
    );
    if (read.ok) list = read.lines;
    else errors.listText = read.message;
  }
  const desiredAt = desiredAtOf(form);
  if (!desiredAt) errors.desiredDate = "Escriba una fecha que exista, como aaaa-mm-dd.";
  else if (desiredAt.getTime() < now.getTime()) errors.desiredDate = "La fecha y hora deseadas ya pasaron.";
  let personId: string | null = null;
  if (form.audienceKind === "persona") {
    const person = await findPersonByDocument(db, form.personDocument);
    if (person?.status === "activo") personId = person.id;
    else errors.personDocument = "No hay un servidor activo con ese número de documento.";
  }
  const values = {
    purpose: form.purpose,
    classification: form.classification,
    audienceKind: form.audienceKind,
    audienceDependenciaIds: form.audienceKind === "filtro" ? form.dependencias : [],
    audienceIncludeChildren: form.includeChildren,
    audienceVinculacion: form.audienceKind === "filtro" && form.vinculacion ? form.vinculacion : null,
    audiencePersonId: personId,
    desiredAt: desiredAt ?? now,
    subject: form.subject,
    body: form.body,
  };
  if (Object.keys(errors).length === 0 && form.audienceKind !== "lista") {
    const problem = audienceProblem(
      await summariseAudience(db, values, domains),
      values.classification === "sensible",
    );
    if (problem) errors[form.audienceKind === "persona" ? "personDocument" : "audienceKind"] = problem;
  }
  return { values, errors, list };
}

const listRows = (lines: readonly CheckedListLine[]) =>
  lines.map((line) => ({
    position: line.position,
    raw: line.raw,
    email: line.email,
    name: line.name,
    dependenciaName: line.dependenciaName,
    problem: line.problem,
  }));

/** Checks the form's files; a refusal becomes the «adjuntos» field's error (nothing is stored). */
async function prepareOrError(
  extras: FormExtras,
  requestId: string,
  keptMailed: number,
): Promise<{ prepared: PreparedAttachment[] } | { error: string }> {
  const files = extras.files ?? [];
  if (files.length === 0 || !extras.deps) return { prepared: [] };
  try {
    return { prepared: await prepareAttachments(extras.deps, requestId, files, keptMailed) };
  } catch (error) {
    if (error instanceof AppError && error.status === 422) return { error: error.userMessage };
    throw error;
  }
}

/** Runs `within` after the files are written (deleted again if it fails); no files: just runs it. */
const storing = <T>(extras: FormExtras, prepared: PreparedAttachment[], within: () => Promise<T>) =>
  extras.deps && prepared.length > 0 ? withStoredFiles(extras.deps, prepared, within) : within();

export async function fileRequest(
  db: Db,
  now: Date,
  audit: AuditContext,
  domains: readonly string[],
  user: CurrentUser,
  form: RequestForm,
  extras: FormExtras = {},
): Promise<Outcome> {
  if (!user.dependenciaId)
    return {
      ok: false,
      errors: { _form: "Su cuenta no tiene dependencia: pida a la Oficina de Sistemas que se la asigne." },
    };
  const { values, errors, list } = await contentOf(db, now, domains, form, extras);
  const id = randomUUID();
  const files = await prepareOrError(extras, id, 0);
  if ("error" in files) errors.adjuntos = files.error;
  if (Object.keys(errors).length > 0 || "error" in files) return { ok: false, errors };
  return storing(extras, files.prepared, () =>
    db.transaction(async (tx) => {
      const request = await repo.insertRequest(tx, {
        ...values,
        id,
        dependenciaId: user.dependenciaId as string,
        requestedBy: user.id,
        createdAt: now,
        updatedAt: now,
      });
      if (list) await repo.replaceListEntries(tx, request.id, listRows(list));
      await recordStep(tx, now, audit, {
        request,
        kind: "creado",
        from: null,
        action: "comm_request.created",
        details: list ? { listEntries: list.length, listDropped: list.filter((l) => l.problem).length } : {},
      });
      await recordAttachments(tx, now, audit, request, files.prepared);
      return { ok: true as const, request };
    }),
  );
}

/** The form's values of a request being edited (its content must be readable: mayEdit implies it). */
export async function editableRequest(db: Db, user: CurrentUser, id: string) {
  const request = editableOr409(await requestOr404(db, id, user), user);
  const [person, attachments, list] = await Promise.all([
    repo.findPersonName(db, request.audiencePersonId),
    repo.listAttachments(db, request.id),
    request.audienceKind === "lista" ? repo.listEntriesWithPeople(db, request.id) : [],
  ]);
  return {
    request,
    code: requestCode(request.number, request.createdAt),
    personEmail: person?.email ?? null,
    attachments,
    listCount: list.length,
  };
}

/**
 * The columns of any content edit: a new content version (approval and consultations held for the old
 * one), and from aprobado|programado back to review with the approval and the schedule cleared.
 */
export function contentEditSet(current: CommRequest, now: Date) {
  const backToReview = stateAfterEdit(current.state) !== current.state;
  return {
    backToReview,
    set: {
      state: stateAfterEdit(current.state),
      contentVersion: current.contentVersion + 1,
      updatedAt: now,
      ...(backToReview
        ? {
            approvedBy: null,
            approvedAt: null,
            approvedContentVersion: null,
            scheduledAt: null,
            scheduledBy: null,
          }
        : {}),
    },
  };
}

export async function updateRequest(
  db: Db,
  now: Date,
  audit: AuditContext,
  domains: readonly string[],
  user: CurrentUser,
  id: string,
  form: RequestForm,
  extras: FormExtras = {},
): Promise<Outcome> {
  const current = editableOr409(await requestOr404(db, id, user), user);
  const { values, errors, list } = await contentOf(
    db,
    now,
    domains,
    form,
    extras,
    current.audienceKind === "lista",
  );
  const kept = (await repo.listAttachments(db, current.id)).filter(
    (a) => !extras.removeAttachmentIds?.includes(a.id),
  );
  const files = await prepareOrError(extras, current.id, mailedBytes(kept));
  if ("error" in files) errors.adjuntos = files.error;
  if (Object.keys(errors).length > 0 || "error" in files) return { ok: false, errors };
  const { backToReview, set } = contentEditSet(current, now);
  return storing(extras, files.prepared, () =>
    db.transaction(async (tx) => {
      const request = await repo.updateRequestIf(
        tx,
        current.id,
        [current.state],
        form.rowVersion ?? current.rowVersion,
        { ...values, ...set },
      );
      if (!request) throw stale();
      if (list) await repo.replaceListEntries(tx, request.id, listRows(list));
      if (form.audienceKind !== "lista" && current.audienceKind === "lista")
        await repo.replaceListEntries(tx, request.id, []);
      const removed = await repo.markAttachmentsRemoved(
        tx,
        request.id,
        extras.removeAttachmentIds ?? [],
        now,
      );
      await recordStep(tx, now, audit, {
        request,
        kind: backToReview ? "vuelto_a_revision" : "editado",
        from: current.state,
        action: backToReview ? "comm_request.back_to_review" : "comm_request.updated",
        details: {
          ...(list ? { listEntries: list.length, listDropped: list.filter((l) => l.problem).length } : {}),
          ...(removed.length > 0 ? { removedFiles: removed.map((a) => a.fileName) } : {}),
        },
      });
      await recordAttachments(tx, now, audit, request, files.prepared);
      return { ok: true as const, request };
    }),
  );
}
