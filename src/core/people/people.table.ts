import { date, index, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { dependencias } from "../dependencias/dependencias.table.ts";

export const people = pgTable(
  "people",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    documentType: text("document_type", { enum: ["CC", "CE", "PPT", "PA"] }).notNull(),
    // Login is by number alone, so numbers are unique across document types.
    documentNumber: text("document_number").notNull().unique(),
    firstNames: text("first_names").notNull(),
    lastNames: text("last_names").notNull(),
    email: text("email"),
    dependenciaId: uuid("dependencia_id").references(() => dependencias.id),
    status: text("status", { enum: ["activo", "desvinculado"] })
      .notNull()
      .default("activo"),
    // Cargo (position) for planta, contract object for OPS contractors.
    position: text("position"),
    vinculacion: text("vinculacion", { enum: ["planta", "ops"] }),
    contractNumber: text("contract_number"),
    contractStart: date("contract_start"),
    contractEnd: date("contract_end"),
    phone: text("phone"),
    bloodType: text("blood_type"),
    privacyAcceptedAt: timestamp("privacy_accepted_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("people_dependencia_idx").on(t.dependenciaId)],
);

export const personRoles = pgTable(
  "person_roles",
  {
    personId: uuid("person_id")
      .notNull()
      .references(() => people.id, { onDelete: "cascade" }),
    role: text("role").notNull(),
    grantedAt: timestamp("granted_at", { withTimezone: true }).notNull().defaultNow(),
    grantedBy: uuid("granted_by"),
  },
  (t) => [primaryKey({ columns: [t.personId, t.role] })],
);

/** A person's dependencia changes: a move keeps where they came from, who moved them and when. */
export const personMoves = pgTable(
  "person_moves",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    personId: uuid("person_id")
      .notNull()
      .references(() => people.id, { onDelete: "cascade" }),
    fromDependenciaId: uuid("from_dependencia_id").references(() => dependencias.id),
    toDependenciaId: uuid("to_dependencia_id").references(() => dependencias.id),
    movedBy: uuid("moved_by"),
    movedAt: timestamp("moved_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("person_moves_person_idx").on(t.personId, t.movedAt)],
);

export type Person = typeof people.$inferSelect;
export type NewPersonMove = typeof personMoves.$inferInsert;
export type NewPerson = typeof people.$inferInsert;
