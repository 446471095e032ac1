import { index, integer, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

/**
 * The outbox: every e-mail is written here in the same transaction as the change it tells about, then
 * sent in the background with retries. Without SMTP (the embedded default) administrators read it here.
 */
export const outbox = pgTable(
  "outbox",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    // One recipient per message, always: notices about a person go to that person alone.
    recipient: text("recipient").notNull(),
    // The person the message is about and for: their data download finds their messages by it, not by an
    // address that may have changed hands.
    personId: uuid("person_id"),
    subject: text("subject").notNull(),
    body: text("body").notNull(),
    kind: text("kind").notNull(),
    status: text("status", { enum: ["pendiente", "enviado", "fallido"] })
      .notNull()
      .default("pendiente"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).notNull(),
    lastError: text("last_error"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    sentAt: timestamp("sent_at", { withTimezone: true }),
  },
  (t) => [index("outbox_due_idx").on(t.status, t.nextAttemptAt), index("outbox_person_idx").on(t.personId)],
);

export type OutboxMessage = typeof outbox.$inferSelect;
