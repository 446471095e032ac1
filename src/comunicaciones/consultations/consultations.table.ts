// Consultations of a communication request: OCS asks Talento Humano or SSI before an agreement, advertising or
// other-entity message may be approved; one per office and content version, answered with an opinion.
import { index, integer, pgTable, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { commRequests } from "../requests/requests.table.ts";

export const commConsultations = pgTable(
  "comm_consultations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    requestId: uuid("request_id")
      .notNull()
      .references(() => commRequests.id),
    office: text("office", { enum: ["talento_humano", "ssi"] }).notNull(),
    contentVersion: integer("content_version").notNull(),
    question: text("question").notNull(),
    askedBy: uuid("asked_by").notNull(),
    askedAt: timestamp("asked_at", { withTimezone: true }).notNull(),
    answeredBy: uuid("answered_by"),
    answeredAt: timestamp("answered_at", { withTimezone: true }),
    opinion: text("opinion", { enum: ["favorable", "con_observaciones", "desfavorable"] }),
    answer: text("answer"),
  },
  (t) => [
    unique("comm_consultations_once").on(t.requestId, t.office, t.contentVersion),
    index("comm_consultations_inbox_idx").on(t.office, t.answeredAt),
  ],
);

export type CommConsultation = typeof commConsultations.$inferSelect;
