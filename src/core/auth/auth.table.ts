import { boolean, index, integer, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { people } from "../people/people.table.ts";

export const passwords = pgTable("passwords", {
  personId: uuid("person_id")
    .primaryKey()
    .references(() => people.id, { onDelete: "cascade" }),
  hash: text("hash").notNull(),
  changedAt: timestamp("changed_at", { withTimezone: true }).notNull(),
});

/** Personal, single-use, expiring credentials for first login or after a reset. */
export const initialCredentials = pgTable(
  "initial_credentials",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    personId: uuid("person_id")
      .notNull()
      .references(() => people.id, { onDelete: "cascade" }),
    hash: text("hash").notNull(),
    issuedAt: timestamp("issued_at", { withTimezone: true }).notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    issuedBy: uuid("issued_by"),
    // SHA-256 of the one-time sign-in link's token, when the credential went out by e-mail.
    linkHash: text("link_hash").unique(),
  },
  (t) => [index("initial_credentials_person_idx").on(t.personId)],
);

export const sessions = pgTable(
  "sessions",
  {
    // SHA-256 of the token in the cookie: a leaked table does not yield usable sessions.
    id: text("id").primaryKey(),
    personId: uuid("person_id")
      .notNull()
      .references(() => people.id, { onDelete: "cascade" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true }).notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    mustChangePassword: boolean("must_change_password").notNull().default(false),
  },
  (t) => [index("sessions_person_idx").on(t.personId)],
);

/** Failed-login counters per account (hashed document number) and per address. */
export const loginThrottle = pgTable("login_throttle", {
  key: text("key").primaryKey(),
  failures: integer("failures").notNull(),
  lastFailureAt: timestamp("last_failure_at", { withTimezone: true }).notNull(),
  lockedUntil: timestamp("locked_until", { withTimezone: true }),
});

export type Session = typeof sessions.$inferSelect;
