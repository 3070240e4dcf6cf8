ALTER TABLE "audit_events" ADD COLUMN "seq" bigint NOT NULL GENERATED ALWAYS AS IDENTITY (sequence name "audit_events_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1);--> statement-breakpoint
ALTER TABLE "audit_events" ADD COLUMN "source" text DEFAULT 'rest' NOT NULL;--> statement-breakpoint
ALTER TABLE "audit_events" ADD COLUMN "job_id" uuid;--> statement-breakpoint
ALTER TABLE "audit_events" ADD COLUMN "mutation_id" bigint;--> statement-breakpoint
ALTER TABLE "audit_events" ADD COLUMN "client_time" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "audit_events" ADD COLUMN "changes" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
CREATE INDEX "audit_job_seq_idx" ON "audit_events" USING btree ("job_id","seq") WHERE "audit_events"."job_id" is not null;--> statement-breakpoint
CREATE INDEX "audit_user_seq_idx" ON "audit_events" USING btree ("user_id","seq");--> statement-breakpoint
CREATE INDEX "audit_client_seq_idx" ON "audit_events" USING btree ("client_id","seq");--> statement-breakpoint
-- Hand-added (ADR 0022): no UPDATE, DELETE or TRUNCATE of the audit trail, from any connection. Only an explicit ALTER TABLE … DISABLE TRIGGER by the table's owner gets past it (the demo reseed does, seed/wipe.ts; the application never does).
CREATE FUNCTION "audit_events_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_events is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;--> statement-breakpoint
CREATE TRIGGER "audit_events_append_only" BEFORE UPDATE OR DELETE OR TRUNCATE ON "audit_events" FOR EACH STATEMENT EXECUTE FUNCTION "audit_events_append_only"();
