CREATE TABLE "cards" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"person_id" uuid NOT NULL,
	"state" text NOT NULL,
	"misprints" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "photos" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"person_id" uuid NOT NULL,
	"state" text NOT NULL,
	"original_key" text NOT NULL,
	"portrait_key" text NOT NULL,
	"checks" jsonb NOT NULL,
	"checks_passed" boolean NOT NULL,
	"explanation" text,
	"uploaded_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"reviewed_by" uuid,
	"reviewed_at" timestamp with time zone,
	"rejection_reason" text
);
--> statement-breakpoint
CREATE TABLE "state_transitions" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "state_transitions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"subject_type" text NOT NULL,
	"subject_id" uuid NOT NULL,
	"from_state" text,
	"to_state" text NOT NULL,
	"actor_id" uuid,
	"reason" text,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "people" ADD COLUMN "position" text;--> statement-breakpoint
ALTER TABLE "people" ADD COLUMN "vinculacion" text;--> statement-breakpoint
ALTER TABLE "people" ADD COLUMN "contract_number" text;--> statement-breakpoint
ALTER TABLE "people" ADD COLUMN "contract_start" date;--> statement-breakpoint
ALTER TABLE "people" ADD COLUMN "contract_end" date;--> statement-breakpoint
ALTER TABLE "people" ADD COLUMN "phone" text;--> statement-breakpoint
ALTER TABLE "people" ADD COLUMN "blood_type" text;--> statement-breakpoint
ALTER TABLE "people" ADD COLUMN "privacy_accepted_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "cards" ADD CONSTRAINT "cards_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "photos" ADD CONSTRAINT "photos_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "cards_person_idx" ON "cards" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "photos_person_idx" ON "photos" USING btree ("person_id","created_at");--> statement-breakpoint
CREATE INDEX "state_transitions_subject_idx" ON "state_transitions" USING btree ("subject_type","subject_id","id");