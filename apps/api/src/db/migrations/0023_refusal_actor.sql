ALTER TABLE "sync_mutation_results" ADD COLUMN "actor_id" uuid;
-- No backfill: a refusal is not in the audit trail, so who made an older refused change (the host
-- or a crew member, ADR 0033) is not recorded anywhere. Those rows keep null and are shown as the
-- device's person (user_id), as before.
