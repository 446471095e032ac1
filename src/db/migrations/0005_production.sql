CREATE TABLE "card_designs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"front" text NOT NULL,
	"back" text,
	"active" boolean DEFAULT false NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "print_batch_cards" (
	"batch_id" uuid NOT NULL,
	"card_id" uuid NOT NULL,
	"position" integer NOT NULL,
	CONSTRAINT "print_batch_cards_batch_id_card_id_pk" PRIMARY KEY("batch_id","card_id")
);
--> statement-breakpoint
CREATE TABLE "print_batches" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"state" text NOT NULL,
	"total" integer NOT NULL,
	"done" integer DEFAULT 0 NOT NULL,
	"file_key" text,
	"file_bytes" integer,
	"error" text,
	"created_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "rejection_reasons" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"label" text NOT NULL,
	"position" integer NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	CONSTRAINT "rejection_reasons_label_unique" UNIQUE("label")
);
--> statement-breakpoint
CREATE TABLE "signing_keys" (
	"kid" text PRIMARY KEY NOT NULL,
	"private_key_pem" text NOT NULL,
	"public_key_pem" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "cards" ADD COLUMN "code" text;--> statement-breakpoint
ALTER TABLE "cards" ADD COLUMN "photo_id" uuid;--> statement-breakpoint
ALTER TABLE "cards" ADD COLUMN "valid_until" date;--> statement-breakpoint
ALTER TABLE "cards" ADD COLUMN "printed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "cards" ADD COLUMN "delivered_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "cards" ADD COLUMN "lanyard" text;--> statement-breakpoint
ALTER TABLE "cards" ADD COLUMN "disabled_reason" text;--> statement-breakpoint
ALTER TABLE "cards" ADD COLUMN "disabled_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "cards" ADD COLUMN "returned_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "cards" ADD COLUMN "replaces_card_id" uuid;--> statement-breakpoint
ALTER TABLE "print_batch_cards" ADD CONSTRAINT "print_batch_cards_batch_id_print_batches_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."print_batches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "print_batch_cards" ADD CONSTRAINT "print_batch_cards_card_id_cards_id_fk" FOREIGN KEY ("card_id") REFERENCES "public"."cards"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "card_designs_one_active_idx" ON "card_designs" USING btree ("active") WHERE active;--> statement-breakpoint
CREATE INDEX "print_batch_cards_card_idx" ON "print_batch_cards" USING btree ("card_id");--> statement-breakpoint
CREATE INDEX "print_batches_created_idx" ON "print_batches" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "cards_state_idx" ON "cards" USING btree ("state","updated_at");--> statement-breakpoint
ALTER TABLE "cards" ADD CONSTRAINT "cards_code_unique" UNIQUE("code");--> statement-breakpoint
INSERT INTO "rejection_reasons" ("label", "position") VALUES
  ('Fondo no blanco', 1),
  ('Foto tipo selfie', 2),
  ('Foto escaneada o de otra foto', 3),
  ('Accesorios u objetos (gafas oscuras, gorra, audífonos)', 4),
  ('No es reciente', 5),
  ('Blanco y negro', 6),
  ('Rostro no centrado o cortado', 7),
  ('Foto borrosa u oscura', 8);
