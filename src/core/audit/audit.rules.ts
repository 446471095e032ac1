// Turning an audit row's JSON details into lines a person can read: «Cargo: Técnico → Profesional».
import { FIELD_LABELS, VALUE_LABELS } from "./audit.labels.ts";

/** Names for ids found in details (people, dependencias), gathered by the service. */
export type NameLookup = (id: string) => string | undefined;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

export const isUuid = (value: unknown): value is string => typeof value === "string" && UUID.test(value);

const fieldLabel = (key: string) => FIELD_LABELS[key] ?? key;

/** One value as text: ids by name, known words in Spanish, lists joined, nothing as «(vacío)». */
export function describeValue(value: unknown, names: NameLookup, formatInstant: (d: Date) => string): string {
  if (value === null || value === undefined || value === "") return "(vacío)";
  if (typeof value === "boolean") return value ? "sí" : "no";
  if (typeof value === "number") return new Intl.NumberFormat("es-CO").format(value);
  if (typeof value === "string") {
    if (isUuid(value)) return names(value) ?? `registro ${value.slice(0, 8)}`;
    if (ISO_INSTANT.test(value) && !Number.isNaN(Date.parse(value))) return formatInstant(new Date(value));
    return VALUE_LABELS[value] ?? value;
  }
  if (Array.isArray(value))
    return value.length === 0
      ? "(ninguno)"
      : value.map((v) => describeValue(v, names, formatInstant)).join(", ");
  if (typeof value === "object")
    return Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => `${fieldLabel(k)} ${describeValue(v, names, formatInstant)}`)
      .join(", ");
  return String(value);
}

const isChange = (value: unknown): value is { before: unknown; after: unknown } =>
  typeof value === "object" &&
  value !== null &&
  !Array.isArray(value) &&
  "before" in value &&
  "after" in value;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** Readable lines: «campo: antes → después» for changes, «campo: valor» for the rest. */
export function describeDetails(
  details: Record<string, unknown>,
  names: NameLookup,
  formatInstant: (d: Date) => string,
): string[] {
  const text = (v: unknown) => describeValue(v, names, formatInstant);
  const lines: string[] = [];
  const { before, after, from, to, ...rest } = details;
  // A state change: «Estado: Solicitado → Listo para imprimir».
  if (to !== undefined) lines.push(`Estado: ${from ? text(from) : "(nuevo)"} → ${text(to)}`);
  // A whole record before and after (a dependencia, a person's roles): one line per field that changed.
  if (before !== undefined || after !== undefined) {
    if (isRecord(before) && isRecord(after)) {
      for (const key of new Set([...Object.keys(before), ...Object.keys(after)]))
        if (JSON.stringify(before[key]) !== JSON.stringify(after[key]))
          lines.push(`${fieldLabel(key)}: ${text(before[key])} → ${text(after[key])}`);
    } else lines.push(`${fieldLabel("roles")}: ${text(before)} → ${text(after)}`);
  }
  for (const [key, value] of Object.entries(rest)) {
    if (isChange(value)) lines.push(`${fieldLabel(key)}: ${text(value.before)} → ${text(value.after)}`);
    else lines.push(`${fieldLabel(key)}: ${text(value)}`);
  }
  return lines;
}

/** Every id mentioned in details (top level, changes and lists), to look their names up at once. */
export function idsInDetails(details: Record<string, unknown>, into: Set<string>): void {
  const visit = (value: unknown, depth: number) => {
    if (isUuid(value)) into.add(value);
    else if (depth < 3 && Array.isArray(value)) for (const v of value) visit(v, depth + 1);
    else if (depth < 3 && isRecord(value)) for (const v of Object.values(value)) visit(v, depth + 1);
  };
  visit(details, 0);
}
