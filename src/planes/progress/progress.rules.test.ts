import { describe, expect, it } from "vitest";
import { inboxSectionOf, lockingCut, percentFromQuantity } from "./progress.rules.ts";

const april = { startsOn: "2026-04-01", endsOn: "2026-04-30", written: null };

describe("a period in the responsable's inbox", () => {
  it("is returned, up to date, closed, overdue, upcoming or under way, in that order of precedence", () => {
    expect(inboxSectionOf(april, "devuelto", "2026-06-01", "2026-04-30")).toBe("devuelta");
    expect(inboxSectionOf(april, "validado", "2026-06-01", "2026-04-30")).toBe("al_dia");
    expect(inboxSectionOf(april, "enviado", "2026-03-01")).toBe("al_dia");
    expect(inboxSectionOf(april, undefined, "2026-06-01", "2026-04-30")).toBe("cerrada");
    expect(inboxSectionOf(april, "borrador", "2026-06-01", "2026-04-30")).toBe("cerrada");
    expect(inboxSectionOf(april, undefined, "2026-05-01")).toBe("vencida");
    expect(inboxSectionOf(april, undefined, "2026-03-31")).toBe("proxima");
    expect(inboxSectionOf(april, undefined, "2026-04-30")).toBe("por_reportar");
    expect(
      inboxSectionOf({ startsOn: null, endsOn: null, written: "Permanente" }, undefined, "2026-06-01"),
    ).toBe("por_reportar");
  });

  it("is closed by a follow-up cut on or after its end, never by an earlier one", () => {
    expect(lockingCut("2026-04-30", "2026-04-30")).toBe("2026-04-30");
    expect(lockingCut("2026-04-30", "2026-08-31")).toBe("2026-08-31");
    expect(lockingCut("2026-05-31", "2026-04-30")).toBeUndefined();
    expect(lockingCut(null, "2026-04-30")).toBeUndefined();
    expect(lockingCut("2026-04-30", null)).toBeUndefined();
  });
});

describe("a quantity against the meta", () => {
  it("is a percentage capped at 100, flagged when above the meta", () => {
    expect(percentFromQuantity(3, 4)).toEqual({ percent: 75, overMeta: false });
    expect(percentFromQuantity(1, 3)).toEqual({ percent: 33.33, overMeta: false });
    expect(percentFromQuantity(5, 4)).toEqual({ percent: 100, overMeta: true });
  });
});
