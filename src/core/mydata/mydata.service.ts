// Habeas data (Ley 1581 de 2012): a person downloads everything SIPAP holds about them as one .zip —
// datos.json, their photo files and a readable resumen.html. Only the signed-in person's own data, and the
// download is audited.
import { strToU8, type Zippable, zipSync } from "fflate";
import {
  CARD_STATE_LABELS,
  type CardState,
  DISABLE_REASON_LABELS,
} from "../../carnetizacion/cards/cards.rules.ts";
import { listTitle } from "../../carnetizacion/lists/lists.columns.ts";
import { PHOTO_STATE_LABELS, type PhotoState } from "../../carnetizacion/photos/photos.rules.ts";
import type { Db } from "../../db/client.ts";
import { type AuditContext, recordAudit } from "../../shared/audit.ts";
import { isRole, ROLE_LABELS } from "../../shared/auth/roles.ts";
import { notFound } from "../../shared/errors.ts";
import type { Storage } from "../../shared/storage.ts";
import { bogotaDay, formatDateTimeInColombia } from "../../shared/time.ts";
import { actionLabel } from "../audit/audit.service.ts";
import { DOCUMENT_TYPES } from "../people/people.rules.ts";
import * as repo from "./mydata.repository.ts";
import { renderSummary } from "./mydata.summary.tsx";

const ABOUT: Record<string, string> = {
  person: "Sus datos",
  card: "Su carnet",
  photo: "Su foto",
  submission: "Una lista que lo nombra",
};

const EMAIL_STATUS = { pendiente: "Por enviar", enviado: "Enviado", fallido: "No se pudo enviar" } as const;

/** The person's own actions kept in the archive (newest first); older ones stay in the audit log. */
const OWN_ACTIVITY_LIMIT = 1000;

const iso = (date: Date | null | undefined) => (date ? date.toISOString() : null);
const extensionOf = (key: string) => key.slice(key.lastIndexOf(".") + 1) || "bin";
const stateLabel = (type: "card" | "photo", state: string | null) =>
  state === null
    ? null
    : type === "card"
      ? (CARD_STATE_LABELS[state as CardState] ?? state)
      : (PHOTO_STATE_LABELS[state as PhotoState] ?? state);
const roleLabel = (role: string) => (isRole(role) ? ROLE_LABELS[role] : role);

