CREATE TABLE "rate_limits" (
	"key" text PRIMARY KEY NOT NULL,
	"window_start" timestamp with time zone NOT NULL,
	"count" integer NOT NULL
);
--> statement-breakpoint
-- Initial credentials are stored as SHA-256 from now on. Those still usable were stored with argon2,
-- which login no longer checks: each person holding one gets an audit row, loses the unsent e-mail that
-- carries it, and keeps one "retired" row (revoked, no hash anyone can match) that the hourly sweep
-- recognises and answers with a new credential by e-mail. Their finished argon2 rows go, so the sweep
-- sees nobody with a credential left; the audit log keeps that history.
CREATE TEMPORARY TABLE "argon2_open_credentials" AS
  SELECT DISTINCT "person_id" FROM "initial_credentials"
  WHERE "hash" LIKE '$argon2%' AND "used_at" IS NULL AND "revoked_at" IS NULL AND "expires_at" > now();
--> statement-breakpoint
INSERT INTO "audit_log" ("at", "action", "target_type", "target_id", "details")
  SELECT now(), 'credential.retired', 'person', "person_id"::text, '{"reason":"hash_upgrade"}'::jsonb
  FROM "argon2_open_credentials";
--> statement-breakpoint
DELETE FROM "outbox"
  WHERE "kind" = 'credential' AND "status" = 'pendiente'
  AND "person_id" IN (SELECT "person_id" FROM "argon2_open_credentials");
--> statement-breakpoint
DELETE FROM "initial_credentials" WHERE "person_id" IN (SELECT "person_id" FROM "argon2_open_credentials");
--> statement-breakpoint
INSERT INTO "initial_credentials" ("person_id", "hash", "issued_at", "expires_at", "revoked_at")
  SELECT "person_id", 'retired:argon2', now(), now(), now() FROM "argon2_open_credentials";
--> statement-breakpoint
DROP TABLE "argon2_open_credentials";
