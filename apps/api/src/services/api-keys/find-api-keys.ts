import { desc, eq } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { ApiKey } from '@lastmile/domain';
import type { DbOrTx } from '@lastmile/sync/server';
import { apiKeys, users } from '../../db/schema/index.ts';

const creators = alias(users, 'creators');

type ApiKeyDbRow = typeof apiKeys.$inferSelect;

export function toApiKey(row: ApiKeyDbRow, createdByName: string | null): ApiKey {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    scopes: row.scopes,
    createdAt: row.createdAt.toISOString(),
    createdByName,
    expiresAt: row.expiresAt?.toISOString() ?? null,
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
  };
}

/** The organization's keys, newest first, revoked ones included (the screen greys them). */
export async function findApiKeys(db: DbOrTx, orgId: string): Promise<ApiKey[]> {
  const rows = await db
    .select({ key: apiKeys, createdByName: creators.name })
    .from(apiKeys)
    .leftJoin(creators, eq(creators.id, apiKeys.createdBy))
    .where(eq(apiKeys.orgId, orgId))
    .orderBy(desc(apiKeys.createdAt), desc(apiKeys.id));
  return rows.map((r) => toApiKey(r.key, r.createdByName));
}