/** Everything stored about the person, as the JSON of the archive (Spanish keys: it is read by them). */
export async function collectMyData(db: Db, personId: string, at: Date) {
  const found = await repo.findPerson(db, personId);
  if (!found) throw notFound("Su registro");
  const { person, dependencia } = found;
  const roles = await repo.findRoleGrants(db, personId);
  const moves = await repo.findMoves(db, personId);
  const acceptances = await repo.findPrivacyAcceptances(db, personId);
  const cardRows = await repo.findCards(db, personId);
  const photoRows = await repo.findPhotos(db, personId);
  const cardIds = cardRows.map((c) => c.id);
  const photoIds = photoRows.map((p) => p.id);
  const transitions = await repo.findTransitions(db, [...cardIds, ...photoIds]);
  const submissions = await repo.findSubmissionsNaming(db, person.documentNumber);
  const emails = await repo.findEmailsTo(db, person.id);
  const access = await repo.findAccessByOthers(db, personId, {
    cards: cardIds,
    photos: photoIds,
    submissions: submissions.map((s) => s.id),
  });
  const ownActivity = await repo.findOwnActivity(db, personId, OWN_ACTIVITY_LIMIT);
  const actorIds = new Set<string>();
  for (const row of [...transitions, ...access])
    if (row.actorId && row.actorId !== personId) actorIds.add(row.actorId);
  const actors = await repo.findActors(db, [...actorIds]);
  const who = (actorId: string | null) =>
    actorId === null
      ? "SIPAP (automático)"
      : actorId === personId
        ? "Usted"
        : (actors.get(actorId)?.name ?? "Persona borrada");

  const historyOf = (subjectId: string) =>
    transitions
      .filter((t) => t.subjectId === subjectId)
      .map((t) => ({
        fecha: iso(t.at),
        de: stateLabel(t.subjectType, t.from),
        a: stateLabel(t.subjectType, t.to),
        motivo: t.reason,
        porQuien: who(t.actorId),
      }));

  const photoFiles = photoRows.map((photo, i) => {
    const base = `fotos/foto-${i + 1}-${bogotaDay(photo.createdAt)}`;
    return {
      photo,
      portrait: { key: photo.portraitKey, name: `${base}-retrato.${extensionOf(photo.portraitKey)}` },
      original: { key: photo.originalKey, name: `${base}-original.${extensionOf(photo.originalKey)}` },
    };
  });

  const data = {
    generadoEl: iso(at),
    generadoEnHoraDeColombia: formatDateTimeInColombia(at),
    explicacion:
      "Copia de todos los datos que SIPAP guarda sobre usted (Ley 1581 de 2012, habeas data). Las fechas están en UTC (formato ISO 8601).",
    persona: {
      tipoDocumento: DOCUMENT_TYPES[person.documentType],
      numeroDocumento: person.documentNumber,
      nombres: person.firstNames,
      apellidos: person.lastNames,
      correo: person.email,
      telefono: person.phone,
      grupoSanguineo: person.bloodType,
      cargoUObjeto: person.position,
      dependencia: dependencia ?? null,
      situacion: person.status,
      vinculacion: {
        tipo:
          person.vinculacion === "planta"
            ? "Planta"
            : person.vinculacion === "ops"
              ? "Contratista (OPS)"
              : null,
        contrato: person.contractNumber,
        inicio: person.contractStart,
        fin: person.contractEnd,
      },
      registradoEl: iso(person.createdAt),
      actualizadoEl: iso(person.updatedAt),
    },
    roles: roles.map((r) => ({ rol: roleLabel(r.role), otorgadoEl: iso(r.grantedAt) })),
    cambiosDeDependencia: moves.map((m) => ({ fecha: iso(m.movedAt), de: m.from, a: m.to })),
    avisoDePrivacidad: {
      aceptadoEl: iso(person.privacyAcceptedAt),
      aceptaciones: acceptances.map((a) => ({ fecha: iso(a.at), version: a.details.version ?? null })),
    },
    carnets: cardRows.map((card) => ({
      codigo: card.code,
      estado: CARD_STATE_LABELS[card.state] ?? card.state,
      vigenteHasta: card.validUntil,
      solicitadoEl: iso(card.createdAt),
      impresoEl: iso(card.printedAt),
      entregadoEl: iso(card.deliveredAt),
      cinta: card.lanyard,
      inhabilitadoEl: iso(card.disabledAt),
      motivoInhabilitacion: card.disabledReason ? DISABLE_REASON_LABELS[card.disabledReason] : null,
      devueltoEl: iso(card.returnedAt),
      historial: historyOf(card.id),
    })),
    fotos: photoFiles.map(({ photo, portrait, original }) => ({
      subidaEl: iso(photo.createdAt),
      subidaPor: who(photo.uploadedBy),
      estado: PHOTO_STATE_LABELS[photo.state] ?? photo.state,
      revisionAutomatica: {
        superada: photo.checksPassed,
        revisiones: photo.checks.map((check) => ({ superada: check.ok, resultado: check.message })),
      },
      suExplicacion: photo.explanation,
      revisadaEl: iso(photo.reviewedAt),
      motivoDeRechazo: photo.rejectionReason,
      archivos: { retrato: portrait.name, original: original.name },
      historial: historyOf(photo.id),
    })),
    listasQueLoNombran: submissions.map((s) => ({
      campana: s.campaign,
      dependencia: s.dependencia,
      lista: listTitle(s.kind),
      estado:
        s.state === "aplicada" ? "Aplicada" : s.state === "descartada" ? "Descartada" : "En vista previa",
      enviadaEl: iso(s.createdAt),
      aplicadaEl: iso(s.appliedAt),
      filas: s.rows
        .filter((row) => row.values.documentNumber === person.documentNumber)
        .map((row) => ({ linea: row.line, valores: row.values })),
    })),
    correosEnviados: emails.map((e) => ({
      asunto: e.subject,
      tipo: e.kind,
      estado: EMAIL_STATUS[e.status],
      creadoEl: iso(e.createdAt),
      enviadoEl: iso(e.sentAt),
      // A credential message carries a one-time secret: the archive says it was sent, not what it said.
      cuerpo: e.kind.startsWith("credential") ? null : e.body,
      ...(e.kind.startsWith("credential") && {
        nota: "Contenía una credencial de un solo uso y un enlace de ingreso: por seguridad no se copia.",
      }),
    })),
    consultasYCambiosDelPersonal: access.map((row) => ({
      fecha: iso(row.at),
      accion: actionLabel(row.action),
      sobre: ABOUT[row.targetType ?? "person"] ?? "Sus datos",
      quien: who(row.actorId),
      rolesDeQuien: (row.actorId ? (actors.get(row.actorId)?.roles ?? []) : []).map(roleLabel),
    })),
    suActividad: ownActivity.map((row) => ({
      fecha: iso(row.at),
      accion: actionLabel(row.action),
      direccion: row.ip,
    })),
  };
  return { data, photoFiles };
}

export type MyData = Awaited<ReturnType<typeof collectMyData>>["data"];

/** The archive: datos.json, resumen.html and each photo file; its download is recorded in the audit. */
export async function buildMyDataArchive(
  db: Db,
  storage: Storage,
  at: Date,
  audit: AuditContext,
  personId: string,
  entityName: string,
) {
  const { data, photoFiles } = await collectMyData(db, personId, at);
  const mtime = at;
  const files: Zippable = {
    "datos.json": [strToU8(JSON.stringify(data, null, 2)), { mtime }],
    "resumen.html": [strToU8(await renderSummary(data, entityName)), { mtime }],
  };
  let images = 0;
  for (const { portrait, original } of photoFiles)
    for (const file of [portrait, original]) {
      const bytes = await storage.get(file.key);
      if (!bytes) continue;
      // Images are already compressed: stored as they are.
      files[file.name] = [new Uint8Array(bytes), { level: 0, mtime }];
      images++;
    }
  await recordAudit(db, at, audit, {
    action: "mydata.downloaded",
    targetType: "person",
    targetId: personId,
    details: { images },
  });
  return {
    zip: Buffer.from(zipSync(files, { level: 6, mtime })),
    fileName: `mis-datos-sipap-${bogotaDay(at)}.zip`,
  };
}
