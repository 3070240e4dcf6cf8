import { aliasedTable, and, asc, desc, eq } from 'drizzle-orm';
import type { Device, DevicesQuery } from '@lastmile/domain';
import type { DbOrTx } from '@lastmile/sync/server';
import { devices, users } from '../../db/schema/index.ts';
import { isoOrNull } from '../device-time.ts';
import { summarizeUserAgent } from './user-agent-summary.ts';

/** More than any organization's phones and browsers; the list is not paged below it. */
export const MAX_DEVICES_LISTED = 2000;

/** The organization's devices for the admin's registry, by last contact. */
export async function findDevices(db: DbOrTx, orgId: string, query: DevicesQuery): Promise<Device[]> {
  const revoker = aliasedTable(users, 'revoker');
  const order = query.sort === 'last_contact_asc' ? asc(devices.lastSeenAt) : desc(devices.lastSeenAt);
  const rows = await db
    .select({ device: devices, userName: users.name, revokedByName: revoker.name })
    .from(devices)
    .leftJoin(users, eq(users.id, devices.lastUserId))
    .leftJoin(revoker, eq(revoker.id, devices.revokedBy))
    .where(and(eq(devices.orgId, orgId), query.userId === undefined ? undefined : eq(devices.lastUserId, query.userId)))
    .orderBy(order, asc(devices.id))
    .limit(MAX_DEVICES_LISTED);
  return rows.map(({ device: d, userName, revokedByName }) => ({
    id: d.id,
    clientId: d.clientId,
    userId: d.lastUserId,
    userName,
    ...summarizeUserAgent(d.userAgent),
    appVersion: d.appVersion,
    firstSeenAt: d.createdAt.toISOString(),
    lastContactAt: d.lastSeenAt.toISOString(),
    pendingCount: d.pendingCount,
    oldestPendingAt: isoOrNull(d.oldestPendingAt),
    storageUsedBytes: d.storageUsedBytes,
    storageQuotaBytes: d.storageQuotaBytes,
    revokedAt: isoOrNull(d.revokedAt),
    revokedByName,
    revokeReason: d.revokeReason,
  }));
}
