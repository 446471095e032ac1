import { pgTable, text, timestamp } from "drizzle-orm/pg-core";

// The Ed25519 key that signs the payload on the card's back. Kept in the database so every app
// instance signs with the same key; the public half is published at a well-known URL.
export const signingKeys = pgTable("signing_keys", {
  kid: text("kid").primaryKey(),
  privateKeyPem: text("private_key_pem").notNull(),
  publicKeyPem: text("public_key_pem").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
});

export type SigningKey = typeof signingKeys.$inferSelect;
