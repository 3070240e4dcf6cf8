CREATE TABLE "sync_change_rows" (
	"org_id" uuid NOT NULL,
	"version" bigint NOT NULL,
	"entity" text NOT NULL,
	"entity_id" text NOT NULL,
	"row" jsonb NOT NULL,
	CONSTRAINT "sync_change_rows_org_id_version_entity_entity_id_pk" PRIMARY KEY("org_id","version","entity","entity_id")
);
--> statement-breakpoint
-- Each put's row moves to sync_change_rows, once per (version, row): the last one recorded (the
-- largest id) when scopes of one version held different copies (ADR 0045).
INSERT INTO "sync_change_rows" ("org_id", "version", "entity", "entity_id", "row")
SELECT DISTINCT ON ("org_id", "version", "entity", "entity_id") "org_id", "version", "entity", "entity_id", "row"
FROM "sync_changes" WHERE "op" = 'put' AND "row" IS NOT NULL
ORDER BY "org_id", "version", "entity", "entity_id", "id" DESC;--> statement-breakpoint
DROP INDEX "sync_changes_key_idx";--> statement-breakpoint
CREATE INDEX "sync_changes_key_idx" ON "sync_changes" USING btree ("org_id","entity","entity_id","scope","version");--> statement-breakpoint
ALTER TABLE "sync_changes" DROP COLUMN "row";