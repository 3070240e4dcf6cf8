import { sql } from 'drizzle-orm';
import { queryRows, type AdmitClient, type ClientStanding } from '@lastmile/sync/server';
import { deviceRevokedError } from './device-revoked-error.ts';

type Standing = { revoked_at: Date | string | null; revoke_reason: string | null };

/**
 * Inside the push's transaction, in the statement that locks the client's row: the device row is
 * read FOR SHARE, so a revocation committing at the same moment either came first (this push is
 * refused, nothing of it applied) or waits until this push has committed (it was accepted before
 * the device was revoked). Never half of each.
 */
export const pushStanding: ClientStanding = {
  query: (clientId) => sql`select revoked_at, revoke_reason from devices where client_id = ${clientId} for share`,
  check: (row) => {
    if (row && row['revoked_at'] !== null && row['revoked_at'] !== undefined) {
      throw deviceRevokedError(typeof row['revoke_reason'] === 'string' ? row['revoke_reason'] : null);
    }
  },
};

/** Inside the pull's read-only snapshot: a device revoked before it began gets no data. */
export const admitPull: AdmitClient = async (tx, clientId) => {
  const [row] = await queryRows<Standing>(
    tx,
    sql`select revoked_at, revoke_reason from devices where client_id = ${clientId}`,
  );
  if (row && row.revoked_at !== null) throw deviceRevokedError(row.revoke_reason);
};
