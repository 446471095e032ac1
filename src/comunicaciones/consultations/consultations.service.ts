// Consultations (Circular 004 de 2021): before an agreement, advertising or other-entity message is approved,
// OCS asks Talento Humano or SSI, which answer with an opinion. One per office and content version: an edit
// of the text needs a new one. The opinion is advisory (an unfavourable one is shown to the approver and
// quoted in the approval). The consulted office reads the request (never a sensitive notice: refused here).
// Each step is an event of the request, an audit row and a notice through the outbox.
import { queueEmail } from "../../core/mail/mail.service.ts";
import type { Db } from "../../db/client.ts";
import type { AuditContext } from "../../shared/audit.ts";
import type { CurrentUser } from "../../shared/auth/roles.ts";
import { AppError, conflict, notFound } from "../../shared/errors.ts";
import { requestCode } from "../requests/requests.rules.ts";
import { officesOf, recordStep, requestOr404 } from "../requests/requests.service.ts";
import * as repo from "./consultations.repository.ts";
import { OFFICE_LABELS, OFFICE_ROLES, OPINION_LABELS } from "./consultations.rules.ts";
import type { AnswerForm, ConsultForm } from "./consultations.schemas.ts";

export async function askConsultation(
  db: Db,
  now: Date,
  audit: AuditContext,
  user: CurrentUser,
  requestId: string,
  form: ConsultForm,
) {
  const request = await requestOr404(db, requestId, user);
  if (!user.roles.includes("comunicaciones")) throw notFound("La solicitud");
  if (request.classification === "sensible")
    throw new AppError(
      "comm.consult_sensitive",
      422,
      "Un aviso de interés particular no se consulta: solo lo leen quien lo pidió, quien lo revisa y quien lo recibe.",
    );
  if (request.state !== "en_revision")
    throw conflict("comm.consult_state", "Solo se consulta una solicitud que está en revisión.");
  const code = requestCode(request.number, request.createdAt);
  return db.transaction(async (tx) => {
    const consultation = await repo.insertConsultation(tx, {
      requestId: request.id,
      office: form.office,
      contentVersion: request.contentVersion,
      question: form.question,
      askedBy: user.id,
      askedAt: now,
    });
    if (!consultation)
      throw conflict(
        "comm.consult_exists",
        `Ya se consultó a ${OFFICE_LABELS[form.office]} sobre este texto de la solicitud.`,
      );
    await recordStep(tx, now, audit, {
      request,
      kind: "consulta_pedida",
      from: request.state,
      comment: form.question,
      action: "comm_consultation.asked",
      details: { consultationId: consultation.id, office: form.office },
    });
    for (const holder of await repo.roleHolders(tx, OFFICE_ROLES[form.office]))
      await queueEmail(tx, now, {
        to: holder.email as string,
        personId: holder.id,
        kind: "comunicaciones.aviso",
        subject: `Consulta sobre la solicitud de comunicación ${code}`,
        text: `${holder.firstNames}:\n\nLa Oficina de Comunicaciones pide el concepto de ${OFFICE_LABELS[form.office]} sobre la solicitud ${code}:\n\n${form.question}\n\nPuede responderla en SIPAP, «Consultas».`,
      });
    return consultation;
  });
}

/** The consultations of the offices the user answers for: open ones first. */
export async function consultationInbox(db: Db, user: CurrentUser) {
  const offices = officesOf(user);
  if (offices.length === 0) return [];
  const rows = await repo.listForOffices(db, offices);
  return rows.map((row) => ({
    ...row,
    code: requestCode(row.request.number, row.request.createdAt),
    // The question was about that version; a later edit asks anew.
    outdated: row.consultation.contentVersion !== row.request.contentVersion,
  }));
}
export type InboxRow = Awaited<ReturnType<typeof consultationInbox>>[number];

export async function answerConsultation(
  db: Db,
  now: Date,
  audit: AuditContext,
  user: CurrentUser,
  consultationId: string,
  form: AnswerForm,
) {
  const consultation = await repo.findConsultation(db, consultationId);
  if (!consultation || !(officesOf(user) as string[]).includes(consultation.office))
    throw notFound("La consulta");
  const request = await requestOr404(db, consultation.requestId, user);
  if (consultation.answeredAt) throw conflict("comm.consult_answered", "Esta consulta ya fue respondida.");
  const code = requestCode(request.number, request.createdAt);
  return db.transaction(async (tx) => {
    const answered = await repo.answerIfOpen(tx, consultation.id, {
      answeredBy: user.id,
      answeredAt: now,
      opinion: form.opinion,
      answer: form.answer,
    });
    if (!answered) throw conflict("comm.consult_answered", "Esta consulta ya fue respondida.");
    await recordStep(tx, now, audit, {
      request,
      kind: "consulta_respondida",
      from: request.state,
      comment: `${OPINION_LABELS[form.opinion]}: ${form.answer}`,
      action: "comm_consultation.answered",
      details: { consultationId: consultation.id, office: consultation.office, opinion: form.opinion },
    });
    // Back to who asked, and to the reviewer when someone else holds the request now.
    const to = new Set([consultation.askedBy, request.reviewerId].filter((id): id is string => Boolean(id)));
    for (const personId of to) {
      const person = await repo.findPersonEmail(tx, personId);
      if (!person?.email) continue;
      await queueEmail(tx, now, {
        to: person.email,
        personId: person.id,
        kind: "comunicaciones.aviso",
        subject: `Consulta respondida: solicitud de comunicación ${code}`,
        text: `${person.firstNames}:\n\n${OFFICE_LABELS[consultation.office]} respondió la consulta sobre la solicitud ${code}. Concepto: ${OPINION_LABELS[form.opinion]}.\n\n${form.answer}\n\nPuede verla en SIPAP, en la página de la solicitud.`,
      });
    }
    return { consultation: answered, requestId: request.id };
  });
}
