CREATE TABLE "form_response_aliases" (
	"alias_id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"response_id" uuid NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "job_assignments" (
	"id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"job_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"from_version" bigint NOT NULL,
	"to_version" bigint
);
--> statement-breakpoint
ALTER TABLE "sync_clients" ADD COLUMN "served_version" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "form_response_aliases" ADD CONSTRAINT "form_response_aliases_response_id_form_responses_id_fk" FOREIGN KEY ("response_id") REFERENCES "public"."form_responses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "job_assignments" ADD CONSTRAINT "job_assignments_job_id_jobs_id_fk" FOREIGN KEY ("job_id") REFERENCES "public"."jobs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "form_response_aliases_response_idx" ON "form_response_aliases" USING btree ("response_id");--> statement-breakpoint
CREATE INDEX "job_assignments_job_user_idx" ON "job_assignments" USING btree ("job_id","user_id","from_version");--> statement-breakpoint
-- Jobs assigned before this migration: their current period opens at version 0 (earlier periods are unknown).
INSERT INTO "job_assignments" ("id", "org_id", "job_id", "user_id", "from_version", "to_version")
SELECT gen_random_uuid(), "org_id", "id", "assignee_id", 0, NULL FROM "jobs" WHERE "assignee_id" IS NOT NULL;
