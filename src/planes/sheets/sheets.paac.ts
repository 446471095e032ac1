// Reads a PAAC (Anexo 1) as the OPGI keeps it: component heading rows («Componente 3: Rendición de cuentas»)
// open level 1, the «Subcomponente / Proceso» column level 2 (the sixth component has none), and each
// «Actividades» cell with its code inside («1.1 Socializar…», «2.8. Mejorar…», «1. Empoderar…») an activity.
// An empty or merged cell means «same as above»; a row whose activity cell is empty (or repeats the activity)
// only adds responsables and periods to the activity above. A component with nothing but a line of text
// («Ver documento anexo…») keeps it as its note.

import { type ColumnKey, type ColumnMap, matchHeader } from "./sheets.columns.ts";
import type { GridSheet } from "./sheets.grid.ts";
import { parseMeta } from "./sheets.meta.ts";
import {
  addPeriods,
  addRanges,
  addResponsables,
  appendText,
  identity,
  type Reading,
  RowCells,
  readWeight,
  short,
  textKey,
} from "./sheets.tree.ts";
import type { ParsedNode } from "./sheets.types.ts";

const COMPONENT = /^componente(?![a-záéíóúñ])\s*(\d+)?\s*[.:\-–—)]?\s*([\s\S]*)$/i;
const SUBCOMPONENT = /^sub\s*-?\s*componente(?![a-záéíóúñ])\s*(\d+)?\s*[.:\-–—)]?\s*([\s\S]*)$/i;
/** «1.1 Socializar», «2.8. Mejorar», «1. Empoderar», «1.2) Evaluar». */
const ACTIVITY_CODE = /^(\d{1,3}(?:\.\d{1,3})*)\.?(?:\s*[)\-–—:]\s*|\s+)(\S[\s\S]*)$/;

interface Numbered {
  code: string | null;
  text: string;
}

/** «Componente 3: Rendición de cuentas» → 3 «Rendición de cuentas». */
export function parseComponentHeading(text: string): Numbered | undefined {
  const match = COMPONENT.exec(text.trim());
  if (!match) return undefined;
  const code = match[1] ?? null;
  const rest = (match[2] ?? "").trim();
  if (!code && rest === "") return undefined;
  return { code, text: rest || text.trim() };
}

/** «Subcomponente 3. Comunicación y divulgación.» → 3 «Comunicación y divulgación.»; «a) Talento humano» → a. */
export function parseSubcomponent(text: string): Numbered {
  const match = SUBCOMPONENT.exec(text) ?? /^(\d{1,2}|[a-z])\s*[.)]\s+([\s\S]+)$/i.exec(text);
  if (!match) return { code: null, text };
  return { code: match[1]?.toLowerCase() ?? null, text: (match[2] ?? "").trim() || text };
}

/** The code inside an activity cell, its trailing dot dropped, and the text without it. */
export function parseActivity(text: string): Numbered {
  const match = ACTIVITY_CODE.exec(text);
  return match ? { code: match[1] ?? null, text: (match[2] ?? "").trim() } : { code: null, text };
}

const TABLE: readonly ColumnKey[] = [
  "subcomponent",
  "activity",
  "product",
  "meta",
  "responsable",
  "start",
  "end",
  "when",
  "weight",
];
const DETAILS: readonly ColumnKey[] = ["product", "meta", "responsable", "start", "end", "when", "weight"];

const idOf = (parsed: Numbered) => parsed.code ?? `t:${identity(parsed.text)}`;

/** The reading of a whole PAAC, sheet after sheet. */
export class PaacReader {
  readonly tree: ParsedNode[] = [];
  readonly #components = new Map<string, ParsedNode>();
  readonly #subcomponents = new Map<ParsedNode, Map<string, ParsedNode>>();
  /** Activity code → the row where it first appears, per subcomponent (or component without them). */
  readonly #codes = new Map<ParsedNode, Map<string, number>>();
  /** Notes taken from text above a header: dropped if the component turns out to have activities. */
  readonly #tentativeNotes = new Set<ParsedNode>();
  #component: ParsedNode | undefined;
  /** `raw` is the cell as written, compared first: most rows repeat it exactly (merged or filled down). */
  #subcomponent: { node: ParsedNode; id: string; raw: string } | undefined;
  #activity: { node: ParsedNode; id: string; raw: string } | undefined;

