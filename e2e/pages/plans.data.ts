// What planeación answers for each responsable SIPAP cannot match in the seed plans (with the dependencias of
// seedDependencias), and what the hand-typed ground truth says a filter or a responsable should see.
import { PLAN_STATUS_LABELS } from "../../src/planes/plans/plans.types.ts";
import { type PaacTruth, plain, readTruth, type TruthActivity } from "../../test/plan-sheets.ts";

export type Reconciliation =
  | { kind: "todas" }
  | { kind: "dependencias"; names: string[] }
  | { kind: "equipo"; dependencia: string; team: string };

export const OPGI = "Oficina de Planeación de Gestión Institucional";
export const MOSIG = "Secretaría de las Mujeres, Orientaciones Sexuales e Identidades de Género";

const todas: Reconciliation = { kind: "todas" };
const to = (...names: string[]): Reconciliation => ({ kind: "dependencias", names });
const team = (dependencia: string, name: string): Reconciliation => ({
  kind: "equipo",
  dependencia,
  team: name,
});

/** Every text of the PAAC 2022 that matches no dependencia by name or acronym, as OPGI reconciles it. */
export const PAAC_RECONCILIATIONS: Record<string, Reconciliation> = {
  "Todas las dependencias": todas,
  "Todas las dependencias.": todas,
  "Todas las dependencia": todas,
  "Todas las secretarías de la Administración Municipal": todas,
  "Todas las Secretarías y Direcciones": todas,
  "Todos los procesos que ofrecen trámites": todas,
  "Dependencias responsables de suministro de información para publicar en sede electrónica": todas,
  "Dependencia responsable del evento de rendición de cuentas": todas,
  "Líderes de proceso SGC - MIPG": todas,
  "Secretaría MOSIG": to(MOSIG),
  "Secretaría de MOSIG": to(MOSIG),
  "Dirección de Juventud": to("Dirección Administrativa de Juventud"),
  "Subsecretaría Talento Humano": to("Subsecretaría de Talento Humano"),
  "Oficina de Control interno.": to("Oficina de Control Interno de Gestión"),
  "Dependencias administradoras de portales web alternos": to(
    "Oficina de Comunicación Social",
    "Subsecretaría de Sistemas de Información",
  ),
  "Equipo líder del proceso de rendición de cuentas": team(
    OPGI,
    "Equipo líder del proceso de rendición de cuentas",
  ),
  "Secretaría General con equipo interno": team("Secretaría General", "Equipo interno"),
};

/** The same for the Matriz operativa 2026. */
export const MATRIZ_RECONCILIATIONS: Record<string, Reconciliation> = {
  "Equipo MIPG - Oficina de Planeación de Gestión Institucional": team(OPGI, "Equipo MIPG"),
  "Equipo Banco de Proyectos, MIPG y Plan de Desarrollo - OPGI": team(
    OPGI,
    "Equipo Banco de Proyectos, MIPG y Plan de Desarrollo",
  ),
  "Unidad de Atención al Ciudadano - Equipo MIPG - Oficina de Planeación de Gestión Institucional": to(
    "Unidad de Atención al Ciudadano",
    OPGI,
  ),
  "Unidad de Atención al Ciudadano -Equipo MIPG - Oficina de Planeación de Gestión Institucional": to(
    "Unidad de Atención al Ciudadano",
    OPGI,
  ),
  "Líderes de proceso": todas,
  "Equipo MIPG - Líderes de proceso": todas,
};

export interface TruthLeaf extends TruthActivity {
  component: number;
}

/** The PAAC's activities as transcribed by hand (test/fixtures/plans/paac-2022.truth.json). */
export function paacTruthLeaves(): TruthLeaf[] {
  const truth = readTruth<PaacTruth>("paac-2022");
  return truth.components.flatMap((c) =>
    [...(c.subcomponents ?? []).flatMap((s) => s.activities), ...(c.activities ?? [])].map((a) => ({
      ...a,
      component: c.number,
    })),
  );
}

const startEnd = (p: TruthActivity["periods"][number]) => (Array.isArray(p) ? p : [p.start, p.end]);

/** A period touches the month (YYYY-MM); a missing end counts as its start, as the plan page reads it. */
export const touchesMonth = (leaf: TruthActivity, month: string) =>
  leaf.periods.some((p) => {
    const [start, end] = startEnd(p);
    const from = (start ?? end)?.slice(0, 7);
    const to = (end ?? start)?.slice(0, 7);
    return Boolean(from && to && from <= month && to >= month);
  });

/** The activity is the dependencia's (its written name) or everybody's (a text reconciled as «todas»). */
export const concerns = (leaf: TruthActivity, written: string) =>
  leaf.responsables.some((r) => plain(r) === written || PAAC_RECONCILIATIONS[plain(r)]?.kind === "todas");

export const PUBLISHED = PLAN_STATUS_LABELS.publicado;
