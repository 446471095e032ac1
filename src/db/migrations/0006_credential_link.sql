ALTER TABLE "initial_credentials" ADD COLUMN "link_hash" text;--> statement-breakpoint
ALTER TABLE "initial_credentials" ADD CONSTRAINT "initial_credentials_link_hash_unique" UNIQUE("link_hash");