  constructor(readonly reading: Reading) {}

  readSheet(sheet: GridSheet) {
    this.reading.sheet = sheet.name;
    this.#subcomponent = undefined;
    this.#activity = undefined;
    const fromName = parseComponentHeading(sheet.name.replace(/_/g, " "));
    let headingInSheet = false;
    let columns: ColumnMap | undefined;
    let headerEnd = 0;
    let orphanReported = false;
    sheet.rows.forEach((row, at) => {
      if (row.row <= headerEnd) return;
      const header = matchHeader("paac", row, sheet.rows[at + 1]);
      if (header && header.missing.length === 0) {
        columns = header.columns;
        headerEnd = header.lastRow;
        return;
      }
      const cells = new RowCells(row, columns ?? {});
      const texts = cells.distinctTexts();
      const heading = texts.length === 1 ? parseComponentHeading(texts[0] ?? "") : undefined;
      if (heading) {
        this.#openComponent(heading, row.row);
        headingInSheet = true;
        return;
      }
      if (!columns) {
        // Above the header only a component's heading and its note count; the rest are titles.
        const component = this.#component;
        if (headingInSheet && component && component.children.length === 0 && texts.length === 1) {
          component.note = appendText(component.note, texts[0] ?? "");
          this.#tentativeNotes.add(component);
        }
        return;
      }
      cells.checkFormulas(this.reading);
      if (!cells.hasAny(TABLE)) return;
      if (!headingInSheet && fromName) {
        this.#openComponent(fromName, row.row);
        headingInSheet = true;
      }
      if (!this.#component) {
        if (!orphanReported)
          this.reading.error(
            row.row,
            "Esta fila y las siguientes no pertenecen a ningún componente: escriba arriba de ellas una fila con «Componente N: nombre del componente».",
          );
        orphanReported = true;
        return;
      }
      this.#readRow(this.#component, cells, texts);
    });
  }

