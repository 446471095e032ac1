CREATE TABLE "person_moves" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"person_id" uuid NOT NULL,
	"from_dependencia_id" uuid,
	"to_dependencia_id" uuid,
	"moved_by" uuid,
	"moved_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "person_moves" ADD CONSTRAINT "person_moves_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person_moves" ADD CONSTRAINT "person_moves_from_dependencia_id_dependencias_id_fk" FOREIGN KEY ("from_dependencia_id") REFERENCES "public"."dependencias"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person_moves" ADD CONSTRAINT "person_moves_to_dependencia_id_dependencias_id_fk" FOREIGN KEY ("to_dependencia_id") REFERENCES "public"."dependencias"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "person_moves_person_idx" ON "person_moves" USING btree ("person_id","moved_at");