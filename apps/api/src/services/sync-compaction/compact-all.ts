import { sql } from 'drizzle-orm';
import { compactChanges, queryRows, type AnyDb, type TombstoneKeep } from '@lastmile/sync/server';
import { withAdvisoryLock } from '../advisory-lock.ts';

/** Any number that no other advisory lock of the app uses: "lastmile compaction". */
export const COMPACTION_LOCK = 0x4c4d_4350;

export type CompactionRun = { organizations: number; removed: number; batches: number } | 'busy';

/** Without `keep`, compactChanges' DEFAULT_TOMBSTONE_KEEP. */
export type CompactionOptions = { keep?: TombstoneKeep; batchSize?: number };

/**
 * Compacts every organization's change log (packages/sync compact.ts: short transactions of a
 * bounded number of entries, safe under concurrent pushes and pulls). `afterIds` remembers, per
 * organization, the last entry a previous run looked at, so a run reads only what was written
 * since (a process's first run reads everything once).
 *
 * On PostgreSQL one process at a time runs it (withAdvisoryLock): a second would only repeat the
 * same deletes.
 */
export async function compactAllOrganizations(
  db: AnyDb,
  afterIds: Map<string, number>,
  options: CompactionOptions = {},
): Promise<CompactionRun> {
  return withAdvisoryLock(db, COMPACTION_LOCK, () => compactEach(db, afterIds, options));
}

async function compactEach(
  db: AnyDb,
  afterIds: Map<string, number>,
  options: CompactionOptions,
): Promise<CompactionRun> {
  const orgs = await queryRows<{ org_id: string }>(db, sql`select org_id from sync_org_versions order by org_id`);
  let removed = 0;
  let batches = 0;
  for (const { org_id: orgId } of orgs) {
    const result = await compactChanges(db, orgId, options.keep, {
      afterId: afterIds.get(orgId) ?? 0,
      ...(options.batchSize ? { batchSize: options.batchSize } : {}),
    });
    afterIds.set(orgId, result.lastId);
    removed += result.removed;
    batches += result.batches;
  }
  return { organizations: orgs.length, removed, batches };
}
