// What areas add to «Mis datos» (habeas data, Ley 1581 de 2012): carnetización adds the person's cards,
// photos and the lists that name them. Core gathers the person's own data, the staff access and the
// histories; each registered section loads its records, then describes them once names are known.
// src/areas.ts registers the sections (docs/ARCHITECTURE.md, "Areas and core").
import type { Child } from "hono/jsx";
import type { Db } from "../../db/client.ts";
import type { Person } from "../people/people.service.ts";

/** One state change of a record, as the archive shows it. */
export interface HistoryEntry {
  fecha: string | null;
  de: string | null;
  a: string | null;
  motivo: string | null;
  porQuien: string;
}

export interface MyDataTools {
  /** «Usted», «SIPAP (automático)» or the name of whoever acted. */
  who(actorId: string | null): string;
  /** The state changes of one of the section's records (from the shared transitions table). */
  historyOf(subjectId: string): HistoryEntry[];
}

export interface MyDataContribution {
  /** Keys of datos.json (Spanish: the person reads them), in order. */
  data: Record<string, unknown>;
  /** Stored files copied into the archive under the given names. */
  files: { key: string | null; name: string }[];
  /** Its part of resumen.html. */
  summary: Child;
}

export interface LoadedSection {
  /** The section's records by audit target type, so staff access to them and their histories are listed. */
  subjects: { type: string; ids: string[] }[];
  describe(tools: MyDataTools): MyDataContribution;
}

export interface MyDataSection {
  /** How «Sobre» reads for each of its target types ("card" → «Su carnet»). */
  about: Record<string, string>;
  /** Spanish names of the states in its records' histories, by subject type. */
  stateLabels: Record<string, Record<string, string>>;
  load(db: Db, person: Person): Promise<LoadedSection>;
}

const sections: MyDataSection[] = [];

export function registerMyDataSection(section: MyDataSection): void {
  if (!sections.includes(section)) sections.push(section);
}

export const myDataSections = (): readonly MyDataSection[] => sections;