  #openComponent(heading: Numbered, row: number) {
    const id = idOf(heading);
    let node = this.#components.get(id);
    if (!node) {
      const key = heading.code ? `c${heading.code}` : `c-${textKey(heading.text)}`;
      node = this.reading.node(1, key, heading.code, heading.text, row);
      this.#components.set(id, node);
      this.tree.push(node);
    }
    this.#component = node;
    this.#subcomponent = undefined;
    this.#activity = undefined;
  }

  #readRow(component: ParsedNode, cells: RowCells, texts: string[]) {
    const row = cells.row.row;
    const subText = cells.text("subcomponent");
    const activityText = cells.text("activity");
    // A lone line of text where a component's first row would be: its note («Ver documento anexo…»).
    const lone = texts.length === 1 ? (texts[0] ?? "") : "";
    if (
      lone !== "" &&
      component.children.length === 0 &&
      (subText === lone || activityText === lone) &&
      !SUBCOMPONENT.test(lone) &&
      parseSubcomponent(lone).code === null &&
      parseActivity(lone).code === null
    ) {
      component.note = appendText(this.#tentativeNotes.has(component) ? undefined : component.note, lone);
      this.#tentativeNotes.delete(component);
      return;
    }
    if (subText !== "" && this.#subcomponent?.raw !== subText) {
      const parsed = parseSubcomponent(subText);
      const id = idOf(parsed);
      if (this.#subcomponent?.id !== id) {
        this.#subcomponent = { node: this.#subcomponentOf(component, parsed, id, row), id, raw: subText };
        this.#activity = undefined;
      }
    }
    let continuation = true;
    if (
      activityText !== "" &&
      this.#activity?.raw !== activityText &&
      this.#activity?.id !== identity(activityText)
    ) {
      this.#startActivity(component, activityText, row);
      continuation = false;
    }
    const activity = this.#activity?.node;
    if (!activity) {
      if (cells.hasAny(DETAILS))
        this.reading.error(
          row,
          "La fila tiene datos pero no hay una actividad a la que pertenezcan: escriba la actividad en la columna «Actividades», o junte la fila con la de su actividad.",
        );
      return;
    }
    const product = cells.text("product");
    if (product !== "") activity.product = continuation ? appendText(activity.product, product) : product;
    const meta = cells.text("meta");
    if (meta !== "") {
      activity.meta = continuation ? appendText(activity.meta, meta) : meta;
      const parsed = parseMeta(activity.meta);
      activity.metaQuantity = parsed.quantity;
      activity.metaUnit = parsed.unit;
    }
    if (cells.columns.weight !== undefined && (!continuation || activity.weight === undefined)) {
      const weight = readWeight(this.reading, cells);
      if (weight !== undefined) activity.weight = weight;
    }
    addResponsables(activity, cells.text("responsable"));
    if (cells.columns.when !== undefined) addRanges(this.reading, activity, cells, "Fecha programada");
    else addPeriods(this.reading, activity, cells);
  }

  #subcomponentOf(component: ParsedNode, parsed: Numbered, id: string, row: number): ParsedNode {
    let byId = this.#subcomponents.get(component);
    if (!byId) {
      byId = new Map();
      this.#subcomponents.set(component, byId);
    }
    let node = byId.get(id);
    if (!node) {
      const part = parsed.code ? `s${parsed.code}` : `s-${textKey(parsed.text)}`;
      node = this.reading.node(2, `${component.key}/${part}`, parsed.code, parsed.text, row);
      byId.set(id, node);
      component.children.push(node);
    }
    return node;
  }

  #startActivity(component: ParsedNode, cellText: string, row: number) {
    const parsed = parseActivity(cellText);
    const parent = this.#subcomponent?.node ?? component;
    let codes = this.#codes.get(parent);
    if (!codes) {
      codes = new Map();
      this.#codes.set(parent, codes);
    }
    const base = parent.level === 1 ? `${parent.key}/-` : parent.key;
    const part = parsed.code ?? `t-${textKey(parsed.text)}`;
    if (parsed.code) {
      const first = codes.get(parsed.code);
      if (first !== undefined) {
        const scope =
          parent.level === 1
            ? `el componente ${component.code ?? `«${short(component.text)}»`}`
            : `el subcomponente ${parent.code ?? `«${short(parent.text)}»`} del componente ${component.code ?? `«${short(component.text)}»`}`;
        this.reading.error(
          row,
          `El código ${parsed.code} se repite en ${scope} (filas ${first} y ${row}): cada actividad necesita un código propio.`,
        );
      } else codes.set(parsed.code, row);
    }
    const node = this.reading.node(3, `${base}/${part}`, parsed.code, parsed.text, row);
    parent.children.push(node);
    this.#activity = { node, id: identity(cellText), raw: cellText };
  }

  /** The checks that need the whole plan, and the counts. */
  finish(): Record<string, number> {
    const counts = { components: 0, subcomponents: 0, activities: 0, periods: 0 };
    const activity = (node: ParsedNode) => {
      counts.activities++;
      counts.periods += node.periods.length;
      const name = node.code ? `La actividad ${node.code}` : `La actividad «${short(node.text)}»`;
      if (node.responsables.length === 0)
        this.reading.errorAt(node, `${name} no tiene responsable: escríbalo en la columna «Responsable».`);
      if (node.periods.length === 0)
        this.reading.errorAt(node, `${name} no tiene fechas: escriba su fecha de inicio y su fecha final.`);
    };
    for (const component of this.tree) {
      counts.components++;
      if (component.children.length > 0 && this.#tentativeNotes.has(component)) delete component.note;
      const name = component.code ?? `«${short(component.text)}»`;
      if (component.children.length === 0 && !component.note)
        this.reading.errorAt(component, `El componente ${name} no tiene actividades.`);
      for (const child of component.children) {
        if (child.level === 3) {
          activity(child);
          continue;
        }
        counts.subcomponents++;
        if (child.children.length === 0)
          this.reading.errorAt(
            child,
            `El subcomponente ${child.code ?? `«${short(child.text)}»`} del componente ${name} no tiene actividades.`,
          );
        child.children.forEach(activity);
      }
    }
    return counts;
  }
}
