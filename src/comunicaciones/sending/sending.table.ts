// The per-recipient queue AND log of a communication: one row per recipient, claimed when about to be sent,
// marked sent on the SMTP 250, retried or failed otherwise; dropped recipients are kept with their reason.
import { sql } from "drizzle-orm";
import { boolean, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { commRequests } from "../requests/requests.table.ts";

export const DELIVERY_STATES = ["pendiente", "enviando", "enviado", "fallido", "descartado"] as const;

export const commDeliveries = pgTable(
  "comm_deliveries",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    requestId: uuid("request_id")
      .notNull()
      .references(() => commRequests.id),
    personId: uuid("person_id"),
    /** Lower-case; null when the person has none. */
    email: text("email"),
    /** Template values, frozen when the audience is resolved. */
    name: text("name").notNull().default(""),
    dependenciaName: text("dependencia_name").notNull().default(""),
    state: text("state", { enum: DELIVERY_STATES }).notNull(),
    dropReason: text("drop_reason", { enum: ["sin_correo", "dominio_externo", "correo_invalido"] }),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }),
    claimToken: uuid("claim_token"),
    /** Boot id of the process that claimed it. */
    claimedBy: text("claimed_by"),
    leaseUntil: timestamp("lease_until", { withTimezone: true }),
    messageId: text("message_id"),
    smtpResponse: text("smtp_response"),
    lastError: text("last_error"),
    /** Sent again after a crash: possibly a duplicate. */
    recovered: boolean("recovered").notNull().default(false),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    sentAt: timestamp("sent_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("comm_deliveries_email_idx").on(t.requestId, t.email).where(sql`${t.email} IS NOT NULL`),
    uniqueIndex("comm_deliveries_person_idx")
      .on(t.requestId, t.personId)
      .where(sql`${t.personId} IS NOT NULL`),
    index("comm_deliveries_due_idx").on(t.requestId, t.nextAttemptAt).where(sql`${t.state} = 'pendiente'`),
    index("comm_deliveries_lease_idx").on(t.leaseUntil).where(sql`${t.state} = 'enviando'`),
    index("comm_deliveries_state_idx").on(t.requestId, t.state),
    index("comm_deliveries_recipient_idx").on(t.personId),
  ],
);

export type CommDelivery = typeof commDeliveries.$inferSelect;
