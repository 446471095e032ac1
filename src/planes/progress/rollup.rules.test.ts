import { describe, expect, it } from "vitest";
import type { PeriodLike } from "../plans/plans.rules.ts";
import type { TreeNode, TreeResponsable } from "../plans/tree.rules.ts";
import { periodKeyOf } from "./progress.types.ts";
import {
  BEHIND_TOLERANCE,
  type CountedReport,
  countedOf,
  expectedOfPeriod,
  rollUp,
  rollUpLeaves,
} from "./rollup.rules.ts";
import { DEFAULT_ZONES } from "./zones.rules.ts";

let sequence = 0;
function node(level: 1 | 2 | 3, children: TreeNode[] = [], extra: Partial<TreeNode> = {}): TreeNode {
  sequence++;
  return {
    id: `n${sequence}`,
    level,
    itemKey: `k${sequence}`,
    position: sequence,
    code: String(sequence),
    text: `Nodo ${sequence}`,
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
    children,
    ...extra,
  };
}

const to = (...dependenciaIds: string[]): TreeResponsable => ({
  written: dependenciaIds.join(", "),
  names: dependenciaIds,
  dependenciaIds,
  all: false,
});
const ALL: TreeResponsable = {
  written: "Todas",
  names: ["Todas las dependencias"],
  dependenciaIds: [],
  all: true,
};
const period = (
  startsOn: string | null,
  endsOn: string | null,
  written: string | null = null,
): PeriodLike => ({
  startsOn,
  endsOn,
  written,
});
const JANUARY = period("2026-01-01", "2026-01-10");

/** An activity of one dependencia in January, and its report of `percent`. */
function activity(dependenciaId: string, extra: Partial<TreeNode> = {}) {
  return node(3, [], { responsables: [to(dependenciaId)], periods: [JANUARY], ...extra });
}
const report = (leaf: TreeNode, dependenciaId: string, percent: number, p = JANUARY): CountedReport => ({
  itemId: leaf.id,
  dependenciaId,
  periodKey: periodKeyOf(p),
  percent,
});
const TODAY = "2026-02-15";

describe("the roll-up of validated reports", () => {
  it("weights children when every one has a weight, and averages plainly otherwise", () => {
    const a = activity("d1", { weight: 3 });
    const b = activity("d1", { weight: 1 });
    const c = activity("d1", { weight: 3 });
    const d = activity("d1");
    const weighted = node(2, [a, b]);
    const plain = node(2, [c, d]);
    const tree = [node(1, [weighted, plain])];
    const reports = [report(a, "d1", 100), report(b, "d1", 0), report(c, "d1", 100), report(d, "d1", 0)];
    const result = rollUp(tree, reports, TODAY, DEFAULT_ZONES);
    expect(result.byNode.get(weighted.id)?.progress).toBe(75);
    expect(result.byNode.get(plain.id)?.progress).toBe(50);
    expect(result.plan?.progress).toBe(62.5);
    expect(result.plan?.activities).toBe(4);
  });

  it("combines a shared activity's dependencias, one that has not reported counting 0", () => {
    const shared = node(3, [], { responsables: [to("d1"), to("d2")], periods: [JANUARY] });
    const result = rollUp([node(1, [shared])], [report(shared, "d1", 100)], TODAY, DEFAULT_ZONES);
    expect(result.byNode.get(shared.id)?.progress).toBe(50);
    expect(result.byNode.get(shared.id)?.zone).toBe("bajo");
  });

  it("averages those who reported for «todas las dependencias», and gives 0 when nobody did", () => {
    const forAll = node(3, [], { responsables: [ALL], periods: [JANUARY] });
    const nobody = node(3, [], { responsables: [ALL], periods: [JANUARY] });
    const reports = [report(forAll, "d1", 80), report(forAll, "d2", 40)];
    const result = rollUp([node(1, [forAll, nobody])], reports, TODAY, DEFAULT_ZONES);
    expect(result.byNode.get(forAll.id)?.progress).toBe(60);
    expect(result.byNode.get(nobody.id)?.progress).toBe(0);
  });

  it("averages an activity's periods, matching reports by the period's key", () => {
    const april = period("2026-04-01", "2026-04-30");
    const leaf = activity("d1", { periods: [JANUARY, april] });
    const result = rollUp([node(1, [leaf])], [report(leaf, "d1", 100)], TODAY, DEFAULT_ZONES);
    expect(result.byNode.get(leaf.id)?.progress).toBe(50);
    // January is over (100 % expected), April has not begun (0 %).
    expect(result.byNode.get(leaf.id)?.expected).toBe(50);
  });

  it("counts only validated reports with a percentage", () => {
    const base = { itemId: "i", dependenciaId: "d", periodKey: "k" };
    expect(
      countedOf([
        { ...base, status: "validado", percent: 70 },
        { ...base, status: "enviado", percent: 90 },
        { ...base, status: "devuelto", percent: 10 },
        { ...base, status: "validado", percent: null },
      ]),
    ).toEqual([{ ...base, percent: 70 }]);
  });

  it("leaves out a level without activities, such as a component that only points elsewhere", () => {
    const leaf = activity("d1");
    const noteOnly = node(1, [], { note: "Ver la estrategia de racionalización de trámites" });
    const result = rollUp([node(1, [leaf]), noteOnly], [report(leaf, "d1", 100)], TODAY, DEFAULT_ZONES);
    expect(result.byNode.has(noteOnly.id)).toBe(false);
    expect(result.plan?.progress).toBe(100);
    expect(rollUp([noteOnly], [], TODAY, DEFAULT_ZONES).plan).toBeNull();
  });
});

