-- The people search of the mention and owner pickers (GET /api/people/search, ADR 0051).
CREATE INDEX "users_name_trgm_idx" ON "users" USING gin (lower("name") gin_trgm_ops);