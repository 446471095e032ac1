CREATE TABLE "plan_activity_events" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "plan_activity_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"plan_id" uuid NOT NULL,
	"item_id" uuid NOT NULL,
	"report_id" uuid,
	"followup_id" uuid,
	"kind" text NOT NULL,
	"actor_id" uuid,
	"dependencia_id" uuid,
	"percent" double precision,
	"comment" text,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "plan_evidence" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" uuid,
	"owner_type" text NOT NULL,
	"owner_id" uuid NOT NULL,
	"dependencia_id" uuid NOT NULL,
	"storage_key" text NOT NULL,
	"file_name" text NOT NULL,
	"content_type" text NOT NULL,
	"size" bigint NOT NULL,
	"sha256" text NOT NULL,
	"is_public" boolean DEFAULT false NOT NULL,
	"public_by" uuid,
	"public_at" timestamp with time zone,
	"uploaded_by" uuid,
	"uploaded_at" timestamp with time zone NOT NULL,
	CONSTRAINT "plan_evidence_storage_key_unique" UNIQUE("storage_key")
);
--> statement-breakpoint
CREATE TABLE "plan_followup_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"followup_id" uuid NOT NULL,
	"item_id" uuid NOT NULL,
	"verified_percent" double precision NOT NULL,
	"realized" text,
	"observations" text,
	"verified_by" uuid,
	"verified_at" timestamp with time zone NOT NULL,
	CONSTRAINT "plan_followup_items_unique" UNIQUE("followup_id","item_id")
);
--> statement-breakpoint
CREATE TABLE "plan_followups" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" uuid NOT NULL,
	"cut_on" date NOT NULL,
	"status" text DEFAULT 'abierto' NOT NULL,
	"due_on" date NOT NULL,
	"opened_by" uuid,
	"opened_at" timestamp with time zone NOT NULL,
	"closed_by" uuid,
	"closed_at" timestamp with time zone,
	"published_by" uuid,
	"published_at" timestamp with time zone,
	"deadline_warned_at" timestamp with time zone,
	"report" jsonb,
	CONSTRAINT "plan_followups_cut_unique" UNIQUE("plan_id","cut_on")
);
--> statement-breakpoint
CREATE TABLE "plan_indicator_measurements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"indicator_id" uuid NOT NULL,
	"period_key" text NOT NULL,
	"value" double precision NOT NULL,
	"analysis" text NOT NULL,
	"recorded_by" uuid,
	"recorded_at" timestamp with time zone NOT NULL,
	CONSTRAINT "plan_indicator_measurements_unique" UNIQUE("indicator_id","period_key")
);
--> statement-breakpoint
CREATE TABLE "plan_indicators" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"dependencia_id" uuid NOT NULL,
	"process" text NOT NULL,
	"name" text NOT NULL,
	"formula" text NOT NULL,
	"unit" text NOT NULL,
	"direction" text NOT NULL,
	"frequency" text NOT NULL,
	"year" integer NOT NULL,
	"target" double precision NOT NULL,
	"baseline" double precision,
	"zone_low_max" integer DEFAULT 59 NOT NULL,
	"zone_mid_max" integer DEFAULT 79 NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "plan_reminders" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" uuid NOT NULL,
	"item_id" uuid NOT NULL,
	"dependencia_id" uuid NOT NULL,
	"period_key" text NOT NULL,
	"kind" text NOT NULL,
	"recipients" bigint NOT NULL,
	"sent_at" timestamp with time zone NOT NULL,
	CONSTRAINT "plan_reminders_once_unique" UNIQUE("item_id","dependencia_id","period_key","kind")
);
--> statement-breakpoint
CREATE TABLE "plan_reports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" uuid NOT NULL,
	"item_id" uuid NOT NULL,
	"dependencia_id" uuid NOT NULL,
	"period_key" text NOT NULL,
	"period_starts_on" date,
	"period_ends_on" date,
	"status" text DEFAULT 'borrador' NOT NULL,
	"percent" double precision,
	"quantity" double precision,
	"narrative" text,
	"over_meta" boolean DEFAULT false NOT NULL,
	"review_comment" text,
	"created_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"submitted_by" uuid,
	"submitted_at" timestamp with time zone,
	"reviewed_by" uuid,
	"reviewed_at" timestamp with time zone,
	CONSTRAINT "plan_reports_identity_unique" UNIQUE("item_id","dependencia_id","period_key")
);
--> statement-breakpoint
ALTER TABLE "plan_types" ADD COLUMN "cuts" jsonb DEFAULT '["04-30","08-31","12-31"]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "plan_types" ADD COLUMN "zone_low_max" integer DEFAULT 59 NOT NULL;--> statement-breakpoint
ALTER TABLE "plan_types" ADD COLUMN "zone_mid_max" integer DEFAULT 79 NOT NULL;--> statement-breakpoint
ALTER TABLE "plan_types" ADD COLUMN "reminder_days_before" integer DEFAULT 5 NOT NULL;--> statement-breakpoint
ALTER TABLE "plan_types" ADD COLUMN "reminder_days_after" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "plan_activity_events" ADD CONSTRAINT "plan_activity_events_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_activity_events" ADD CONSTRAINT "plan_activity_events_item_id_plan_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."plan_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_activity_events" ADD CONSTRAINT "plan_activity_events_report_id_plan_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."plan_reports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_activity_events" ADD CONSTRAINT "plan_activity_events_actor_id_people_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_activity_events" ADD CONSTRAINT "plan_activity_events_dependencia_id_dependencias_id_fk" FOREIGN KEY ("dependencia_id") REFERENCES "public"."dependencias"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_evidence" ADD CONSTRAINT "plan_evidence_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_evidence" ADD CONSTRAINT "plan_evidence_dependencia_id_dependencias_id_fk" FOREIGN KEY ("dependencia_id") REFERENCES "public"."dependencias"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_evidence" ADD CONSTRAINT "plan_evidence_public_by_people_id_fk" FOREIGN KEY ("public_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_evidence" ADD CONSTRAINT "plan_evidence_uploaded_by_people_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_followup_items" ADD CONSTRAINT "plan_followup_items_followup_id_plan_followups_id_fk" FOREIGN KEY ("followup_id") REFERENCES "public"."plan_followups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_followup_items" ADD CONSTRAINT "plan_followup_items_item_id_plan_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."plan_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_followup_items" ADD CONSTRAINT "plan_followup_items_verified_by_people_id_fk" FOREIGN KEY ("verified_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_followups" ADD CONSTRAINT "plan_followups_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_followups" ADD CONSTRAINT "plan_followups_opened_by_people_id_fk" FOREIGN KEY ("opened_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_followups" ADD CONSTRAINT "plan_followups_closed_by_people_id_fk" FOREIGN KEY ("closed_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_followups" ADD CONSTRAINT "plan_followups_published_by_people_id_fk" FOREIGN KEY ("published_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_indicator_measurements" ADD CONSTRAINT "plan_indicator_measurements_indicator_id_plan_indicators_id_fk" FOREIGN KEY ("indicator_id") REFERENCES "public"."plan_indicators"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_indicator_measurements" ADD CONSTRAINT "plan_indicator_measurements_recorded_by_people_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_indicators" ADD CONSTRAINT "plan_indicators_dependencia_id_dependencias_id_fk" FOREIGN KEY ("dependencia_id") REFERENCES "public"."dependencias"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_indicators" ADD CONSTRAINT "plan_indicators_created_by_people_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_reminders" ADD CONSTRAINT "plan_reminders_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_reminders" ADD CONSTRAINT "plan_reminders_item_id_plan_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."plan_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_reminders" ADD CONSTRAINT "plan_reminders_dependencia_id_dependencias_id_fk" FOREIGN KEY ("dependencia_id") REFERENCES "public"."dependencias"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_reports" ADD CONSTRAINT "plan_reports_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_reports" ADD CONSTRAINT "plan_reports_item_id_plan_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."plan_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_reports" ADD CONSTRAINT "plan_reports_dependencia_id_dependencias_id_fk" FOREIGN KEY ("dependencia_id") REFERENCES "public"."dependencias"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_reports" ADD CONSTRAINT "plan_reports_created_by_people_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_reports" ADD CONSTRAINT "plan_reports_submitted_by_people_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_reports" ADD CONSTRAINT "plan_reports_reviewed_by_people_id_fk" FOREIGN KEY ("reviewed_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "plan_activity_events_item_idx" ON "plan_activity_events" USING btree ("item_id","id");--> statement-breakpoint
CREATE INDEX "plan_evidence_owner_idx" ON "plan_evidence" USING btree ("owner_type","owner_id");--> statement-breakpoint
CREATE INDEX "plan_followups_due_idx" ON "plan_followups" USING btree ("status","due_on");--> statement-breakpoint
CREATE INDEX "plan_indicators_dependencia_idx" ON "plan_indicators" USING btree ("dependencia_id","year");--> statement-breakpoint
CREATE INDEX "plan_reports_plan_idx" ON "plan_reports" USING btree ("plan_id","status");--> statement-breakpoint
CREATE INDEX "plan_reports_dependencia_idx" ON "plan_reports" USING btree ("dependencia_id","status");--> statement-breakpoint
-- The action plan is monitored every quarter (MIPG policy, «monitoreo trimestral»); improvement plans at
-- the two semesters. The PAAC keeps the default: 30 April, 31 August, 31 December.
UPDATE "plan_types" SET "cuts" = '["03-31", "06-30", "09-30", "12-31"]'::jsonb WHERE "key" = 'accion';--> statement-breakpoint
UPDATE "plan_types" SET "cuts" = '["06-30", "12-31"]'::jsonb WHERE "key" = 'mejoramiento';
