// Carnetización's part of the audit log: the Spanish names of its action codes and words, and the names of
// its records (cards, photos, lists, campaigns) on the audit page. Registered by carnetizacion.area.ts.
import type { AuditSubjectResolver, AuditVocabulary, OwnedSubjects } from "../core/audit/audit.service.ts";
import { CARD_STATE_LABELS, CARD_STATES, DISABLE_REASON_LABELS } from "./cards/cards.rules.ts";
import * as repo from "./carnetizacion.audit.repository.ts";
import { listTitle } from "./lists/lists.columns.ts";
import { PHOTO_STATE_LABELS, PHOTO_STATES } from "./photos/photos.rules.ts";

export const CARNETIZACION_VOCABULARY: AuditVocabulary = {
  actions: {
    "batch.created": "Lote de impresión creado",
    "batch.downloaded": "PDF de un lote descargado",
    "campaign.closed": "Campaña cerrada",
    "campaign.list_exported": "Listas de una campaña exportadas",
    "campaign.opened": "Campaña abierta",
    "card.lanyard_delivered": "Cinta entregada",
    "card.lanyard_pending": "Cinta pendiente",
    "card.viewed": "Consulta de un carnet",
    "cards.exported": "Exportación de carnets",
    "cards.listed": "Consulta de la lista de carnets",
    "design.activated": "Diseño del carnet activado",
    "design.uploaded": "Diseño del carnet cargado",
    "list.applied": "Lista aplicada",
    "list.file_downloaded": "Archivo de una lista descargado",
    "list.previewed": "Lista enviada (vista previa)",
    "photo.original_deleted": "Original de una foto rechazada borrado al vencer su plazo",
    "photo.viewed": "Consulta de una foto",
    "rejection_reason.added": "Motivo de rechazo agregado",
    "rejection_reason.activated": "Motivo de rechazo activado",
    "rejection_reason.retired": "Motivo de rechazo retirado",
    // Card and photo state changes are written as `card.<state>` and `photo.<state>`.
    ...Object.fromEntries(
      CARD_STATES.map((s) => [`card.${s}`, `Carnet: ${CARD_STATE_LABELS[s].toLowerCase()}`]),
    ),
    ...Object.fromEntries(
      PHOTO_STATES.map((s) => [`photo.${s}`, `Foto: ${PHOTO_STATE_LABELS[s].toLowerCase()}`]),
    ),
  },
  fields: {
    rejectedAt: "Rechazada el",
    lanyardPending: "Solo con cinta pendiente",
    recoverable: "Solo por recuperar",
    retentionDays: "Días de conservación",
    cards: "Carnets",
    lanyard: "Cinta",
    namesConfirmed: "Nombres confirmados pese a no coincidir",
    failed: "Revisiones automáticas no superadas",
    byOperator: "Subida por SSI",
    replaces: "Reemplaza a",
    submissionId: "Lista",
    campaignId: "Campaña",
    desvinculadas: "Personas desvinculadas",
    carnetsInhabilitados: "Carnets inhabilitados",
    solicitudesCanceladas: "Solicitudes canceladas",
    sinCambios: "Filas sin cambios",
    creadas: "Personas registradas",
    actualizadas: "Personas actualizadas",
    solicitudesAbiertas: "Solicitudes de carnet abiertas",
    cintasPendientes: "Cintas pendientes",
  },
  values: {
    // Names of the automatic photo checks (photos.checks.ts), listed in a draft's failed checks.
    tamano_archivo: "tamaño del archivo",
    legible: "archivo legible",
    resolucion: "resolución",
    un_rostro: "un solo rostro",
    de_frente: "de frente",
    tamano_cabeza: "tamaño de la cabeza",
    centrado: "centrado",
    fondo_blanco: "fondo blanco",
    a_color: "a color",
    enfoque: "enfoque",
    luz: "luz",
    // Which card list was consulted (reports.service.ts ListKind).
    cards: "carnets",
    lanyards: "cintas pendientes",
    toRecover: "carnets por recuperar",
    ...Object.fromEntries(CARD_STATES.map((s) => [s, CARD_STATE_LABELS[s]])),
    ...Object.fromEntries(PHOTO_STATES.map((s) => [s, PHOTO_STATE_LABELS[s]])),
    ...DISABLE_REASON_LABELS,
  },
};

/** A search by person also finds what was done to the cards and photos they own. */
export const CARNETIZACION_OWNED_SUBJECTS: OwnedSubjects[] = [
  { targetType: "card", idsOwnedBy: repo.cardIdsOwnedBy },
  { targetType: "photo", idsOwnedBy: repo.photoIdsOwnedBy },
];

export const carnetizacionAuditSubjects: AuditSubjectResolver = {
  async resolve(db, { targets, mentioned }) {
    const [cardRows, photoRows, submissionRows, campaignRows] = await Promise.all([
      repo.findCardsByIds(db, [...targets("card"), ...mentioned]),
      repo.findPhotosByIds(db, targets("photo")),
      repo.findSubmissionsByIds(db, [...targets("submission"), ...mentioned]),
      repo.findCampaignsByIds(db, mentioned),
    ]);
    const cardsById = new Map(cardRows.map((c) => [c.id, c]));
    const photosById = new Map(photoRows.map((p) => [p.id, p]));
    const submissionsById = new Map(submissionRows.map((s) => [s.id, s]));
    return {
      owners: [...cardRows, ...photoRows].map((owned) => owned.personId),
      names: [
        ...campaignRows.map((c) => [c.id, `«${c.name}»`] as const),
        ...cardRows.map((c) => [c.id, `carnet ${c.code ?? "sin imprimir"}`] as const),
        ...submissionRows.map((s) => [s.id, `«${listTitle(s.kind)}» de ${s.dependencia}`] as const),
      ],
      subject(type, id, nameOf) {
        const owner = (personId: string) => nameOf(personId) ?? "una persona borrada";
        if (type === "card") {
          const card = cardsById.get(id);
          return card ? `Carnet ${card.code ?? "sin imprimir"} de ${owner(card.personId)}` : "Carnet";
        }
        if (type === "photo") {
          const photo = photosById.get(id);
          return photo ? `Foto de ${owner(photo.personId)}` : "Foto";
        }
        if (type === "submission") {
          const submission = submissionsById.get(id);
          return submission ? `Lista «${listTitle(submission.kind)}» de ${submission.dependencia}` : "Lista";
        }
        return undefined;
      },
    };
  },
};
