// Which addresses Comunicaciones may write to: only the entity's own domains, exactly (no subdomains, no
// look-alikes such as pasto.gov.co.evil.com), one message per address. Pure.

export type DropReason = "sin_correo" | "dominio_externo" | "correo_invalido";

const SYNTAX = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

export const DROP_REASON_LABELS: Record<DropReason | "duplicado", string> = {
  sin_correo: "Sin correo registrado",
  dominio_externo: "Correo que no es institucional",
  correo_invalido: "Correo mal escrito",
  duplicado: "Repetido",
};

export const normaliseEmail = (email: string) => email.trim().toLowerCase();

/** The address to write to, or why it is dropped. */
export function classifyAddress(
  email: string | null | undefined,
  allowedDomains: readonly string[],
): { ok: true; email: string } | { ok: false; reason: DropReason } {
  if (email === null || email === undefined || email.trim() === "")
    return { ok: false, reason: "sin_correo" };
  const address = normaliseEmail(email);
  if (!SYNTAX.test(address)) return { ok: false, reason: "correo_invalido" };
  const domain = address.slice(address.lastIndexOf("@") + 1);
  const allowed = allowedDomains.map((d) => d.trim().toLowerCase());
  return allowed.includes(domain) ? { ok: true, email: address } : { ok: false, reason: "dominio_externo" };
}

export interface Candidate {
  email: string | null;
}

/**
 * Splits candidates into those who get a message and those dropped (with the reason); an address met a
 * second time is dropped as `duplicado`, the first occurrence kept.
 */
export function partitionAddresses<T extends Candidate>(
  candidates: readonly T[],
  allowedDomains: readonly string[],
) {
  const seen = new Set<string>();
  const deliverable: (T & { email: string })[] = [];
  const dropped: (T & { reason: DropReason | "duplicado" })[] = [];
  for (const candidate of candidates) {
    const result = classifyAddress(candidate.email, allowedDomains);
    if (!result.ok) dropped.push({ ...candidate, reason: result.reason });
    else if (seen.has(result.email)) dropped.push({ ...candidate, reason: "duplicado" });
    else {
      seen.add(result.email);
      deliverable.push({ ...candidate, email: result.email });
    }
  }
  return { deliverable, dropped };
}

/** One line of a pasted or uploaded list, before its address is checked. */
export interface ListLine {
  /** 1-based, in the order of the list (blank lines and the header are not counted). */
  position: number;
  raw: string;
  email: string | null;
  name: string | null;
  dependenciaName: string | null;
}

export type ListProblem = "correo_invalido" | "dominio_externo" | "duplicado";
export type CheckedListLine = ListLine & { problem: ListProblem | null };

const fold = (text: string) =>
  text
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^a-z]/g, "");
const HEADERS: Record<"email" | "name" | "dependencia", readonly string[]> = {
  email: ["correo", "correoelectronico", "correoinstitucional", "email", "mail", "direccion"],
  name: ["nombre", "nombres", "nombrecompleto", "destinatario", "servidor"],
  dependencia: ["dependencia", "area", "oficina", "secretaria"],
};
const NAMED_ADDRESS = /^\s*"?([^"<>]*?)"?\s*<([^<>]+)>\s*$/;
const clean = (cell: string | undefined) => {
  const text = (cell ?? "")
    .trim()
    .replace(/^"(.*)"$/s, "$1")
    .trim();
  return text === "" ? null : text;
};

/** A pasted line's cells: tab-separated (from Excel), else «;», else «,» (but never inside «Nombre <correo>»). */
export function splitListLine(line: string): string[] {
  if (line.includes("\t")) return line.split("\t");
  if (line.includes(";")) return line.split(";");
  if (line.includes(",") && !line.includes("<")) return line.split(",");
  return [line];
}

/**
 * Rows of a list (pasted lines split into cells, or a spreadsheet's rows) as entries. The first row is a
 * header when it holds no «@»: its columns correo/nombre/dependencia are found by name. Without one, the
 * order is correo, nombre, dependencia; a row whose address sits in another column is still read (people
 * paste «Nombre → correo» from Excel), and «Nombre <correo>» in one cell gives both.
 */
export function entriesFromRows(rows: readonly { raw: string; cells: readonly string[] }[]): ListLine[] {
  const filled = rows.filter((row) => row.cells.some((cell) => clean(cell) !== null));
  let columns = { email: 0, name: 1, dependencia: 2 };
  const first = filled[0];
  if (first && !first.cells.some((cell) => cell.includes("@"))) {
    const labels = first.cells.map((cell) => fold(cell));
    const find = (names: readonly string[]) => labels.findIndex((label) => names.includes(label));
    const found = {
      email: find(HEADERS.email),
      name: find(HEADERS.name),
      dependencia: find(HEADERS.dependencia),
    };
    if (found.email >= 0) columns = found;
    filled.shift();
  }
  return filled.map((row, index) => {
    const cells = row.cells.map(clean);
    let email = cells[columns.email] ?? null;
    let name = columns.name >= 0 ? (cells[columns.name] ?? null) : null;
    if (!email?.includes("@")) {
      const at = cells.findIndex((cell) => cell?.includes("@"));
      if (at >= 0) {
        name =
          (columns.name === at ? null : name) ?? cells.find((cell, i) => i !== at && cell !== null) ?? null;
        email = cells[at] ?? null;
      }
    }
    const named = email ? NAMED_ADDRESS.exec(email) : null;
    if (named) {
      name = clean(named[1]) ?? name;
      email = clean(named[2]);
    }
    return {
      position: index + 1,
      raw: row.raw.slice(0, 500),
      email: email ? email.replace(/^mailto:/i, "") : null,
      name,
      dependenciaName: columns.dependencia >= 0 ? (cells[columns.dependencia] ?? null) : null,
    };
  });
}

/** A pasted list: `correo`, `Nombre <correo>`, `correo;nombre;dependencia` or tab-separated, header skipped. */
export function parsePastedList(text: string): ListLine[] {
  const lines = text.split(/\r\n|\r|\n/);
  return entriesFromRows(lines.map((raw) => ({ raw, cells: splitListLine(raw) })));
}

/** Each entry with what is wrong with its address: not one, outside the entity's domains, or met before. */
export function checkListLines(
  lines: readonly ListLine[],
  allowedDomains: readonly string[],
): CheckedListLine[] {
  const seen = new Set<string>();
  return lines.map((line) => {
    const result = classifyAddress(line.email, allowedDomains);
    if (!result.ok)
      return {
        ...line,
        problem: result.reason === "dominio_externo" ? "dominio_externo" : "correo_invalido",
      };
    if (seen.has(result.email)) return { ...line, email: result.email, problem: "duplicado" };
    seen.add(result.email);
    return { ...line, email: result.email, problem: null };
  });
}
