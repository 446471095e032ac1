CREATE TABLE "plan_alias_targets" (
	"alias_id" uuid NOT NULL,
	"dependencia_id" uuid NOT NULL,
	CONSTRAINT "plan_alias_targets_alias_id_dependencia_id_pk" PRIMARY KEY("alias_id","dependencia_id")
);
--> statement-breakpoint
CREATE TABLE "plan_aliases" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"normalized" text NOT NULL,
	"written" text NOT NULL,
	"kind" text NOT NULL,
	"team" text,
	"created_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "plan_aliases_normalized_unique" UNIQUE("normalized")
);
--> statement-breakpoint
CREATE TABLE "plan_changes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"item_key" text NOT NULL,
	"code" text,
	"label" text NOT NULL,
	"level" integer NOT NULL,
	"kind" text NOT NULL,
	"fields" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "plan_imports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" uuid NOT NULL,
	"file_key" text,
	"file_name" text NOT NULL,
	"sha256" text NOT NULL,
	"status" text DEFAULT 'vista_previa' NOT NULL,
	"summary" jsonb NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"applied_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "plan_item_periods" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"item_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"starts_on" date,
	"ends_on" date,
	"written" text
);
--> statement-breakpoint
CREATE TABLE "plan_item_responsables" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"item_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"written" text NOT NULL,
	"dependencia_id" uuid,
	"all_dependencias" boolean DEFAULT false NOT NULL,
	"team" text
);
--> statement-breakpoint
CREATE TABLE "plan_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" uuid NOT NULL,
	"parent_id" uuid,
	"level" integer NOT NULL,
	"position" integer NOT NULL,
	"item_key" text NOT NULL,
	"code" text,
	"text" text NOT NULL,
	"product" text,
	"meta" text,
	"meta_quantity" double precision,
	"meta_unit" text,
	"evidence" text,
	"note" text,
	"weight" double precision,
	"source_row" integer,
	CONSTRAINT "plan_items_key_unique" UNIQUE("plan_id","item_key")
);
--> statement-breakpoint
CREATE TABLE "plan_types" (
	"key" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"shape" text NOT NULL,
	"level_names" jsonb NOT NULL,
	"description" text,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "plan_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"reason" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"approved_committee" text,
	"approved_act" text,
	"approved_on" date,
	"approved_by" uuid,
	"approved_at" timestamp with time zone,
	"published_at" timestamp with time zone,
	"published_by" uuid,
	"snapshot" jsonb,
	CONSTRAINT "plan_versions_number_unique" UNIQUE("plan_id","number")
);
--> statement-breakpoint
CREATE TABLE "plans" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"type_key" text NOT NULL,
	"year" integer NOT NULL,
	"owner_dependencia_id" uuid NOT NULL,
	"title" text NOT NULL,
	"slug" text NOT NULL,
	"status" text DEFAULT 'borrador' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "plans_slug_unique" UNIQUE("slug")
);
--> statement-breakpoint
ALTER TABLE "plan_alias_targets" ADD CONSTRAINT "plan_alias_targets_alias_id_plan_aliases_id_fk" FOREIGN KEY ("alias_id") REFERENCES "public"."plan_aliases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_alias_targets" ADD CONSTRAINT "plan_alias_targets_dependencia_id_dependencias_id_fk" FOREIGN KEY ("dependencia_id") REFERENCES "public"."dependencias"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_aliases" ADD CONSTRAINT "plan_aliases_created_by_people_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_changes" ADD CONSTRAINT "plan_changes_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_changes" ADD CONSTRAINT "plan_changes_created_by_people_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_imports" ADD CONSTRAINT "plan_imports_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_imports" ADD CONSTRAINT "plan_imports_created_by_people_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_item_periods" ADD CONSTRAINT "plan_item_periods_item_id_plan_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."plan_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_item_responsables" ADD CONSTRAINT "plan_item_responsables_item_id_plan_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."plan_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_item_responsables" ADD CONSTRAINT "plan_item_responsables_dependencia_id_dependencias_id_fk" FOREIGN KEY ("dependencia_id") REFERENCES "public"."dependencias"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_items" ADD CONSTRAINT "plan_items_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_items" ADD CONSTRAINT "plan_items_parent_id_plan_items_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."plan_items"("id") ON DELETE cascade ON UPDATE no action DEFERRABLE INITIALLY DEFERRED;--> statement-breakpoint
ALTER TABLE "plan_versions" ADD CONSTRAINT "plan_versions_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_versions" ADD CONSTRAINT "plan_versions_created_by_people_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_versions" ADD CONSTRAINT "plan_versions_approved_by_people_id_fk" FOREIGN KEY ("approved_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_versions" ADD CONSTRAINT "plan_versions_published_by_people_id_fk" FOREIGN KEY ("published_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plans" ADD CONSTRAINT "plans_type_key_plan_types_key_fk" FOREIGN KEY ("type_key") REFERENCES "public"."plan_types"("key") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plans" ADD CONSTRAINT "plans_owner_dependencia_id_dependencias_id_fk" FOREIGN KEY ("owner_dependencia_id") REFERENCES "public"."dependencias"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plans" ADD CONSTRAINT "plans_created_by_people_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "plan_alias_targets_dep_idx" ON "plan_alias_targets" USING btree ("dependencia_id");--> statement-breakpoint
CREATE INDEX "plan_changes_plan_idx" ON "plan_changes" USING btree ("plan_id","version");--> statement-breakpoint
CREATE INDEX "plan_changes_item_idx" ON "plan_changes" USING btree ("plan_id","item_key");--> statement-breakpoint
CREATE INDEX "plan_imports_plan_idx" ON "plan_imports" USING btree ("plan_id","created_at");--> statement-breakpoint
CREATE INDEX "plan_item_periods_item_idx" ON "plan_item_periods" USING btree ("item_id");--> statement-breakpoint
CREATE INDEX "plan_item_periods_dates_idx" ON "plan_item_periods" USING btree ("starts_on","ends_on");--> statement-breakpoint
CREATE INDEX "plan_item_responsables_item_idx" ON "plan_item_responsables" USING btree ("item_id");--> statement-breakpoint
CREATE INDEX "plan_item_responsables_dep_idx" ON "plan_item_responsables" USING btree ("dependencia_id");--> statement-breakpoint
CREATE INDEX "plan_items_tree_idx" ON "plan_items" USING btree ("plan_id","parent_id","position");--> statement-breakpoint
CREATE INDEX "plans_year_idx" ON "plans" USING btree ("year","type_key");--> statement-breakpoint
INSERT INTO "plan_types" ("key", "name", "shape", "level_names", "description", "sort_order") VALUES
  ('paac', 'Plan Anticorrupción y de Atención al Ciudadano (PAAC) – Programa de Transparencia y Ética Pública (PTEP)', 'paac', '["Componente", "Subcomponente", "Actividad"]', 'Ley 1474 de 2011, art. 73; desde la Ley 2195 de 2022 continúa como Programa de Transparencia y Ética Pública.', 1),
  ('accion', 'Plan de Acción Institucional y matrices de políticas MIPG', 'matriz', '["Actividad de gestión", "Alternativa de mejora (qué)", "Tarea (cómo)"]', 'Decreto 612 de 2018 y Decreto 1499 de 2017 (MIPG); se publica a más tardar el 31 de enero (Ley 1474 de 2011, art. 74).', 2),
  ('mejoramiento', 'Plan de mejoramiento', 'matriz', '["Hallazgo", "Acción de mejora", "Tarea"]', 'Acciones para corregir los hallazgos de auditorías y seguimientos.', 3);
