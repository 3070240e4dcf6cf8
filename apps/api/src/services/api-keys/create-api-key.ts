import { newId, type ApiKeyScope, type CreatedApiKey } from '@lastmile/domain';
import type { AnyDb } from '@lastmile/sync/server';
import type { FastifyRequest } from 'fastify';
import { apiKeys, users } from '../../db/schema/index.ts';
import { AUDIT_ACTIONS, recordAudit } from '../record-audit.ts';
import { eq } from 'drizzle-orm';
import { newApiKeySecret } from './api-key-secret.ts';
import { toApiKey } from './find-api-keys.ts';

export type CreateApiKeyInput = {
  orgId: string;
  adminId: string;
  name: string;
  scopes: ApiKeyScope[];
  expiresAt: string | null;
};

/** Creates a key and audits it in one transaction; the secret is returned here and nowhere else. */
export async function createApiKey(
  db: AnyDb,
  request: FastifyRequest | null,
  input: CreateApiKeyInput,
): Promise<CreatedApiKey> {
  const { secret, prefix, hash } = newApiKeySecret();
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(apiKeys)
      .values({
        id: newId(),
        orgId: input.orgId,
        name: input.name,
        prefix,
        secretHash: hash,
        scopes: input.scopes,
        createdBy: input.adminId,
        expiresAt: input.expiresAt === null ? null : new Date(input.expiresAt),
      })
      .returning();
    if (!row) throw new Error('insert into api_keys returned no row');
    await recordAudit(tx, request, {
      orgId: input.orgId,
      userId: input.adminId,
      action: AUDIT_ACTIONS.apiKeyCreated,
      entity: 'api-keys',
      entityId: row.id,
      changes: [
        { field: 'name', before: null, after: row.name },
        { field: 'scopes', before: null, after: row.scopes },
        { field: 'expiresAt', before: null, after: row.expiresAt?.toISOString() ?? null },
      ],
    });
    const [creator] = await tx.select({ name: users.name }).from(users).where(eq(users.id, input.adminId));
    return { key: toApiKey(row, creator?.name ?? null), secret };
  });
}
