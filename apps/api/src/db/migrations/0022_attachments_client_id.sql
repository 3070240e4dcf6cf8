ALTER TABLE "attachments" ADD COLUMN "client_id" text;--> statement-breakpoint
-- Photos still waiting for their bytes learn the device that recorded them from the audit trail
-- (every accepted push is there with its client id, ADR 0022), so a crew member's photo stuck
-- since they left the phone can still go up through that phone (ADR 0033).
UPDATE "attachments" AS a SET "client_id" = e."client_id"
FROM "audit_events" AS e
WHERE a."state" = 'pending' AND e."org_id" = a."org_id" AND e."source" = 'sync'
  AND e."action" = 'addAttachment' AND e."entity" = 'attachments' AND e."entity_id" = a."id"::text;
