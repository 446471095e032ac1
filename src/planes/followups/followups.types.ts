// Shared shapes of OCI's follow-up (seguimiento): its states and the report frozen when it closes, which
// the exports (xlsx, PDF) and the public page read — never recomputed after closing.
import type { ZoneKey, Zones } from "../progress/zones.rules.ts";

/** abierto (OCI verifies; reports up to the cut are locked) → cerrado (report frozen) → publicado. */
export type FollowupStatus = "abierto" | "cerrado" | "publicado";

export const FOLLOWUP_STATUS_LABELS: Record<FollowupStatus, string> = {
  abierto: "En curso",
  cerrado: "Cerrado, sin publicar",
  publicado: "Publicado",
};

/** One row of OCI's matrix. */
export interface FollowupReportRow {
  itemId: string;
  code: string | null;
  /** The level-2 heading («1.1 Política de administración de riesgos»); "" for a plan without one. */
  subcomponent: string;
  /** «Actividades programadas». */
  activity: string;
  /** «Actividades realizadas»: what OCI found done. */
  realized: string;
  /** «Meta/producto». */
  meta: string;
  responsable: string;
  /** «Fecha programada», as the plan page shows its periods. */
  scheduled: string;
  /** OCI's verified percentage, 0–100. */
  percent: number;
  /** What the dependencias reported (validated), for comparison; null when nothing was validated. */
  reported: number | null;
  zone: ZoneKey;
  observations: string;
}

export interface FollowupReportComponent {
  code: string | null;
  name: string;
  score: number;
  zone: ZoneKey;
  rows: FollowupReportRow[];
}

export interface FollowupEvidence {
  id: string;
  activityCode: string | null;
  fileName: string;
  size: number;
  sha256: string;
  isPublic: boolean;
}

export interface FollowupReport {
  entity: string;
  plan: { id: string; slug: string; title: string; year: number; typeName: string };
  cutOn: string;
  /** «Enero a abril de 2022». */
  periodLabel: string;
  /** «Fecha de seguimiento»: the day OCI closed it (Bogotá). */
  followupOn: string;
  zones: Zones;
  components: FollowupReportComponent[];
  score: number;
  zone: ZoneKey;
  /** The annex: every evidence file of the reports covered, with its SHA-256. */
  evidence: FollowupEvidence[];
}

/** A published follow-up as the public plan page lists it (no people, no internal ids). */
export interface PublicFollowupSummary {
  cutOn: string;
  periodLabel: string;
  dueOn: string;
  /** ISO timestamp of the publication. */
  publishedAt: string;
  late: boolean;
  score: number;
  zone: ZoneKey;
}
