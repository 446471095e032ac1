ALTER TABLE "outbox" ADD COLUMN "person_id" uuid;--> statement-breakpoint
CREATE INDEX "outbox_person_idx" ON "outbox" USING btree ("person_id");--> statement-breakpoint
-- Messages sent before this column: attributed only where exactly one person has that address.
UPDATE "outbox" AS o SET "person_id" = p."id" FROM "people" AS p
WHERE lower(p."email") = lower(o."recipient")
  AND (SELECT count(*) FROM "people" AS q WHERE lower(q."email") = lower(o."recipient")) = 1;
