// Comunicaciones in the demo's story: requests of several dependencias in every state of the circular's path
// (filed, in review with a consultation open, returned, rejected, approved and scheduled, sent with its
// delivery log), and a sensitive notice whose content only its parties read. Each step goes through the
// real services; the sent ones through the real sender with a transport that drops the messages (the demo
// has no mail server), so their per-recipient log and summary are what SIPAP records.
import { askConsultation } from "../comunicaciones/consultations/consultations.service.ts";
import { fileRequest } from "../comunicaciones/requests/requests.filing.ts";
import {
  approveRequest,
  rejectRequest,
  returnRequest,
  scheduleRequest,
  takeRequest,
} from "../comunicaciones/requests/requests.review.ts";
import { requestSchema } from "../comunicaciones/requests/requests.schemas.ts";
import type { CommRequest } from "../comunicaciones/requests/requests.table.ts";
import { deliverRequest, type MailSender } from "../comunicaciones/sending/sending.deliver.ts";
import { finishIfDone, startDueRequests } from "../comunicaciones/sending/sending.service.ts";
import type { Person } from "../core/people/people.service.ts";
import type { CurrentUser, Role } from "../shared/auth/roles.ts";
import { bogotaDay, startOfBogotaDay } from "../shared/time.ts";
import type { Cast, DemoContext } from "./demo.story.ts";
import { actingAs, timeline } from "./demo.story.ts";

const HOUR = 3_600_000;

/** The demo has no mail server: the sender accepts every message and keeps nothing. */
const dropMessages: MailSender = {
  send: async (mail) => ({ messageId: mail.messageId ?? "", response: "250 2.0.0 Aceptado (demostración)" }),
};

const userOf = (person: Person, role: Role): CurrentUser => ({
  id: person.id,
  sessionId: "demo",
  firstNames: person.firstNames,
  lastNames: person.lastNames,
  dependenciaId: person.dependenciaId,
  roles: ["servidor", role],
  mustChangePassword: false,
  privacyPending: false,
});

interface Draft {
  purpose: string;
  classification: "general" | "convenio" | "publicitario" | "otra_entidad" | "sensible";
  audienceKind: "todos" | "filtro" | "persona" | "lista";
  dependencias?: string[];
  personDocument?: string;
  listText?: string;
  /** Hours after filing when it should go out. */
  desiredInHours: number;
  subject: string;
  body: string;
}

