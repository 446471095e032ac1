import { describe, expect, it } from "vitest";
import type { Role } from "../../shared/auth/roles.ts";
import {
  approvalProblem,
  approverRoles,
  type Classification,
  canReadContent,
  type Move,
  type RequestState,
  requestCode,
  stateAfterEdit,
  targetOf,
} from "./requests.rules.ts";

describe("transitions", () => {
  it.each([
    ["take", "nuevo", "en_revision"],
    ["take", "en_revision", undefined],
    ["return", "en_revision", "devuelto"],
    ["return", "nuevo", undefined],
    ["reject", "en_revision", "rechazado"],
    ["approve", "en_revision", "aprobado"],
    ["approve", "nuevo", undefined],
    ["approve", "devuelto", undefined],
    ["resubmit", "devuelto", "en_revision"],
    ["resubmit", "rechazado", undefined],
    ["schedule", "aprobado", "programado"],
    ["schedule", "en_revision", undefined],
    ["unschedule", "programado", "aprobado"],
    ["unschedule", "enviando", undefined],
  ] as [Move, RequestState, RequestState | undefined][])("%s from %s leads to %s", (move, from, to) => {
    expect(targetOf(move, from)).toBe(to);
  });

  it.each([
    ["aprobado", "en_revision"],
    ["programado", "en_revision"],
    ["nuevo", "nuevo"],
    ["devuelto", "devuelto"],
  ] as [RequestState, RequestState][])("a content edit in %s leaves it %s", (from, to) => {
    expect(stateAfterEdit(from)).toBe(to);
  });
});

describe("approval by class", () => {
  const base = { state: "en_revision" as const, requestedBy: "req", reviewerId: "ocs", consulted: false };
  it.each([
    ["general", ["comunicaciones"], true, "", false],
    ["general", ["despacho"], false, "", false],
    ["sensible", ["comunicaciones"], true, "", false],
    ["convenio", ["comunicaciones"], false, "consultarse", false],
    ["convenio", ["comunicaciones"], true, "", true],
    ["publicitario", ["despacho"], true, "", true],
    ["otra_entidad", ["despacho"], false, "consultarse", false],
    ["otra_entidad", ["enlace"], false, "Comunicaciones", true],
  ] as [Classification, Role[], boolean, string, boolean][])(
    "%s by %j: allowed %s",
    (classification, roles, allowed, message, consulted) => {
      const problem = approvalProblem({ ...base, classification, consulted }, { id: "ocs", roles });
      if (allowed) expect(problem).toBeUndefined();
      else expect(problem).toContain(message);
    },
  );

  it("never lets the requester approve, whatever roles they hold", () => {
    const problem = approvalProblem(
      { ...base, classification: "general", reviewerId: "req" },
      { id: "req", roles: ["comunicaciones", "despacho"] },
    );
    expect(problem).toContain("no puede aprobarla");
  });

  it("lets only the reviewer approve a sensitive notice", () => {
    const facts = { ...base, classification: "sensible" as const };
    expect(approvalProblem(facts, { id: "other", roles: ["comunicaciones"] })).toContain(
      "solo quien lo tomó",
    );
  });

  it("names Despacho as approver only of the classes that need a consultation", () => {
    expect(approverRoles("general")).toEqual(["comunicaciones"]);
    expect(approverRoles("convenio")).toEqual(["comunicaciones", "despacho"]);
  });
});

describe("canReadContent", () => {
  const sensitive = {
    classification: "sensible" as const,
    requestedBy: "req",
    reviewerId: "rev",
    approvedBy: "app",
    audiencePersonId: "to",
  };
  it.each([
    ["req", true],
    ["rev", true],
    ["app", true],
    ["to", true],
    ["other", false],
  ])("a sensitive notice is readable by %s: %s", (user, expected) => {
    expect(canReadContent(sensitive, user)).toBe(expected);
  });

  it("leaves every other class readable", () => {
    expect(canReadContent({ ...sensitive, classification: "general" }, "other")).toBe(true);
  });
});

describe("request codes", () => {
  it("take the year of the Bogotá day it was filed, not the UTC one", () => {
    expect(requestCode(7, new Date("2027-01-01T01:30:00Z"))).toBe("COM-2026-0007");
    expect(requestCode(12, new Date("2027-01-01T05:00:00Z"))).toBe("COM-2027-0012");
  });
});
