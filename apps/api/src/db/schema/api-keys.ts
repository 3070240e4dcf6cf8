import { index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { ApiKeyScope } from '@lastmile/domain';
import { organizations, users } from './org.ts';

/**
 * Organization API keys for other systems (/api/v1, ADR 0031). Only the SHA-256 of the secret is
 * kept: the secret is 256 random bits, so a plain fast hash cannot be reversed by guessing, and a
 * lookup by hash costs one index probe per request. A revoked or expired row opens nothing.
 */
export const apiKeys = pgTable(
  'api_keys',
  {
    id: uuid('id').primaryKey(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id),
    name: text('name').notNull(),
    /** The secret's first characters (`lmk_AbCd1234`), so an admin can tell keys apart; not enough to use one. */
    prefix: text('prefix').notNull(),
    secretHash: text('secret_hash').notNull(),
    scopes: jsonb('scopes').$type<ApiKeyScope[]>().notNull(),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    /** Kept to the minute (services/api-keys/authenticate-api-key.ts): not a write per request. */
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    revokedBy: uuid('revoked_by').references(() => users.id),
  },
  (t) => [uniqueIndex('api_keys_secret_hash_idx').on(t.secretHash), index('api_keys_org_idx').on(t.orgId, t.createdAt)],
);
