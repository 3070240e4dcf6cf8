ALTER TABLE "form_responses" ADD COLUMN "reopened_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "form_responses" ADD COLUMN "reopened_by" uuid;
-- No backfill: forms reopened before this migration keep null, so a stale submit of one of them is
-- accepted as before. Only reopens from now on are checked.
