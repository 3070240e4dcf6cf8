CREATE TABLE "sync_version_marks" (
	"org_id" uuid NOT NULL,
	"version" bigint NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sync_version_marks_org_id_version_pk" PRIMARY KEY("org_id","version")
);
