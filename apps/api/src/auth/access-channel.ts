import { sql } from 'drizzle-orm';
import type { DbOrTx } from '@lastmile/sync/server';

/**
 * PostgreSQL channel on which a change of who may be connected is announced (sessions revoked, a
 * person deactivated, a device revoked), with the organization's id as payload. Every API process
 * LISTENs and closes its open poke streams whose session is no longer live, so the streams end at
 * once wherever they are connected. Sent inside the transaction that made the change: delivered
 * when it commits, never for one that rolled back.
 */
export const ACCESS_CHANNEL = 'lastmile_access';

export async function notifyAccessChanged(db: DbOrTx, orgId: string): Promise<void> {
  await db.execute(sql`select pg_notify(${ACCESS_CHANNEL}, ${orgId})`);
}
