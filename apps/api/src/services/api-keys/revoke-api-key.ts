import { and, eq, isNull } from 'drizzle-orm';
import { AppError, ERROR_CODES } from '@lastmile/domain';
import type { AnyDb } from '@lastmile/sync/server';
import type { FastifyRequest } from 'fastify';
import { apiKeys } from '../../db/schema/index.ts';
import { AUDIT_ACTIONS, recordAudit } from '../record-audit.ts';

/**
 * Revokes a key of the admin's organization. Effective at once: every request looks its key up
 * (authenticate-api-key.ts), nothing caches it. False when it was revoked already (a retry).
 */
export async function revokeApiKey(
  db: AnyDb,
  request: FastifyRequest | null,
  input: { orgId: string; adminId: string; keyId: string },
): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [key] = await tx
      .select({ id: apiKeys.id, revokedAt: apiKeys.revokedAt })
      .from(apiKeys)
      .where(and(eq(apiKeys.id, input.keyId), eq(apiKeys.orgId, input.orgId)));
    if (!key) throw new AppError(ERROR_CODES.notFound, 'There is no such API key in your organization.');
    const [revoked] = await tx
      .update(apiKeys)
      .set({ revokedAt: new Date(), revokedBy: input.adminId })
      .where(and(eq(apiKeys.id, key.id), isNull(apiKeys.revokedAt)))
      .returning({ revokedAt: apiKeys.revokedAt });
    if (!revoked) return false;
    await recordAudit(tx, request, {
      orgId: input.orgId,
      userId: input.adminId,
      action: AUDIT_ACTIONS.apiKeyRevoked,
      entity: 'api-keys',
      entityId: key.id,
      changes: [{ field: 'revokedAt', before: null, after: revoked.revokedAt?.toISOString() ?? null }],
    });
    return true;
  });
}
