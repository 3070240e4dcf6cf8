import { eq } from 'drizzle-orm';
import type { AppError } from '@lastmile/domain';
import type { DbOrTx } from '@lastmile/sync/server';
import { devices, sessions } from '../../db/schema/index.ts';
import { deviceRevokedError } from './device-revoked-error.ts';

/**
 * For a cookie whose session is no longer live: was it ended because its device was revoked?
 * Then the app is told so (and why), rather than a plain "signed out" it would answer by asking
 * for the password again on a device that must be erased.
 */
export async function deviceRevocationOfSession(db: DbOrTx, tokenHash: string): Promise<AppError | null> {
  const [row] = await db
    .select({ sessionReason: sessions.revokeReason, reason: devices.revokeReason })
    .from(sessions)
    .leftJoin(devices, eq(devices.clientId, sessions.clientId))
    .where(eq(sessions.tokenHash, tokenHash))
    .limit(1);
  return row?.sessionReason === 'device_revoked' ? deviceRevokedError(row.reason) : null;
}
