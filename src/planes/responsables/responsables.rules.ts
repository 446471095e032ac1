// How a responsable written in a plan's spreadsheet («OPGI.», «Secretaria de Gobierno», «Oficina de Planeación
// de Gestión Institucional – OPGI») is recognised as a dependencia. Pure: the dependencias and the aliases
// planeación confirmed come in as data. Only certain forms match on their own; anything else waits for a
// person, with the closest dependencias suggested, because a wrong guess would hand an activity to the
// wrong office (docs/DOMAIN.md, «Planes»: SIPAP never invents a dependencia).
import type { AliasKind } from "./responsables.table.ts";

/** Lower case, no accents, punctuation and dashes as spaces, one space between words. */
export function normalizeResponsable(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[\u00a0\u2007\u202f\t\r\n]/g, " ")
    .replace(/[‐‑‒–—―−-]/g, " ")
    .replace(/[.,;:()[\]{}"'“”‘’«»/\\¿?¡!*_]/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

/** «Secretaría de Educación Municipal», «… del Municipio de Pasto» name the secretaría itself. */
export function withoutMunicipal(normalized: string): string {
  return normalized
    .replace(/ del municipio( .*)?$/, "")
    .replace(/ municipal$/, "")
    .trim();
}

export interface DependenciaRef {
  id: string;
  name: string;
  acronym: string | null;
}

export interface AliasRef {
  normalized: string;
  kind: AliasKind;
  team: string | null;
  dependencias: { id: string; name: string }[];
}

export type Resolution =
  | {
      text: string;
      kind: AliasKind;
      dependencias: { id: string; name: string }[];
      team: string | null;
      /** How it matched: the dependencia's name, its acronym, or an alias planeación confirmed. */
      via: "nombre" | "sigla" | "alias";
    }
  | { text: string; kind: "unmatched"; suggestions: { id: string; name: string }[] };

export type Matched = Exclude<Resolution, { kind: "unmatched" }>;

const STOPWORDS = new Set([
  "de",
  "del",
  "la",
  "las",
  "el",
  "los",
  "y",
  "e",
  "al",
  "a",
  "en",
  "con",
  "para",
  "por",
]);
const words = (normalized: string) => normalized.split(" ").filter((w) => w && !STOPWORDS.has(w));

function trigrams(normalized: string): Set<string> {
  const padded = `  ${normalized} `;
  const grams = new Set<string>();
  for (let i = 0; i + 3 <= padded.length; i++) grams.add(padded.slice(i, i + 3));
  return grams;
}

function dice<T>(a: Set<T>, b: Set<T>): number {
  if (a.size + b.size === 0) return 0;
  let common = 0;
  for (const item of a) if (b.has(item)) common++;
  return (2 * common) / (a.size + b.size);
}

interface Indexed {
  ref: DependenciaRef;
  words: Set<string>;
  grams: Set<string>;
  acronym: string | null;
}

const SUGGESTIONS = 3;
/** Below this a dependencia has little to do with the text: better no suggestion than a misleading one. */
const MIN_SCORE = 0.25;

/**
 * Builds the matcher once for many texts (a plan has thousands of activities but a few dozen distinct
 * responsables): lookups by name, acronym and alias are map reads.
 */
export function createMatcher(active: readonly DependenciaRef[], aliases: readonly AliasRef[]) {
  const byName = new Map<string, DependenciaRef>();
  const byAcronym = new Map<string, DependenciaRef | null>();
  const indexed: Indexed[] = [];
  for (const ref of active) {
    const name = normalizeResponsable(ref.name);
    byName.set(name, ref);
    const acronym = ref.acronym ? normalizeResponsable(ref.acronym) : null;
    // Two dependencias with one acronym: the acronym alone says nothing (null marks it ambiguous).
    if (acronym) byAcronym.set(acronym, byAcronym.has(acronym) ? null : ref);
    indexed.push({ ref, words: new Set(words(name)), grams: trigrams(name), acronym });
  }
  const byAlias = new Map(aliases.map((alias) => [alias.normalized, alias]));
  const brief = (ref: DependenciaRef) => ({ id: ref.id, name: ref.name });

  const byFullName = (normalized: string) =>
    byName.get(normalized) ?? byName.get(withoutMunicipal(normalized));

  function matchDependencia(
    normalized: string,
  ): { ref: DependenciaRef; via: "nombre" | "sigla" } | undefined {
    const named = byFullName(normalized);
    if (named) return { ref: named, via: "nombre" };
    const acronym = byAcronym.get(normalized);
    if (acronym) return { ref: acronym, via: "sigla" };
    // «Oficina de Planeación de Gestión Institucional – OPGI», «UAC - Unidad de Atención al Ciudadano»: the
    // name and the acronym of the same dependencia.
    const tokens = normalized.split(" ");
    if (tokens.length < 2) return undefined;
    const last = byAcronym.get(tokens.at(-1) ?? "");
    if (last && byFullName(tokens.slice(0, -1).join(" ")) === last) return { ref: last, via: "nombre" };
    const first = byAcronym.get(tokens[0] ?? "");
    if (first && byFullName(tokens.slice(1).join(" ")) === first) return { ref: first, via: "nombre" };
    return undefined;
  }

  function suggest(normalized: string): { id: string; name: string }[] {
    const textWords = new Set(words(normalized));
    const textGrams = trigrams(normalized);
    return indexed
      .map((dep) => ({
        dep,
        score:
          0.6 * dice(textWords, dep.words) +
          0.4 * dice(textGrams, dep.grams) +
          (dep.acronym && textWords.has(dep.acronym) ? 0.5 : 0),
      }))
      .filter((scored) => scored.score >= MIN_SCORE)
      .sort((a, b) => b.score - a.score || a.dep.ref.name.localeCompare(b.dep.ref.name, "es"))
      .slice(0, SUGGESTIONS)
      .map((scored) => brief(scored.dep.ref));
  }

  return function match(text: string): Resolution {
    const normalized = normalizeResponsable(text);
    if (!normalized) return { text, kind: "unmatched", suggestions: [] };
    // What planeación said comes first: it may correct a name that happens to match another office.
    const alias = byAlias.get(normalized);
    if (alias)
      return { text, kind: alias.kind, dependencias: alias.dependencias, team: alias.team, via: "alias" };
    const found = matchDependencia(normalized);
    if (found)
      return { text, kind: "dependencias", dependencias: [brief(found.ref)], team: null, via: found.via };
    return { text, kind: "unmatched", suggestions: suggest(normalized) };
  };
}

/** What a matched responsable stands for, as people read it: «OPGI», «Todas las dependencias», «Equipo MIPG (OPGI)». */
export function describeMatch(resolution: Pick<Matched, "kind" | "dependencias" | "team">): string {
  if (resolution.kind === "todas") return "Todas las dependencias";
  const names = resolution.dependencias.map((d) => d.name);
  if (resolution.kind === "equipo")
    return `${resolution.team ?? "Equipo"} (${names[0] ?? "sin dependencia"})`;
  return names.join("; ");
}