export async function tellComunicaciones(ctx: DemoContext, cast: Cast) {
  const { db, config } = ctx;
  const { ago } = timeline(ctx.now);
  const domains = config.comm.allowedDomains;
  const depId = (name: string) => cast.dependenciaIds.get(name) ?? "";
  const staffIn = (name: string) => cast.staff.find((p) => p.dependenciaId === depId(name));
  const ocsPerson = staffIn("Oficina de Comunicación Social");
  const thPerson = staffIn("Subsecretaría de Talento Humano");
  if (!ocsPerson || !thPerson) throw new Error("demo: the OCS and Talento Humano colleagues are missing");
  const ocs = userOf(ocsPerson, "comunicaciones");
  const enlace = (dependencia: string) => {
    const person = cast.enlaces.get(dependencia);
    if (!person) throw new Error(`demo: no enlace in ${dependencia}`);
    return userOf(person, "enlace");
  };

  const file = async (who: CurrentUser, at: Date, draft: Draft): Promise<CommRequest> => {
    const desired = new Date(at.getTime() + draft.desiredInHours * HOUR);
    const form = requestSchema.parse({
      purpose: draft.purpose,
      classification: draft.classification,
      audienceKind: draft.audienceKind,
      dependencias: (draft.dependencias ?? []).map(depId).join(","),
      includeChildren: "si",
      vinculacion: "",
      personDocument: draft.personDocument ?? "",
      listText: draft.listText ?? "",
      desiredDate: bogotaDay(desired),
      desiredTime: "08:00",
      subject: draft.subject,
      body: draft.body,
    });
    const outcome = await fileRequest(db, at, actingAs(who), domains, who, form);
    if (!outcome.ok) throw new Error(`demo request refused: ${JSON.stringify(outcome.errors)}`);
    return outcome.request;
  };
  const take = (request: CommRequest, at: Date) => takeRequest(db, at, actingAs(ocs), ocs, request.id);
  const approve = (request: CommRequest, at: Date) =>
    approveRequest(db, at, actingAs(ocs), domains, ocs, request.id, {});
  const schedule = (request: CommRequest, at: Date, sendAt: Date) =>
    scheduleRequest(db, at, actingAs(ocs), config.comm.sendGapMinutes, ocs, request.id, { at: sendAt });
  const send = async (request: CommRequest, at: Date) => {
    await startDueRequests(db, at, domains);
    await deliverRequest(db, { now: () => at }, dropMessages, ctx.storage, request.id, {
      bootId: "demo",
      from: config.comm.from,
      domain: config.entity.emailDomain,
      window: 8,
    });
    await finishIfDone(db, at, request.id);
  };
  /** 08:00 (Bogotá) of the day `days` from `from`. */
  const morning = (from: Date, days: number) =>
    new Date(
      (startOfBogotaDay(bogotaDay(new Date(from.getTime() + days * 24 * HOUR))) ?? from).getTime() + 8 * HOUR,
    );

  // Sent to everyone a week ago: the delivery log with its summary (people without an address are listed).
  const vaccination = await file(enlace("Secretaría de Salud"), ago(12, 10), {
    purpose: "Invitar a todos los servidores y contratistas a la jornada de vacunación contra la influenza.",
    classification: "general",
    audienceKind: "todos",
    desiredInHours: 48,
    subject: "Jornada de vacunación contra la influenza en el CAM Anganoy",
    body: "Estimado(a) {{nombre}}:\n\nLa Secretaría de Salud lo invita a la jornada de vacunación contra la influenza, el próximo jueves de 8:00 a. m. a 4:00 p. m., en el CAM Anganoy.\n\n- Lleve su documento de identidad.\n- La vacuna es **gratuita**.\n\nMás información: https://www.pasto.gov.co",
  });
  await take(vaccination, ago(11, 9));
  await approve(vaccination, ago(11, 10));
  await schedule(vaccination, ago(11, 10), ago(10, 8));
  await send(vaccination, ago(10, 8));

  // Sent to a pasted list: the personal addresses in it were dropped and listed to the requester.
  const choir = cast.byProfile.get("entregada")?.slice(0, 6) ?? [];
  const listText = [
    ...choir.map((p) => `${p.firstNames} ${p.lastNames} <${p.email}>`),
    "coro.pasto.2026@gmail.com",
    "Luisa Narváez <luisa.narvaez@hotmail.com>",
  ].join("\n");
  const rehearsal = await file(enlace("Secretaría de Cultura"), ago(6, 11), {
    purpose: "Citar a los integrantes del coro institucional al ensayo de la novena.",
    classification: "general",
    audienceKind: "lista",
    listText,
    desiredInHours: 24,
    subject: "Ensayo del coro institucional",
    body: "Hola {{nombre}}: el ensayo del coro institucional será el viernes a las 5:00 p. m. en el auditorio de la Secretaría de Cultura.",
  });
  await take(rehearsal, ago(5, 9));
  await approve(rehearsal, ago(5, 9));
  await schedule(rehearsal, ago(5, 9), ago(4, 8));
  await send(rehearsal, ago(4, 8));

  // Approved and scheduled for tomorrow morning: on OCS's calendar.
  const tax = await file(enlace("Secretaría de Hacienda"), ago(2, 9), {
    purpose: "Recordar a los servidores de planta el plazo del impuesto predial con descuento.",
    classification: "general",
    audienceKind: "filtro",
    dependencias: ["Secretaría de Hacienda", "Secretaría General"],
    desiredInHours: 72,
    subject: "Último plazo para pagar el impuesto predial con descuento",
    body: "Estimado(a) {{nombre_completo}}:\n\nLe recordamos que el descuento del 10 % en el impuesto predial vence este mes. Puede pagar en línea o en las oficinas de la Secretaría de Hacienda.",
  });
  await take(tax, ago(1, 9));
  await approve(tax, ago(1, 10));
  await schedule(tax, ago(1, 10), morning(ctx.now, 1));

  // An agreement with another entity: in review, Talento Humano consulted and not answered yet.
  const scholarship = await file(enlace("Secretaría de Educación"), ago(3, 15), {
    purpose: "Dar a conocer las becas del convenio con la Universidad de Nariño.",
    classification: "convenio",
    audienceKind: "todos",
    desiredInHours: 120,
    subject: "Becas de posgrado para servidores: convenio con la Universidad de Nariño",
    body: "Estimado(a) {{nombre}}:\n\nEn el marco del convenio con la Universidad de Nariño, los servidores de la Alcaldía pueden postularse a becas parciales de especialización y maestría. Las inscripciones están abiertas hasta el 15 del próximo mes.",
  });
  await take(scholarship, ago(2, 10));
  await askConsultation(db, ago(2, 11), actingAs(ocs), ocs, scholarship.id, {
    office: "talento_humano",
    question:
      "¿Las becas del convenio aplican también a los contratistas OPS? Confirme antes de aprobar el envío a todos.",
  });

  // Returned to the requester with what to fix.
  const drill = await file(enlace("Secretaría de Gobierno"), ago(2, 14), {
    purpose: "Avisar del simulacro de evacuación en las sedes de la Alcaldía.",
    classification: "general",
    audienceKind: "todos",
    desiredInHours: 96,
    subject: "Simulacro de evacuación",
    body: "Estimado(a) {{nombre}}: el próximo miércoles habrá un simulacro de evacuación.",
  });
  await take(drill, ago(1, 9));
  await returnRequest(db, ago(1, 11), actingAs(ocs), ocs, drill.id, {
    comment:
      "Indique la hora del simulacro y el punto de encuentro de cada sede (CAM Anganoy, Centro, San Andrés), y quién coordina en cada una.",
  });

  // Advertising: rejected by the circular.
  const motorbikes = await file(enlace("Secretaría de Tránsito y Transporte"), ago(4, 10), {
    purpose: "Difundir descuentos de un concesionario de motocicletas para servidores.",
    classification: "publicitario",
    audienceKind: "todos",
    desiredInHours: 48,
    subject: "Descuentos en motocicletas para servidores de la Alcaldía",
    body: "Estimado(a) {{nombre}}: un concesionario de la ciudad ofrece descuentos especiales a los servidores.",
  });
  await take(motorbikes, ago(3, 9));
  await rejectRequest(db, ago(3, 10), actingAs(ocs), ocs, motorbikes.id, {
    comment:
      "La Circular 004 de 2021 no permite usar los correos institucionales para publicidad de empresas privadas.",
  });

  // A notice of one person's particular interest: only its parties read it.
  const debtor = cast.byProfile.get("lista_para_imprimir")?.find((p) => p.email);
  if (debtor) {
    const notice = await file(enlace("Subsecretaría de Talento Humano"), ago(1, 15), {
      purpose: "Informar a la persona un descuento por un mayor valor pagado en la nómina.",
      classification: "sensible",
      audienceKind: "persona",
      personDocument: debtor.documentNumber,
      desiredInHours: 24,
      subject: "Mayor valor pagado en la nómina de octubre",
      body: "{{nombre}}: en la nómina de octubre se le pagó un mayor valor. Por favor acérquese a Talento Humano para acordar el reintegro.",
    });
    await take(notice, ago(0, 9));
  }

  // Just filed: waiting in OCS's queue.
  await file(enlace("Secretaría de Bienestar Social"), ago(0, 10), {
    purpose: "Invitar a inscribir equipos en los Juegos Deportivos Interdependencias.",
    classification: "general",
    audienceKind: "todos",
    desiredInHours: 72,
    subject: "Inscripciones abiertas: Juegos Deportivos Interdependencias 2026",
    body: "Estimado(a) {{nombre}}:\n\nSe abren las inscripciones para los **Juegos Deportivos Interdependencias**. Cada dependencia puede inscribir equipos de fútbol sala, voleibol y baloncesto hasta el viernes.",
  });
}
