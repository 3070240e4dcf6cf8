import { and, eq, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '@lastmile/sync/server';
import { attachments, devices, syncClients } from '../db/schema/index.ts';

/** What a person's own phones hold that the server does not have yet. */
export type WorkOnPhones = { photos: number; changes: number };

/**
 * Per person of the organization, the work only their own phones (sync clients they own) still
 * hold: photos whose record arrived but whose bytes did not — crew members' photos taken on that
 * phone included — and the changes those phones last reported as not synced (ADR 0028's device
 * report). Deactivating the person stops those phones, so the dialog says what would be stranded
 * there (ADR 0033 amendment of 2026-12-03). People with nothing waiting are absent.
 */
export async function workOnPhonesByOwner(db: DbOrTx, orgId: string): Promise<Map<string, WorkOnPhones>> {
  const [photos, changes] = await Promise.all([
    db
      .select({ userId: syncClients.userId, n: sql<number>`count(*)::int` })
      .from(attachments)
      .innerJoin(syncClients, eq(syncClients.clientId, attachments.clientId))
      .where(and(eq(attachments.orgId, orgId), eq(attachments.state, 'pending'), eq(syncClients.orgId, orgId)))
      .groupBy(syncClients.userId),
    db
      .select({ userId: syncClients.userId, n: sql<number>`coalesce(sum(${devices.pendingCount}), 0)::int` })
      .from(devices)
      .innerJoin(syncClients, eq(syncClients.clientId, devices.clientId))
      .where(and(eq(devices.orgId, orgId), eq(syncClients.orgId, orgId), isNull(devices.revokedAt)))
      .groupBy(syncClients.userId),
  ]);
  const work = new Map<string, WorkOnPhones>();
  const entry = (userId: string) => work.get(userId) ?? work.set(userId, { photos: 0, changes: 0 }).get(userId)!;
  for (const r of photos) entry(r.userId).photos = r.n;
  for (const r of changes) if (r.n > 0) entry(r.userId).changes = r.n;
  return work;
}
