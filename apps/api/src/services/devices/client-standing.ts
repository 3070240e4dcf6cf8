import { sql } from 'drizzle-orm';
import type { ClientStanding } from '@lastmile/sync/server';
import { deviceRevokedError } from './device-revoked-error.ts';

/** The device's row as `to_jsonb` gives it (or none: a device not registered yet syncs). */
function refuseRevoked(row: Record<string, unknown> | null): void {
  if (row && row['revoked_at'] !== null && row['revoked_at'] !== undefined) {
    throw deviceRevokedError(typeof row['revoke_reason'] === 'string' ? row['revoke_reason'] : null);
  }
}

/**
 * Inside the push's transaction, in the statement that locks the client's row: the device row is
 * read FOR SHARE, so a revocation committing at the same moment either came first (this push is
 * refused, nothing of it applied) or waits until this push has committed (it was accepted before
 * the device was revoked). Never half of each.
 */
export const pushStanding: ClientStanding = {
  query: (clientId) => sql`select revoked_at, revoke_reason from devices where client_id = ${clientId} for share`,
  check: refuseRevoked,
};

/** Inside the pull's read-only snapshot, with the client's row: a device revoked before it began gets no data. */
export const pullStanding: ClientStanding = {
  query: (clientId) => sql`select revoked_at, revoke_reason from devices where client_id = ${clientId}`,
  check: refuseRevoked,
};
