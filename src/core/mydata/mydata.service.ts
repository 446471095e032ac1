// Habeas data (Ley 1581 de 2012): a person downloads everything SIPAP holds about them as one .zip —
// datos.json, their photo files and a readable resumen.html. Only the signed-in person's own data, and the
// download is audited. The areas add their records (cards, photos, lists) through mydata.sections.ts.
import { strToU8, type Zippable, zipSync } from "fflate";
import type { Child } from "hono/jsx";
import type { Db } from "../../db/client.ts";
import { type AuditContext, recordAudit } from "../../shared/audit.ts";
import { isRole, ROLE_LABELS } from "../../shared/auth/roles.ts";
import { notFound } from "../../shared/errors.ts";
import { bogotaDay, formatDateTimeInColombia } from "../../shared/time.ts";
import { actionLabel } from "../audit/audit.service.ts";
import { DOCUMENT_TYPES } from "../people/people.rules.ts";
import { getBuffer, type Storage } from "../storage/storage.types.ts";
import * as repo from "./mydata.repository.ts";
import { type HistoryEntry, myDataSections } from "./mydata.sections.ts";
import { renderSummary } from "./mydata.summary.views.tsx";

const CORE_ABOUT: Record<string, string> = { person: "Sus datos" };

const EMAIL_STATUS = { pendiente: "Por enviar", enviado: "Enviado", fallido: "No se pudo enviar" } as const;

/** The person's own actions kept in the archive (newest first); older ones stay in the audit log. */
const OWN_ACTIVITY_LIMIT = 1000;

const iso = (date: Date | null | undefined) => (date ? date.toISOString() : null);
const roleLabel = (role: string) => (isRole(role) ? ROLE_LABELS[role] : role);

/** Everything stored about the person, as the JSON of the archive (Spanish keys: it is read by them). */
export async function collectMyData(db: Db, personId: string, at: Date) {
  const found = await repo.findPerson(db, personId);
  if (!found) throw notFound("Su registro");
  const { person, dependencia } = found;
  const roles = await repo.findRoleGrants(db, personId);
  const moves = await repo.findMoves(db, personId);
  const acceptances = await repo.findPrivacyAcceptances(db, personId);
  const sections = myDataSections();
  const loaded = [];
  for (const section of sections) loaded.push(await section.load(db, person));
  const subjects = loaded.flatMap((section) => section.subjects);
  const transitions = await repo.findTransitions(
    db,
    subjects.flatMap((subject) => subject.ids),
  );
  // Only people's own records are looked up here, so every id above is theirs.
  const emails = await repo.findEmailsTo(db, person.id);
  const access = await repo.findAccessByOthers(db, personId, subjects);
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
  const stateLabels = Object.assign({}, ...sections.map((section) => section.stateLabels)) as Record<
    string,
    Record<string, string>
  >;
  const about: Record<string, string> = Object.assign({}, CORE_ABOUT, ...sections.map((s) => s.about));
  const stateLabel = (type: string, state: string | null) =>
    state === null ? null : (stateLabels[type]?.[state] ?? state);

  const historyOf = (subjectId: string): HistoryEntry[] =>
    transitions
      .filter((t) => t.subjectId === subjectId)
      .map((t) => ({
        fecha: iso(t.at),
        de: stateLabel(t.subjectType, t.from),
        a: stateLabel(t.subjectType, t.to),
        motivo: t.reason,
        porQuien: who(t.actorId),
      }));
  const contributions = loaded.map((section) => section.describe({ who, historyOf }));

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
      situacion: person.status === "activo" ? "Activo" : "Desvinculado",
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
    // The areas' records (carnetización: carnets, fotos, listasQueLoNombran), in registration order.
    ...(Object.assign({}, ...contributions.map((part) => part.data)) as Record<string, unknown>),
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
      sobre: about[row.targetType ?? "person"] ?? "Sus datos",
      quien: who(row.actorId),
      rolesDeQuien: (row.actorId ? (actors.get(row.actorId)?.roles ?? []) : []).map(roleLabel),
    })),
    suActividad: ownActivity.map((row) => ({
      fecha: iso(row.at),
      accion: actionLabel(row.action),
      direccion: row.ip,
    })),
  };
  const files = contributions.flatMap((part) => part.files);
  const summaries: Child[] = contributions.map((part) => part.summary);
  return { data, files, summaries };
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
  const { data, files: stored, summaries } = await collectMyData(db, personId, at);
  const mtime = at;
  const files: Zippable = {
    "datos.json": [strToU8(JSON.stringify(data, null, 2)), { mtime }],
    "resumen.html": [strToU8(await renderSummary(data, summaries, entityName)), { mtime }],
  };
  let images = 0;
  for (const file of stored) {
    const bytes = file.key ? await getBuffer(storage, file.key) : undefined;
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
