import { sql } from 'drizzle-orm';
import { AppError, ERROR_CODES, newId, type Actor } from '@lastmile/domain';
import type { DeviceReport } from '@lastmile/sync';
import { queryRows, type AnyDb } from '@lastmile/sync/server';
import { notifyAccessChanged } from '../../auth/access-channel.ts';
import { deviceTime } from '../device-time.ts';
import { deviceRevokedError } from './device-revoked-error.ts';
import type { RecentContacts } from './recent-contacts.ts';

export type DeviceContact = {
  actor: Actor;
  clientId: string;
  /** Absent from older apps: the report columns then say "not reported" (null). */
  report: DeviceReport | undefined;
  userAgent: string | undefined;
  sessionTokenHash: string;
  /**
   * Pulls: renew the crew's sessions on this client past half their life (crew mode, ADR 0033), in
   * the same statement — never the cookie's own session, whose renewal must reach the browser with
   * the cookie (findSession does that one).
   */
  crewSessionTtlDays?: number;
  now?: Date;
};

/** The crew-session renewal as a CTE (ending in a comma), or nothing. */
function crewSlide(contact: DeviceContact, now: string) {
  const days = contact.crewSessionTtlDays;
  if (days === undefined) return sql``;
  return sql`crew as (
          update sessions set expires_at = ${now}::timestamptz + make_interval(days => ${days}), last_seen_at = ${now}::timestamptz
          where client_id = ${contact.clientId} and revoked_at is null and token_hash <> ${contact.sessionTokenHash}
            and expires_at > ${now}::timestamptz and expires_at < ${now}::timestamptz + make_interval(days => ${days}) / 2
        ),
        `;
}

/**
 * A contact that reports nothing new within this long of the last one recorded is not written: a
 * phone syncing every few seconds would otherwise commit (and wait for the disk) twice per cycle
 * only to move a "last seen" the admin reads to the minute (docs/scaling.md).
 */
const CONTACT_RESOLUTION = '60 seconds';

/**
 * Every push and pull: the device registry learns the client's last contact and report, and the
 * session remembers which client it serves (so revoking the device can end it). One statement,
 * which writes only when the report changed or the last contact recorded is over a minute old;
 * the device's revocation is read either way.
 * A revoked device is refused here (its report still recorded: the admin sees it tried), and the
 * session it came through ends as well — whichever of the person's sessions that is.
 * With `recent`, a contact identical to one recorded within the last minute is skipped (see
 * recent-contacts.ts for why that is safe); `refuseRevokedContact` is the other half of that.
 */
export async function recordDeviceContact(db: AnyDb, contact: DeviceContact, recent?: RecentContacts): Promise<void> {
  if (recent?.isFresh(contact)) return;
  const { actor, clientId, report, sessionTokenHash } = contact;
  const now = (contact.now ?? new Date()).toISOString();
  const userAgent = contact.userAgent?.slice(0, 500) ?? null;
  // The oldest pending change's clientTime: a phone whose clock said year 0 must not fail here.
  const oldestPendingAt = report?.oldestPendingAt ? (deviceTime(report.oldestPendingAt)?.toISOString() ?? null) : null;
  const [device] = await queryRows<{ revoked_at: Date | string | null; revoke_reason: string | null }>(
    db,
    sql`with known as (
          select revoked_at, revoke_reason from devices
          where client_id = ${clientId} and org_id = ${actor.orgId} and last_user_id = ${actor.userId}
        ),
        device as (
          insert into devices (id, org_id, client_id, last_user_id, created_at, last_seen_at, user_agent, app_version,
                               pending_count, oldest_pending_at, storage_used_bytes, storage_quota_bytes)
          values (${newId()}, ${actor.orgId}, ${clientId}, ${actor.userId}, ${now}::timestamptz, ${now}::timestamptz,
                  ${userAgent}, ${report?.appVersion ?? null}, ${report?.pendingCount ?? null},
                  ${oldestPendingAt}::timestamptz, ${report?.storageUsedBytes ?? null}::bigint,
                  ${report?.storageQuotaBytes ?? null}::bigint)
          on conflict (client_id) do update set
            last_seen_at = excluded.last_seen_at, user_agent = excluded.user_agent, app_version = excluded.app_version,
            pending_count = excluded.pending_count, oldest_pending_at = excluded.oldest_pending_at,
            storage_used_bytes = excluded.storage_used_bytes, storage_quota_bytes = excluded.storage_quota_bytes
          where devices.org_id = excluded.org_id and devices.last_user_id = excluded.last_user_id
            and (devices.last_seen_at < excluded.last_seen_at - ${CONTACT_RESOLUTION}::interval
              or (devices.user_agent, devices.app_version, devices.pending_count, devices.oldest_pending_at,
                  devices.storage_used_bytes, devices.storage_quota_bytes)
                 is distinct from (excluded.user_agent, excluded.app_version, excluded.pending_count,
                  excluded.oldest_pending_at, excluded.storage_used_bytes, excluded.storage_quota_bytes))
          returning revoked_at, revoke_reason
        ),
        ${crewSlide(contact, now)}session as (
          update sessions set client_id = ${clientId}
          where token_hash = ${sessionTokenHash} and client_id is distinct from ${clientId}
            and (exists (select 1 from device) or exists (select 1 from known))
        )
        select revoked_at, revoke_reason from device
        union all
        select revoked_at, revoke_reason from known where not exists (select 1 from device)`,
  );
  // No row: the client id is another person's (or another organization's) — or this client's
  // first contact raced another of its own (a retry of its first push, a push and a pull at once):
  // the other inserted the device after this statement's snapshot, so `known` missed it and the
  // upsert, finding it identical, wrote nothing. A new snapshot tells the two apart.
  const found = device ?? (await ownDevice(db, actor.orgId, actor.userId, clientId));
  // The client id is another person's: the engine says so the same way.
  if (!found) {
    throw new AppError(
      ERROR_CODES.clientMismatch,
      'This client id belongs to another person. Sign in again on this device.',
    );
  }
  if (found.revoked_at === null) {
    // Not after the second look: that statement bound no session to the client, so the next
    // contact must run in full rather than be skipped as a repeat.
    if (device) recent?.remember(contact);
    return;
  }
  recent?.forget(contact);
  await db.transaction(async (tx) => {
    await tx.execute(
      sql`update sessions set revoked_at = ${now}::timestamptz, revoke_reason = 'device_revoked'
          where token_hash = ${sessionTokenHash} and revoked_at is null`,
    );
    await notifyAccessChanged(tx, actor.orgId);
  });
  throw deviceRevokedError(found.revoke_reason);
}

/** This person's device row for the client, as committed now (recordDeviceContact's second look). */
async function ownDevice(db: AnyDb, orgId: string, userId: string, clientId: string) {
  const [row] = await queryRows<{ revoked_at: Date | string | null; revoke_reason: string | null }>(
    db,
    sql`select revoked_at, revoke_reason from devices
        where client_id = ${clientId} and org_id = ${orgId} and last_user_id = ${userId}`,
  );
  return row;
}

/**
 * After a push or pull refused the device as revoked in its own transaction: the contact is
 * recorded in full, which ends the session and throws the refusal (a contact skipped as recent
 * did neither). Any other error is left as it is.
 */
export async function refuseRevokedContact(
  db: AnyDb,
  error: unknown,
  contact: DeviceContact,
  recent: RecentContacts,
): Promise<void> {
  if (!(error instanceof AppError) || error.code !== ERROR_CODES.deviceRevoked) return;
  recent.forget(contact);
  await recordDeviceContact(db, contact);
}
