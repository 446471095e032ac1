CREATE TABLE "comm_attachments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"request_id" uuid NOT NULL,
	"event_id" bigint,
	"purpose" text NOT NULL,
	"file_name" text NOT NULL,
	"content_type" text NOT NULL,
	"size" bigint NOT NULL,
	"sha256" text NOT NULL,
	"storage_key" text NOT NULL,
	"uploaded_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"removed_at" timestamp with time zone,
	CONSTRAINT "comm_attachments_storage_key_unique" UNIQUE("storage_key")
);
--> statement-breakpoint
CREATE TABLE "comm_consultations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"request_id" uuid NOT NULL,
	"office" text NOT NULL,
	"content_version" integer NOT NULL,
	"question" text NOT NULL,
	"asked_by" uuid NOT NULL,
	"asked_at" timestamp with time zone NOT NULL,
	"answered_by" uuid,
	"answered_at" timestamp with time zone,
	"opinion" text,
	"answer" text,
	CONSTRAINT "comm_consultations_once" UNIQUE("request_id","office","content_version")
);
--> statement-breakpoint
CREATE TABLE "comm_deliveries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"request_id" uuid NOT NULL,
	"person_id" uuid,
	"email" text,
	"name" text DEFAULT '' NOT NULL,
	"dependencia_name" text DEFAULT '' NOT NULL,
	"state" text NOT NULL,
	"drop_reason" text,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone,
	"claim_token" uuid,
	"claimed_by" text,
	"lease_until" timestamp with time zone,
	"message_id" text,
	"smtp_response" text,
	"last_error" text,
	"recovered" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"sent_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "comm_list_entries" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "comm_list_entries_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"request_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"raw" text NOT NULL,
	"email" text,
	"name" text,
	"dependencia_name" text,
	"person_id" uuid,
	"problem" text,
	CONSTRAINT "comm_list_entries_request_id_position_unique" UNIQUE("request_id","position")
);
--> statement-breakpoint
CREATE TABLE "comm_request_events" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "comm_request_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"request_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"from_state" text,
	"to_state" text,
	"actor_id" uuid,
	"comment" text,
	"content_version" integer NOT NULL,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "comm_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"number" integer GENERATED ALWAYS AS IDENTITY (sequence name "comm_requests_number_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"origin" text DEFAULT 'solicitud' NOT NULL,
	"pub_request_id" uuid,
	"dependencia_id" uuid NOT NULL,
	"requested_by" uuid NOT NULL,
	"purpose" text NOT NULL,
	"classification" text NOT NULL,
	"audience_kind" text NOT NULL,
	"audience_dependencia_ids" uuid[] DEFAULT '{}' NOT NULL,
	"audience_include_children" boolean DEFAULT true NOT NULL,
	"audience_vinculacion" text,
	"audience_person_id" uuid,
	"desired_at" timestamp with time zone NOT NULL,
	"subject" text NOT NULL,
	"body" text NOT NULL,
	"state" text DEFAULT 'nuevo' NOT NULL,
	"content_version" integer DEFAULT 1 NOT NULL,
	"row_version" integer DEFAULT 1 NOT NULL,
	"reviewer_id" uuid,
	"approved_by" uuid,
	"approved_at" timestamp with time zone,
	"approved_content_version" integer,
	"scheduled_at" timestamp with time zone,
	"scheduled_by" uuid,
	"recipients_resolved_at" timestamp with time zone,
	"send_started_at" timestamp with time zone,
	"send_finished_at" timestamp with time zone,
	"recipients_count" integer,
	"sent_count" integer,
	"failed_count" integer,
	"dropped_count" integer,
	"duplicate_risk_count" integer,
	"paused_until" timestamp with time zone,
	"pause_reason" text,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "comm_requests_number_unique" UNIQUE("number"),
	CONSTRAINT "comm_requests_sensitive_one" CHECK ("comm_requests"."classification" <> 'sensible' OR "comm_requests"."audience_kind" = 'persona'),
	CONSTRAINT "comm_requests_persona" CHECK ("comm_requests"."audience_kind" <> 'persona' OR "comm_requests"."audience_person_id" IS NOT NULL),
	CONSTRAINT "comm_requests_not_self_approved" CHECK ("comm_requests"."approved_by" IS NULL OR "comm_requests"."approved_by" <> "comm_requests"."requested_by")
);
--> statement-breakpoint
CREATE TABLE "documents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"slug" text NOT NULL,
	"doc_type" text NOT NULL,
	"number" text NOT NULL,
	"year" integer NOT NULL,
	"issued_on" date NOT NULL,
	"issuing_office" text NOT NULL,
	"issuing_dependencia_id" uuid,
	"title" text NOT NULL,
	"subject" text NOT NULL,
	"section" text,
	"visibility" text NOT NULL,
	"file_name" text NOT NULL,
	"content_type" text NOT NULL,
	"size" bigint NOT NULL,
	"sha256" text NOT NULL,
	"storage_key" text NOT NULL,
	"search_text" text NOT NULL,
	"published_by" uuid,
	"published_at" timestamp with time zone NOT NULL,
	"withdrawn_at" timestamp with time zone,
	"withdrawn_by" uuid,
	"withdrawn_reason" text,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "documents_slug_unique" UNIQUE("slug"),
	CONSTRAINT "documents_identity" UNIQUE("doc_type","year","number")
);
--> statement-breakpoint
CREATE TABLE "pub_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"number" integer GENERATED ALWAYS AS IDENTITY (sequence name "pub_requests_number_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"dependencia_id" uuid NOT NULL,
	"requested_by" uuid NOT NULL,
	"doc_type" text NOT NULL,
	"doc_number" text NOT NULL,
	"doc_date" date NOT NULL,
	"issuing_office" text NOT NULL,
	"title" text NOT NULL,
	"summary" text NOT NULL,
	"target" text NOT NULL,
	"section" text NOT NULL,
	"internal_distribution" boolean DEFAULT false NOT NULL,
	"state" text DEFAULT 'nuevo' NOT NULL,
	"file_name" text NOT NULL,
	"content_type" text NOT NULL,
	"size" bigint NOT NULL,
	"sha256" text NOT NULL,
	"storage_key" text NOT NULL,
	"handled_by" uuid,
	"handled_at" timestamp with time zone,
	"comment" text,
	"document_id" uuid,
	"row_version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "pub_requests_number_unique" UNIQUE("number"),
	CONSTRAINT "pub_requests_storage_key_unique" UNIQUE("storage_key")
);
--> statement-breakpoint
ALTER TABLE "comm_attachments" ADD CONSTRAINT "comm_attachments_request_id_comm_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."comm_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "comm_attachments" ADD CONSTRAINT "comm_attachments_event_id_comm_request_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."comm_request_events"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "comm_consultations" ADD CONSTRAINT "comm_consultations_request_id_comm_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."comm_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "comm_deliveries" ADD CONSTRAINT "comm_deliveries_request_id_comm_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."comm_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "comm_list_entries" ADD CONSTRAINT "comm_list_entries_request_id_comm_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."comm_requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "comm_request_events" ADD CONSTRAINT "comm_request_events_request_id_comm_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."comm_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "comm_requests" ADD CONSTRAINT "comm_requests_pub_request_id_pub_requests_id_fk" FOREIGN KEY ("pub_request_id") REFERENCES "public"."pub_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "comm_requests" ADD CONSTRAINT "comm_requests_dependencia_id_dependencias_id_fk" FOREIGN KEY ("dependencia_id") REFERENCES "public"."dependencias"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "comm_requests" ADD CONSTRAINT "comm_requests_requested_by_people_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "comm_requests" ADD CONSTRAINT "comm_requests_audience_person_id_people_id_fk" FOREIGN KEY ("audience_person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "documents" ADD CONSTRAINT "documents_issuing_dependencia_id_dependencias_id_fk" FOREIGN KEY ("issuing_dependencia_id") REFERENCES "public"."dependencias"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pub_requests" ADD CONSTRAINT "pub_requests_dependencia_id_dependencias_id_fk" FOREIGN KEY ("dependencia_id") REFERENCES "public"."dependencias"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pub_requests" ADD CONSTRAINT "pub_requests_requested_by_people_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pub_requests" ADD CONSTRAINT "pub_requests_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "comm_attachments_request_idx" ON "comm_attachments" USING btree ("request_id");--> statement-breakpoint
CREATE INDEX "comm_consultations_inbox_idx" ON "comm_consultations" USING btree ("office","answered_at");--> statement-breakpoint
CREATE UNIQUE INDEX "comm_deliveries_email_idx" ON "comm_deliveries" USING btree ("request_id","email") WHERE "comm_deliveries"."email" IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "comm_deliveries_person_idx" ON "comm_deliveries" USING btree ("request_id","person_id") WHERE "comm_deliveries"."person_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "comm_deliveries_due_idx" ON "comm_deliveries" USING btree ("request_id","next_attempt_at") WHERE "comm_deliveries"."state" = 'pendiente';--> statement-breakpoint
CREATE INDEX "comm_deliveries_lease_idx" ON "comm_deliveries" USING btree ("lease_until") WHERE "comm_deliveries"."state" = 'enviando';--> statement-breakpoint
CREATE INDEX "comm_deliveries_state_idx" ON "comm_deliveries" USING btree ("request_id","state");--> statement-breakpoint
CREATE INDEX "comm_deliveries_recipient_idx" ON "comm_deliveries" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "comm_request_events_request_idx" ON "comm_request_events" USING btree ("request_id","id");--> statement-breakpoint
CREATE INDEX "comm_requests_state_idx" ON "comm_requests" USING btree ("state","scheduled_at");--> statement-breakpoint
CREATE INDEX "comm_requests_dependencia_idx" ON "comm_requests" USING btree ("dependencia_id","created_at");--> statement-breakpoint
CREATE INDEX "comm_requests_requester_idx" ON "comm_requests" USING btree ("requested_by");--> statement-breakpoint
CREATE INDEX "documents_type_year_idx" ON "documents" USING btree ("doc_type","year");--> statement-breakpoint
CREATE INDEX "documents_search_idx" ON "documents" USING gin (to_tsvector('spanish', "search_text"));--> statement-breakpoint
CREATE INDEX "pub_requests_state_idx" ON "pub_requests" USING btree ("state","created_at");--> statement-breakpoint
CREATE INDEX "pub_requests_dependencia_idx" ON "pub_requests" USING btree ("dependencia_id","created_at");