import { describe, expect, it } from "vitest";
import {
  approvalDateProblem,
  availableActions,
  dueFlags,
  formatPeriod,
  isImpossible,
  type PlanAction,
  periodInMonth,
  periodSpan,
  refusal,
  slugFor,
} from "./plans.rules.ts";
import type { PlanStatus } from "./plans.types.ts";

const STATUSES: PlanStatus[] = ["borrador", "aprobado", "publicado", "cerrado"];

describe("the plan state machine", () => {
  const allowed: Record<PlanAction, PlanStatus[]> = {
    approve: ["borrador"],
    publish: ["aprobado"],
    newVersion: ["aprobado", "publicado"],
    close: ["publicado"],
  };
  for (const [action, from] of Object.entries(allowed) as [PlanAction, PlanStatus[]][])
    for (const status of STATUSES)
      it(`${from.includes(status) ? "allows" : "refuses"} ${action} from ${status}`, () => {
        const why = refusal(action, status);
        if (from.includes(status)) expect(why).toBeUndefined();
        else expect(why).toMatch(/^[A-ZÉÚ].*\.$/);
      });

  it("says in plain Spanish why a borrador cannot be published and a published plan cannot be approved", () => {
    expect(refusal("publish", "borrador")).toBe(
      "Un plan en borrador no se puede publicar: primero debe aprobarlo el comité.",
    );
    expect(refusal("approve", "publicado")).toBe(
      "Este plan ya está publicado: para cambiarlo cree una nueva versión.",
    );
    expect(refusal("newVersion", "cerrado")).toBe("Este plan está cerrado: ya no admite cambios.");
  });

  it("offers the actions of each status in order", () => {
    expect(availableActions("borrador")).toEqual(["approve"]);
    expect(availableActions("aprobado")).toEqual(["publish", "newVersion"]);
    expect(availableActions("publicado")).toEqual(["newVersion", "close"]);
    expect(availableActions("cerrado")).toEqual([]);
  });
});

describe("the approval date", () => {
  it("accepts today and earlier days, refuses the future and days that do not exist", () => {
    expect(approvalDateProblem("2026-02-02", "2026-02-02")).toBeUndefined();
    expect(approvalDateProblem("2025-12-30", "2026-02-02")).toBeUndefined();
    expect(approvalDateProblem("2026-02-03", "2026-02-02")).toBe(
      "La fecha del acta no puede ser posterior a hoy.",
    );
    expect(approvalDateProblem("2022-04-31", "2026-02-02")).toMatch(/Escriba la fecha/);
    expect(approvalDateProblem("", "2026-02-02")).toMatch(/Escriba la fecha/);
  });
});

describe("the public address", () => {
  it("is the type and year, then -2, -3 when taken", () => {
    expect(slugFor("paac", 2022, new Set())).toBe("paac-2022");
    expect(slugFor("paac", 2022, new Set(["paac-2022"]))).toBe("paac-2022-2");
    expect(slugFor("paac", 2022, new Set(["paac-2022", "paac-2022-2"]))).toBe("paac-2022-3");
  });
});

describe("periods", () => {
  const p = (startsOn: string | null, endsOn: string | null, written: string | null = null) => ({
    startsOn,
    endsOn,
    written,
  });

  it("read as dd/mm/yyyy, and as written when a date was impossible", () => {
    expect(formatPeriod(p("2022-01-13", "2022-01-31"))).toBe("13/01/2022 – 31/01/2022");
    expect(formatPeriod(p("2022-01-13", "2022-01-13"))).toBe("13/01/2022");
    const impossible = p("2022-04-01", null, "01/04/2022 - 31/04/2022");
    expect(formatPeriod(impossible)).toBe("01/04/2022 - 31/04/2022");
    expect(isImpossible(impossible)).toBe(true);
    expect(isImpossible(p("2022-01-13", "2022-01-31"))).toBe(false);
  });

  it("touch the months between their start and end", () => {
    expect(periodInMonth(p("2026-02-01", "2026-03-31"), "2026-03")).toBe(true);
    expect(periodInMonth(p("2026-02-01", "2026-03-31"), "2026-04")).toBe(false);
    expect(periodInMonth(p("2026-04-01", null, "31/04"), "2026-04")).toBe(true);
    expect(periodInMonth(p(null, null, "sin fecha"), "2026-04")).toBe(false);
  });

  it("fall on the year's twelve months, clipped to the plan's year", () => {
    expect(periodSpan(p("2026-01-01", "2026-12-31"), 2026)).toEqual({ from: 0, to: 12 });
    expect(periodSpan(p("2026-02-01", "2026-02-28"), 2026)).toEqual({ from: 1, to: 2 });
    expect(periodSpan(p("2025-11-01", "2026-01-31"), 2026)).toEqual({ from: 0, to: 1 });
    expect(periodSpan(p("2027-01-01", "2027-02-01"), 2026)).toBeUndefined();
    expect(periodSpan(p("2026-03-31", "2026-03-01"), 2026)).toBeUndefined();
  });
});

describe("when an activity falls due", () => {
  const today = "2026-02-02";
  const ends = (...dates: (string | null)[]) =>
    dates.map((endsOn) => ({ startsOn: "2026-01-01", endsOn, written: null }));

  it("falls due this month when a period ends later this month", () => {
    expect(dueFlags(ends("2026-02-28", "2026-07-31"), today)).toEqual({
      dueThisMonth: true,
      overdue: false,
      dueOn: "2026-02-28",
    });
  });

  it("is overdue when every period ended before today, sorted by its last end", () => {
    expect(dueFlags(ends("2026-01-31", "2026-02-01"), today)).toEqual({
      dueThisMonth: false,
      overdue: true,
      dueOn: "2026-02-01",
    });
  });

  it("is neither when it ends in a later month, and has no date when no end can be read", () => {
    expect(dueFlags(ends("2026-01-31", "2026-03-31"), today)).toEqual({
      dueThisMonth: false,
      overdue: false,
      dueOn: "2026-03-31",
    });
    expect(dueFlags(ends(null), today)).toEqual({ dueThisMonth: false, overdue: false, dueOn: null });
  });
});
