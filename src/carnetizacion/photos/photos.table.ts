import { sql } from "drizzle-orm";
import { boolean, index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { people } from "../../core/people/people.table.ts";
import type { PhotoState } from "./photos.rules.ts";

export interface StoredCheck {
  id: string;
  ok: boolean;
  value: string | number | null;
  message: string;
}

export const photos = pgTable(
  "photos",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    personId: uuid("person_id")
      .notNull()
      .references(() => people.id),
    state: text("state").$type<PhotoState>().notNull(),
    // Keys in the private file storage: the original as uploaded, and the normalised 3:4 portrait.
    // Null once retention deleted the original (docs/DOMAIN.md, privacy notice); the portrait stays.
    originalKey: text("original_key"),
    portraitKey: text("portrait_key").notNull(),
    checks: jsonb("checks").$type<StoredCheck[]>().notNull(),
    checksPassed: boolean("checks_passed").notNull(),
    explanation: text("explanation"),
    uploadedBy: uuid("uploaded_by"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    reviewedBy: uuid("reviewed_by"),
    reviewedAt: timestamp("reviewed_at", { withTimezone: true }),
    rejectionReason: text("rejection_reason"),
  },
  (t) => [
    index("photos_person_idx").on(t.personId, t.createdAt),
    // At most one photo waiting per person: two uploads at once cannot both stay pending.
    uniqueIndex("photos_one_pending_idx").on(t.personId).where(sql`state in ('borrador', 'en_revision')`),
  ],
);

export type Photo = typeof photos.$inferSelect;
