// Reads a policy matrix («Matriz operativa»): ACTIVIDADES DE GESTIÓN (level 1) → QUÉ, the improvement
// alternative (level 2) → CÓMO, the task (level 3), with QUIÉN, CUÁNDO and EVIDENCIAS for each task. An empty
// or merged cell in the first two columns means «same as above»; each CÓMO written starts a task, and a row
// whose CÓMO is empty only adds a responsable, a period or more evidence to the task above.

import { COLUMNS, type ColumnDef, type ColumnKey, type ColumnMap, matchHeader } from "./sheets.columns.ts";
import type { GridSheet } from "./sheets.grid.ts";
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

const TABLE: readonly ColumnKey[] = [
  "activity",
  "alternative",
  "task",
  "responsable",
  "start",
  "end",
  "when",
  "evidence",
  "weight",
];
const DETAILS: readonly ColumnKey[] = ["responsable", "start", "end", "when", "evidence", "weight"];
const labelOf = (defs: readonly ColumnDef[], key: ColumnKey) =>
  defs.find((def) => def.key === key)?.label ?? key;

interface Current {
  node: ParsedNode;
  id: string;
  /** The cell as written, compared first: most rows repeat it exactly (merged or filled down). */
  raw: string;
}

const differs = (current: Current | undefined, text: string) =>
  text !== "" && current?.raw !== text && current?.id !== identity(text);

/** The reading of a whole matrix, sheet after sheet. */
export class MatrizReader {
  readonly tree: ParsedNode[] = [];
  readonly #activities = new Map<string, ParsedNode>();
  readonly #alternatives = new Map<ParsedNode, Map<string, ParsedNode>>();
  #activity: Current | undefined;
  #alternative: Current | undefined;
  #task: Current | undefined;
  /** Columns the current header named by the plan type's level names («Hallazgo»), for messages. */
  #aliased = new Set<ColumnKey>();

  /** `defs`: the matrix columns for the plan type (sheets.columns.ts columnsOf). */
  constructor(
    readonly reading: Reading,
    readonly defs: readonly ColumnDef[] = COLUMNS.matriz,
  ) {}

  /** A column as the file names it: the type's level name when the header used it, else the usual label. */
  #label(key: ColumnKey): string {
    return labelOf(this.#aliased.has(key) ? this.defs : COLUMNS.matriz, key);
  }

  /** «Cómo», «Qué»: the first word of the usual label, as people call it; a level name whole («Acción de mejora»). */
  #word(key: ColumnKey): string {
    const label = this.#label(key);
    return this.#aliased.has(key) ? label : (label.split(" ")[0] ?? key);
  }

  readSheet(sheet: GridSheet) {
    this.reading.sheet = sheet.name;
    this.#activity = undefined;
    this.#alternative = undefined;
    this.#task = undefined;
    let columns: ColumnMap | undefined;
    let headerEnd = 0;
    sheet.rows.forEach((row, at) => {
      if (row.row <= headerEnd) return;
      const header = matchHeader("matriz", row, sheet.rows[at + 1], this.defs);
      if (header && header.missing.length === 0) {
        columns = header.columns;
        this.#aliased = new Set(header.aliased);
        headerEnd = header.lastRow;
        return;
      }
      if (!columns) return; // titles above the header
      const cells = new RowCells(row, columns);
      cells.checkFormulas(this.reading);
      if (cells.hasAny(TABLE)) this.#readRow(cells);
    });
  }

  #readRow(cells: RowCells) {
    const row = cells.row.row;
    const activityText = cells.text("activity");
    const alternativeText = cells.text("alternative");
    const taskText = cells.text("task");
    if (differs(this.#activity, activityText)) {
      this.#activity = this.#activityOf(activityText, row);
      this.#alternative = undefined;
      this.#task = undefined;
    }
    if (differs(this.#alternative, alternativeText)) {
      const activity = this.#activity?.node;
      if (!activity) {
        this.reading.error(
          row,
          `La alternativa de mejora «${short(alternativeText)}» no tiene una actividad de gestión encima: escríbala en la columna «${this.#label("activity")}».`,
        );
        return;
      }
      this.#alternative = this.#alternativeOf(activity, alternativeText, row);
      this.#task = undefined;
    }
    let continuation = true;
    if (differs(this.#task, taskText)) {
      const alternative = this.#alternative?.node;
      if (!alternative) {
        this.reading.error(
          row,
          `La tarea «${short(taskText)}» no tiene una alternativa de mejora encima: escríbala en la columna «${this.#word("alternative")}».`,
        );
        this.#task = undefined;
        return;
      }
      const node = this.reading.node(3, `${alternative.key}/${textKey(taskText)}`, null, taskText, row);
      alternative.children.push(node);
      this.#task = { node, id: identity(taskText), raw: taskText };
      continuation = false;
    }
    const task = this.#task?.node;
    if (!task) {
      if (cells.hasAny(DETAILS))
        this.reading.error(
          row,
          `La fila tiene datos pero no hay una tarea a la que pertenezcan: escriba la tarea en la columna «${this.#word("task")}», o junte la fila con la de su tarea.`,
        );
      return;
    }
    const evidence = cells.text("evidence");
    if (evidence !== "") task.evidence = continuation ? appendText(task.evidence, evidence) : evidence;
    if (cells.columns.weight !== undefined && (!continuation || task.weight === undefined)) {
      const weight = readWeight(this.reading, cells);
      if (weight !== undefined) task.weight = weight;
    }
    addResponsables(task, cells.text("responsable"));
    if (cells.columns.when !== undefined) addRanges(this.reading, task, cells, this.#word("when"));
    else addPeriods(this.reading, task, cells);
  }

  #activityOf(text: string, row: number): Current {
    const id = identity(text);
    let node = this.#activities.get(id);
    if (!node) {
      node = this.reading.node(1, textKey(text), null, text, row);
      this.#activities.set(id, node);
      this.tree.push(node);
    }
    return { node, id, raw: text };
  }

  #alternativeOf(activity: ParsedNode, text: string, row: number): Current {
    const id = identity(text);
    let byId = this.#alternatives.get(activity);
    if (!byId) {
      byId = new Map();
      this.#alternatives.set(activity, byId);
    }
    let node = byId.get(id);
    if (!node) {
      node = this.reading.node(2, `${activity.key}/${textKey(text)}`, null, text, row);
      byId.set(id, node);
      activity.children.push(node);
    }
    return { node, id, raw: text };
  }

  /** The checks that need the whole plan, and the counts. */
  finish(): Record<string, number> {
    const counts = { activities: 0, alternatives: 0, tasks: 0, periods: 0 };
    for (const activity of this.tree) {
      counts.activities++;
      if (activity.children.length === 0)
        this.reading.errorAt(
          activity,
          `La actividad de gestión «${short(activity.text)}» no tiene alternativas de mejora ni tareas.`,
        );
      for (const alternative of activity.children) {
        counts.alternatives++;
        if (alternative.children.length === 0)
          this.reading.errorAt(
            alternative,
            `La alternativa de mejora «${short(alternative.text)}» no tiene tareas.`,
          );
        for (const task of alternative.children) {
          counts.tasks++;
          counts.periods += task.periods.length;
          if (task.responsables.length === 0)
            this.reading.errorAt(
              task,
              `La tarea «${short(task.text)}» no tiene responsable: escríbalo en la columna «${this.#word("responsable")}».`,
            );
          if (task.periods.length === 0)
            this.reading.errorAt(
              task,
              `La tarea «${short(task.text)}» no tiene fechas: escriba cuándo empieza y cuándo termina.`,
            );
        }
      }
    }
    return counts;
  }
}
