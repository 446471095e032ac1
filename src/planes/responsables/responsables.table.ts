// What planeación said once about a responsable written in a file: it is these dependencias, all of them,
// or a team inside one. Every later import uses it (docs/DOMAIN.md, «Planes»).
import { index, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { dependencias } from "../../core/dependencias/dependencias.table.ts";
import { people } from "../../core/people/people.table.ts";

export type AliasKind = "dependencias" | "todas" | "equipo";

export const planAliases = pgTable("plan_aliases", {
  id: uuid("id").primaryKey().defaultRandom(),
  /** normalizeResponsable(written): how it is looked up. */
  normalized: text("normalized").notNull().unique(),
  /** As first written in a file. */
  written: text("written").notNull(),
  kind: text("kind").$type<AliasKind>().notNull(),
  /** The team's name when kind is "equipo" (its one dependencia is in plan_alias_targets). */
  team: text("team"),
  createdBy: uuid("created_by").references(() => people.id),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
});

export const planAliasTargets = pgTable(
  "plan_alias_targets",
  {
    aliasId: uuid("alias_id")
      .notNull()
      .references(() => planAliases.id, { onDelete: "cascade" }),
    dependenciaId: uuid("dependencia_id")
      .notNull()
      .references(() => dependencias.id),
  },
  (t) => [
    primaryKey({ columns: [t.aliasId, t.dependenciaId] }),
    index("plan_alias_targets_dep_idx").on(t.dependenciaId),
  ],
);

export type PlanAlias = typeof planAliases.$inferSelect;
