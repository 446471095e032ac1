import { bigint, index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

/** Every change of state of a card or a photo: who, when, from, to and why. */
export const stateTransitions = pgTable(
  "state_transitions",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    subjectType: text("subject_type", { enum: ["card", "photo"] }).notNull(),
    subjectId: uuid("subject_id").notNull(),
    fromState: text("from_state"),
    toState: text("to_state").notNull(),
    actorId: uuid("actor_id"),
    reason: text("reason"),
    at: timestamp("at", { withTimezone: true }).notNull(),
  },
  (t) => [index("state_transitions_subject_idx").on(t.subjectType, t.subjectId, t.id)],
);

export type StateTransition = typeof stateTransitions.$inferSelect;
