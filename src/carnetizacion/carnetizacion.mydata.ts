// Carnetización's part of «Mis datos» (core's mydata.sections.ts): the person's cards and photos with
// their histories and files, and the lists of their dependencia that name them.
import type { MyDataSection, MyDataTools } from "../core/mydata/mydata.sections.ts";
import type { Person } from "../core/people/people.service.ts";
import type { Db } from "../db/client.ts";
import { bogotaDay } from "../shared/time.ts";
import { CARD_STATE_LABELS, DISABLE_REASON_LABELS } from "./cards/cards.rules.ts";
import * as repo from "./carnetizacion.mydata.repository.ts";
import { CarnetizacionSummary } from "./carnetizacion.mydata.views.tsx";
import { listTitle } from "./lists/lists.columns.ts";
import { PHOTO_STATE_LABELS } from "./photos/photos.rules.ts";

const iso = (date: Date | null | undefined) => (date ? date.toISOString() : null);
const extensionOf = (key: string) => key.slice(key.lastIndexOf(".") + 1) || "bin";

interface PhotoFile {
  photo: Awaited<ReturnType<typeof repo.findPhotos>>[number];
  portrait: { key: string; name: string };
  /** Absent once retention deleted the original of a rejected photo. */
  original?: { key: string; name: string };
}

type Loaded = Awaited<ReturnType<typeof loadRecords>>;

async function loadRecords(db: Db, person: Person) {
  const cardRows = await repo.findCards(db, person.id);
  const photoRows = await repo.findPhotos(db, person.id);
  const submissions = await repo.findSubmissionsNaming(db, person.documentNumber);
  return { cardRows, photoRows, submissions };
}

function toArchiveData(
  documentNumber: string,
  cardRows: Loaded["cardRows"],
  photoFiles: PhotoFile[],
  submissions: Loaded["submissions"],
  { who, historyOf }: MyDataTools,
) {
  return {
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
      archivos: { retrato: portrait.name, original: original?.name ?? null },
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
        .filter((row) => row.values.documentNumber === documentNumber)
        .map((row) => ({ linea: row.line, valores: row.values })),
    })),
  };
}

/** The area's keys of datos.json, as resumen.html shows them. */
export type CarnetizacionMyData = ReturnType<typeof toArchiveData>;

export const carnetizacionMyData: MyDataSection = {
  about: { card: "Su carnet", photo: "Su foto", submission: "Una lista que lo nombra" },
  stateLabels: { card: CARD_STATE_LABELS, photo: PHOTO_STATE_LABELS },
  async load(db, person) {
    const { cardRows, photoRows, submissions } = await loadRecords(db, person);
    const photoFiles: PhotoFile[] = photoRows.map((photo, i) => {
      const base = `fotos/foto-${i + 1}-${bogotaDay(photo.createdAt)}`;
      return {
        photo,
        portrait: { key: photo.portraitKey, name: `${base}-retrato.${extensionOf(photo.portraitKey)}` },
        original: photo.originalKey
          ? { key: photo.originalKey, name: `${base}-original.${extensionOf(photo.originalKey)}` }
          : undefined,
      };
    });
    return {
      subjects: [
        { type: "card", ids: cardRows.map((c) => c.id) },
        { type: "photo", ids: photoRows.map((p) => p.id) },
        { type: "submission", ids: submissions.map((s) => s.id) },
      ],
      describe(tools) {
        const data = toArchiveData(person.documentNumber, cardRows, photoFiles, submissions, tools);
        return {
          data,
          files: photoFiles.flatMap(({ portrait, original }) =>
            original ? [portrait, original] : [portrait],
          ),
          summary: CarnetizacionSummary({ data }),
        };
      },
    };
  },
};
