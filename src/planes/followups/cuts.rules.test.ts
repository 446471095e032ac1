// The follow-up calendar against Colombia's real 2026 calendar (Ley 51 de 1983, «Ley Emiliani»), and the
// pure rules of opening, warning and scoring a follow-up.
import { describe, expect, it } from "vitest";
import type { TreeNode } from "../plans/tree.rules.ts";
import {
  businessDaysUntil,
  calendarProblem,
  cutPeriod,
  cutPeriodLabel,
  cutsOfYear,
  isBusinessDay,
  publicationDueOn,
} from "./cuts.rules.ts";
import {
  buildFollowupReport,
  cutState,
  deadlineNear,
  deadlineWarning,
  openProblem,
  reportedAtCut,
  scheduledUpTo,
  unverified,
} from "./followups.rules.ts";

const PAAC = ["04-30", "08-31", "12-31"];
const QUARTERS = ["03-31", "06-30", "09-30", "12-31"];

describe("the publication deadline: tenth business day of the month after the cut", () => {
  it.each([
    ["2026-04-30", "2026-05-15", "1 May (Día del Trabajo) is a holiday"],
    ["2026-08-31", "2026-09-14", "no holiday in September"],
    ["2026-12-31", "2027-01-18", "1 January and Reyes Magos moved to Monday 11 January 2027"],
    ["2026-03-31", "2026-04-16", "Holy Thursday and Good Friday, 2 and 3 April"],
    ["2026-06-30", "2026-07-14", "none in July before the 20th; San Pedro was moved to 29 June"],
  ])("cut %s is due on %s (%s)", (cut, due) => {
    expect(publicationDueOn(cut)).toBe(due);
  });

  it("knows the Ley Emiliani Mondays and the fixed holidays", () => {
    for (const monday of ["2026-01-12", "2026-03-23", "2026-08-17", "2026-06-29", "2027-01-11"])
      expect(isBusinessDay(monday), monday).toBe(false);
    expect(isBusinessDay("2026-05-01")).toBe(false);
    expect(isBusinessDay("2026-07-20")).toBe(false);
    expect(isBusinessDay("2026-05-16")).toBe(false); // a Saturday
    expect(isBusinessDay("2026-05-15")).toBe(true);
    expect(isBusinessDay("2026-01-13")).toBe(true);
  });

  it("counts the business days left, and since, skipping weekends and holidays", () => {
    expect(businessDaysUntil("2026-05-15", "2026-05-15")).toBe(0);
    expect(businessDaysUntil("2026-05-12", "2026-05-15")).toBe(3);
    // Friday 8 → Friday 15 May: 11–15 (Monday 18 May is Ascensión, not in range).
    expect(businessDaysUntil("2026-05-08", "2026-05-15")).toBe(5);
    // After it: Monday 18 May (Ascensión, moved to Monday) does not count, Tuesday 19 does.
    expect(businessDaysUntil("2026-05-19", "2026-05-15")).toBe(-1);
  });
});

describe("cuts of a year and their periods", () => {
  it("lists the type's cuts in order and labels each period", () => {
    expect(cutsOfYear(2026, ["12-31", "04-30", "08-31"])).toEqual(["2026-04-30", "2026-08-31", "2026-12-31"]);
    expect(cutPeriod("2026-08-31", PAAC)).toEqual({ from: "2026-05-01", to: "2026-08-31" });
    expect(cutPeriodLabel("2026-04-30", PAAC)).toBe("Enero a abril de 2026");
    expect(cutPeriodLabel("2026-08-31", PAAC)).toBe("Mayo a agosto de 2026");
    expect(cutPeriodLabel("2026-12-31", PAAC)).toBe("Septiembre a diciembre de 2026");
    expect(cutPeriodLabel("2026-06-30", QUARTERS)).toBe("Abril a junio de 2026");
    expect(cutPeriodLabel("2026-01-31", ["01-31"])).toBe("Enero de 2026");
  });

  it("explains a calendar an administrator mistyped", () => {
    expect(calendarProblem(PAAC)).toBeUndefined();
    expect(calendarProblem([])).toMatch(/al menos una/);
    expect(calendarProblem(["02-30"])).toMatch(/«02-30» no es una fecha de corte válida/);
    expect(calendarProblem(["4-30"])).toMatch(/mes-día/);
    expect(calendarProblem(["04-30", "04-30"])).toMatch(/repetidas/);
  });
});

