import type { ApiKeyScope } from '@lastmile/domain';
import type { Db } from '../db/client.ts';
import { createApiKey } from '../services/api-keys/create-api-key.ts';

/** A fresh organization API key made by `admin`, as the headers a client sends with it. */
export async function apiKeyFor(
  db: Db,
  admin: { id: string; orgId: string },
  scopes: ApiKeyScope[],
  expiresAt: string | null = null,
): Promise<{ id: string; headers: { authorization: string } }> {
  const { key, secret } = await createApiKey(db, null, {
    orgId: admin.orgId,
    adminId: admin.id,
    name: `test ${scopes.join('+')}`,
    scopes,
    expiresAt,
  });
  return { id: key.id, headers: { authorization: `Bearer ${secret}` } };
}