describe("the progress expected by today", () => {
  it("is the share of the period's days elapsed: 0 before, 100 from its last day", () => {
    expect(expectedOfPeriod(JANUARY, "2025-12-31")).toBe(0);
    expect(expectedOfPeriod(JANUARY, "2026-01-05")).toBe(50);
    expect(expectedOfPeriod(JANUARY, "2026-01-10")).toBe(100);
    expect(expectedOfPeriod(JANUARY, "2026-03-01")).toBe(100);
    expect(expectedOfPeriod(period(null, null, "31/04/2026"), "2026-05-01")).toBeNull();
  });

  it("leaves periods without readable dates out of the expectation", () => {
    const leaf = activity("d1", { periods: [JANUARY, period(null, null, "segundo semestre")] });
    const undated = activity("d1", { periods: [period(null, null, "cuando se pueda")] });
    const result = rollUp([node(1, [leaf, undated])], [], "2026-01-05", DEFAULT_ZONES);
    expect(result.byNode.get(leaf.id)?.expected).toBe(50);
    expect(result.byNode.get(undated.id)?.expected).toBeNull();
    expect(result.plan?.expected).toBe(50);
  });

  it(`marks behind schedule only more than ${BEHIND_TOLERANCE} points below the expected, on every level`, () => {
    const late = activity("d1");
    const onTheEdge = activity("d1");
    const done = activity("d1");
    const component = node(1, [node(2, [late, onTheEdge, done])]);
    const reports = [
      report(late, "d1", 100 - BEHIND_TOLERANCE - 1),
      report(onTheEdge, "d1", 100 - BEHIND_TOLERANCE),
      report(done, "d1", 100),
    ];
    const result = rollUp([component], reports, TODAY, DEFAULT_ZONES);
    expect(result.byNode.get(late.id)?.behind).toBe(true);
    expect(result.byNode.get(onTheEdge.id)?.behind).toBe(false);
    expect(result.byNode.get(component.id)?.behind).toBe(false);
    const nothing = rollUp([component], [], TODAY, DEFAULT_ZONES);
    expect(nothing.byNode.get(component.id)).toMatchObject({ progress: 0, expected: 100, behind: true });
    expect(nothing.plan?.behind).toBe(true);
    // Before any period starts nothing is expected, so nothing is behind.
    expect(rollUp([component], [], "2025-12-01", DEFAULT_ZONES).plan?.behind).toBe(false);
  });
});

describe("the roll-up from a value per activity", () => {
  it("rolls OCI's verified percentages up like reports, an activity without a value counting 0", () => {
    const a = activity("d1");
    const b = activity("d1");
    const c = activity("d1");
    const tree = [node(1, [node(2, [a, b])]), node(1, [c])];
    const values = new Map([
      [a.id, 90],
      [b.id, 70],
    ]);
    const result = rollUpLeaves(
      tree,
      (leaf) => {
        const value = values.get(leaf.id);
        return value === undefined ? undefined : { progress: value, expected: null };
      },
      DEFAULT_ZONES,
    );
    expect(result.byNode.get(a.id)?.zone).toBe("alto");
    expect(result.byNode.get(tree[0]?.id ?? "")).toMatchObject({ progress: 80, zone: "alto", behind: false });
    expect(result.byNode.get(c.id)?.progress).toBe(0);
    expect(result.plan).toMatchObject({ progress: 40, expected: null, zone: "bajo", activities: 3 });
  });

  it("uses the type's zones, compared as whole percentages", () => {
    const leaf = activity("d1");
    const zones = { lowMax: 49, midMax: 69 };
    const at = (progress: number) =>
      rollUpLeaves([node(1, [leaf])], () => ({ progress, expected: null }), zones).plan?.zone;
    expect([at(49.4), at(49.5), at(69), at(70), at(120)]).toEqual(["bajo", "medio", "medio", "alto", "alto"]);
  });
});