describe("opening a follow-up and its deadline warnings", () => {
  const base = { year: 2026, calendar: PAAC, approved: true, taken: false };
  it("refuses before the cut, twice, off the calendar, or on a plan never approved", () => {
    expect(openProblem({ ...base, cutOn: "2026-04-30", today: "2026-04-30" })).toBeUndefined();
    expect(openProblem({ ...base, cutOn: "2026-08-31", today: "2026-05-02" })).toBe(
      "El corte es el 31 de agosto de 2026; podrá abrir el seguimiento desde ese día.",
    );
    expect(openProblem({ ...base, cutOn: "2026-04-30", today: "2026-05-02", taken: true })).toMatch(
      /^Ya existe un seguimiento del corte del 30 de abril de 2026/,
    );
    expect(openProblem({ ...base, cutOn: "2026-05-31", today: "2026-06-02" })).toMatch(/no es un corte/);
    expect(openProblem({ ...base, cutOn: "2026-04-30", today: "2026-05-02", approved: false })).toMatch(
      /nunca ha sido aprobado/,
    );
  });

  it("gives each cut its state", () => {
    expect(cutState("2026-04-30", "2026-04-29")).toBe("pendiente");
    expect(cutState("2026-04-30", "2026-04-30")).toBe("disponible");
    expect(cutState("2026-04-30", "2026-05-02", { status: "cerrado" })).toBe("cerrado");
  });

  it("warns within three business days of the due date and after it, never once published", () => {
    expect(deadlineNear("2026-05-15", "2026-05-11")).toBe(false);
    expect(deadlineNear("2026-05-15", "2026-05-12")).toBe(true);
    expect(deadlineWarning("2026-05-15", "2026-05-12", "abierto")?.text).toBe(
      "Vence el 15 de mayo de 2026: quedan 3 días hábiles para publicar el informe.",
    );
    expect(deadlineWarning("2026-05-15", "2026-05-19", "cerrado")).toEqual({
      overdue: true,
      text: "Venció el 15 de mayo de 2026: publique el informe cuanto antes.",
    });
    expect(deadlineWarning("2026-05-15", "2026-05-19", "publicado")).toBeUndefined();
  });
});

const node = (values: Partial<TreeNode> & Pick<TreeNode, "id" | "level">): TreeNode => ({
  itemKey: values.id,
  position: 0,
  code: null,
  text: values.id,
  product: null,
  meta: null,
  metaQuantity: null,
  metaUnit: null,
  evidence: null,
  note: null,
  weight: null,
  sourceRow: null,
  responsables: [],
  periods: [],
  children: [],
  ...values,
});

describe("what a cut covers and how it scores", () => {
  const period = (startsOn: string | null, endsOn: string | null) => ({ startsOn, endsOn, written: null });
  const dep = { written: "OPGI", names: ["OPGI"], dependenciaIds: ["d1"], all: false };
  const early = node({
    id: "a1",
    level: 3,
    code: "1.1",
    periods: [period("2026-01-13", "2026-01-31")],
    responsables: [dep],
  });
  const twice = node({
    id: "a2",
    level: 3,
    code: "1.2",
    periods: [period("2026-02-01", "2026-02-28"), period("2026-06-01", "2026-06-30")],
    responsables: [dep],
  });
  const late = node({ id: "a3", level: 3, code: "3.1", periods: [period("2026-07-01", "2026-12-31")] });
  const tree = [
    node({
      id: "c1",
      level: 1,
      code: "1",
      text: "Componente 1: Riesgos",
      children: [node({ id: "s1", level: 2, code: "1", text: "Política", children: [early, twice] })],
    }),
    node({ id: "c3", level: 1, code: "3", text: "Componente 3: Rendición", children: [late] }),
  ];

  it("keeps the activities with a period starting by the cut", () => {
    const scheduled = scheduledUpTo(tree, "2026-04-30");
    expect(scheduled.map((n) => n.id)).toEqual(["c1"]);
    expect(unverified(scheduled, new Set(["a1"])).map((l) => l.code)).toEqual(["1.2"]);
  });

  it("takes what was reported from the periods started by the cut only", () => {
    const validated = [
      { itemId: "a2", dependenciaId: "d1", periodKey: "2026-02-01/2026-02-28", percent: 80 },
    ];
    expect(reportedAtCut(twice, validated, "2026-04-30")).toBe(80);
    expect(reportedAtCut(twice, validated, "2026-08-31")).toBe(40);
    expect(reportedAtCut(early, validated, "2026-04-30")).toBeNull();
  });

  it("scores components and the plan from the verified percentages, with zones", () => {
    const scheduled = scheduledUpTo(tree, "2026-08-31");
    const verifications = new Map(
      [
        ["a1", 100],
        ["a2", 50],
        ["a3", 55],
      ].map(([itemId, p]) => [
        itemId as string,
        { itemId: itemId as string, verifiedPercent: p as number, realized: "Hecho", observations: null },
      ]),
    );
    const report = buildFollowupReport({
      entity: "Alcaldía",
      plan: { id: "p", slug: "paac-2026", title: "PAAC 2026", year: 2026, typeName: "PAAC" },
      levelNames: ["Componente", "Subcomponente", "Actividad"],
      cutOn: "2026-08-31",
      calendar: PAAC,
      followupOn: "2026-09-03",
      zones: { lowMax: 59, midMax: 79 },
      scheduled,
      verifications,
      reported: new Map([["a1", 90]]),
      evidence: [],
    });
    expect(report.periodLabel).toBe("Mayo a agosto de 2026");
    expect(report.components.map((c) => [c.name, c.score, c.zone])).toEqual([
      ["Componente 1: Riesgos", 75, "medio"],
      ["Componente 3: Rendición", 55, "bajo"],
    ]);
    expect(report.score).toBe(65);
    expect(report.zone).toBe("medio");
    const [first] = report.components[0]?.rows ?? [];
    expect(first).toMatchObject({
      subcomponent: "Subcomponente 1. Política",
      percent: 100,
      reported: 90,
      zone: "alto",
    });
  });
});
