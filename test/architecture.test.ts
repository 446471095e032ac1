// The house rules of docs/ARCHITECTURE.md checked over the import graph, so CI fails when an import runs the
// wrong way or a file grows past the size limit. No allowlist: a new exception means changing the rules here,
// in review, with docs/ARCHITECTURE.md.
import { describe, expect, it } from "vitest";
import { checkArchitecture, describeViolation, kindOf, MAX_LINES } from "./architecture.ts";
import { parseSource, readSources } from "./imports.ts";

/** Broken rules in a made-up tree of { path: source }, sorted. */
function violationsIn(files: Record<string, string>) {
  return checkArchitecture(Object.entries(files).map(([file, text]) => parseSource(file, text)))
    .map(describeViolation)
    .sort();
}

describe("the source tree", () => {
  const sources = readSources(["src", "test", "e2e", "bench"]);

  it("reads every import of the tree (a sanity check of the parser)", () => {
    expect(sources.length).toBeGreaterThan(200);
    const app = sources.find((s) => s.file === "src/app.tsx");
    expect(app?.imports.map((i) => i.target)).toContain("src/core/people/people.routes.tsx");
  });

  it("keeps every house rule of docs/ARCHITECTURE.md", () => {
    expect(checkArchitecture(sources).map(describeViolation)).toEqual([]);
  });
});

describe("the rules fail on a bad import, naming the file, the import and the rule", () => {
  it("(1) refuses a core module that imports an area, the demo or a composition root", () => {
    const found = violationsIn({
      "src/core/home/home.service.ts": `import { findLatestCard } from "../../carnetizacion/cards/cards.service.ts";
        import type { Plan } from "../../planes/plans/plans.rules.ts";
        import { loadDemo } from "../../demo/demo.service.ts";
        import { createApp } from "../../app.tsx";`,
    });
    expect(found).toEqual([
      expect.stringContaining(
        'src/core/home/home.service.ts imports "../../app.tsx": breaks «core imports no area»',
      ),
      expect.stringContaining('"../../carnetizacion/cards/cards.service.ts": breaks «core imports no area»'),
      expect.stringContaining('"../../demo/demo.service.ts": breaks «core imports no area»'),
      expect.stringContaining('"../../planes/plans/plans.rules.ts": breaks «core imports no area»'),
    ]);
  });

  it("(2) refuses an area that imports another area, even for a type", () => {
    const found = violationsIn({
      "src/comunicaciones/requests/requests.service.ts": `import type { Card } from "../../carnetizacion/cards/cards.table.ts";`,
      "src/carnetizacion/cards/cards.service.ts": `import { findPerson } from "../../core/people/people.service.ts";
        import { findCard } from "./cards.repository.ts";`,
    });
    expect(found).toEqual([expect.stringContaining("breaks «an area imports no other area»")]);
    expect(found[0]).toContain("src/comunicaciones/requests/requests.service.ts");
  });

  it("(3) refuses imports against routes → service → repository → table", () => {
    const found = violationsIn({
      "src/core/mail/mail.repository.ts": `import { sendMail } from "./mail.service.ts";`,
      "src/core/mail/mail.table.ts": `import { findOutbox } from "./mail.repository.ts";`,
      "src/core/mail/mail.service.ts": `import { Hono } from "hono"; import { mailRoutes } from "./mail.routes.tsx";`,
      "src/core/mail/mail.routes.tsx": `import { findOutbox } from "./mail.repository.ts";`,
      "src/core/mail/mail.rules.ts": `import { sendMail } from "./mail.service.ts";`,
      "src/core/mail/mail.render.tsx": `export const X = () => <p />;`,
    });
    expect(found).toEqual([
      expect.stringContaining("mail.render.tsx: breaks «services never import hono»"),
      expect.stringContaining(
        'mail.repository.ts imports "./mail.service.ts": breaks «a repository never imports a service»',
      ),
      expect.stringContaining(
        'mail.routes.tsx imports "./mail.repository.ts": breaks «routes go through the service»',
      ),
      expect.stringContaining(
        'mail.rules.ts imports "./mail.service.ts": breaks «rules, schemas and types stay pure»',
      ),
      expect.stringContaining('mail.service.ts imports "./mail.routes.tsx": breaks «nothing imports routes»'),
      expect.stringContaining('mail.service.ts imports "hono": breaks «services never import hono»'),
      expect.stringContaining(
        'mail.table.ts imports "./mail.repository.ts": breaks «a table imports only tables and rules»',
      ),
    ]);
  });

  it("(4) refuses a view that reaches the database", () => {
    const found = violationsIn({
      "src/core/mail/mail.views.tsx": `import type { OutboxRow } from "./mail.repository.ts";
        import { outbox } from "./mail.table.ts";
        import type { Db } from "../../db/client.ts";
        import { eq } from "drizzle-orm";
        import type { Outbox } from "./mail.table.ts";`,
    });
    expect(found).toHaveLength(4);
    for (const line of found) expect(line).toContain("breaks «views never touch the database»");
  });

  it("(5) lets a module reach another only through its service, rules, schemas, types and views", () => {
    const found = violationsIn({
      "src/core/profile/profile.service.ts": `import { updatePerson } from "../people/people.repository.ts";
        import { people } from "../people/people.table.ts";
        import type { Person } from "../people/people.table.ts";
        import { findPersonById } from "../people/people.service.ts";
        import { DOCUMENT_TYPES } from "../people/people.rules.ts";`,
      "src/core/audit/audit.repository.ts": `import { people } from "../people/people.table.ts";`,
    });
    expect(found).toEqual([
      expect.stringContaining(
        '"../people/people.repository.ts": breaks «a module imports another module\'s public files only»',
      ),
      expect.stringContaining(
        '"../people/people.table.ts": breaks «a module imports another module\'s public files only»',
      ),
    ]);
  });

  it("(6) refuses src/shared or src/config.ts importing a module", () => {
    const found = violationsIn({
      "src/shared/views/Layout.tsx": `import { findPersonById } from "../../core/people/people.service.ts";`,
      "src/config.ts": `import { CARD_STATES } from "./carnetizacion/cards/cards.rules.ts";
        import { logger } from "./shared/logger.ts";`,
      "src/shared/audit.ts": `import type { Db } from "../db/client.ts";`,
    });
    expect(found).toEqual([
      expect.stringContaining("src/config.ts imports"),
      expect.stringContaining("src/shared/views/Layout.tsx imports"),
    ]);
    for (const line of found) expect(line).toContain("breaks «shared and config import no module»");
  });

  it(`refuses a file over ${MAX_LINES} lines, tests included`, () => {
    const long = "export const x = 1;\n".repeat(MAX_LINES + 1);
    expect(violationsIn({ "test/long.test.ts": long, "e2e/ok.test.ts": "const y = 2;\n" })).toEqual([
      expect.stringContaining(
        `test/long.test.ts: breaks «no file over ${MAX_LINES} lines» (${MAX_LINES + 1} lines`,
      ),
    ]);
  });

  it("lets tests compose modules freely (they stand in for the composition root)", () => {
    expect(
      violationsIn({
        "src/core/audit/audit.routes.test.ts": `import { cards } from "../../carnetizacion/cards/cards.table.ts";`,
      }),
    ).toEqual([]);
  });

  it("reads the kind of a file from the last part of its name", () => {
    expect(kindOf("src/core/people/people.edit.routes.tsx")).toBe("routes");
    expect(kindOf("src/carnetizacion/cards/cards.confirm.views.tsx")).toBe("views");
    expect(kindOf("src/carnetizacion/campaigns/lists.effects.ts")).toBe("topic");
  });
});
