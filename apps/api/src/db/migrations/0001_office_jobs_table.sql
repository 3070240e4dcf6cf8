-- Trigram index for the office jobs table's search (PGlite loads the pg_trgm contrib module).
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
ALTER TABLE "jobs" ADD COLUMN "priority_rank" smallint GENERATED ALWAYS AS (case priority when 'low' then 0 when 'normal' then 1 when 'high' then 2 when 'urgent' then 3 else 1 end) STORED;--> statement-breakpoint
ALTER TABLE "jobs" ADD COLUMN "search_text" text DEFAULT '' NOT NULL;--> statement-breakpoint
CREATE INDEX "customers_org_lower_name_idx" ON "customers" USING btree ("org_id",lower("name"));--> statement-breakpoint
CREATE INDEX "jobs_org_status_start_idx" ON "jobs" USING btree ("org_id","status","scheduled_start");--> statement-breakpoint
CREATE INDEX "jobs_org_type_start_idx" ON "jobs" USING btree ("org_id","job_type_id","scheduled_start");--> statement-breakpoint
CREATE INDEX "jobs_org_customer_start_idx" ON "jobs" USING btree ("org_id","customer_id","scheduled_start");--> statement-breakpoint
CREATE INDEX "jobs_org_priority_start_idx" ON "jobs" USING btree ("org_id","priority_rank","scheduled_start");--> statement-breakpoint
CREATE INDEX "jobs_search_trgm_idx" ON "jobs" USING gin ("search_text" gin_trgm_ops);--> statement-breakpoint
-- Jobs created before this migration get their search text once.
UPDATE "jobs" SET "search_text" = lower(concat_ws(' ', "jobs"."number", "jobs"."title", "jobs"."external_ref", "customers"."name", "sites"."address"))
FROM "customers", "sites" WHERE "customers"."id" = "jobs"."customer_id" AND "sites"."id" = "jobs"."site_id";