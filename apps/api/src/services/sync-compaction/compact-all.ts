import { sql } from 'drizzle-orm';
import pg from 'pg';
import { compactChanges, queryRows, type AnyDb } from '@lastmile/sync/server';

/** Any number that no other advisory lock of the app uses: "lastmile compaction". */
export const COMPACTION_LOCK = 0x4c4d_4350;

export type CompactionRun = { organizations: number; removed: number; batches: number } | 'busy';

/**
 * Compacts every organization's change log (packages/sync compact.ts: short transactions of a
 * bounded number of entries, safe under concurrent pushes and pulls). `afterIds` remembers, per
 * organization, the last entry a previous run looked at, so a run reads only what was written
 * since (a process's first run reads everything once).
 *
 * On PostgreSQL one process at a time runs it: the first to get a session advisory lock, held on
 * a connection of its own for the run (a second process would only repeat the same deletes).
 * PGlite is one process anyway.
 */
export async function compactAllOrganizations(
  db: AnyDb,
  afterIds: Map<string, number>,
  options: { keepVersions?: number; batchSize?: number } = {},
): Promise<CompactionRun> {
  const client = (db as { $client?: unknown }).$client;
  if (!(client instanceof pg.Pool)) return compactEach(db, afterIds, options);
  const holder = await client.connect();
  try {
    const locked = await holder.query<{ locked: boolean }>('select pg_try_advisory_lock($1) as locked', [
      COMPACTION_LOCK,
    ]);
    if (!locked.rows[0]?.locked) return 'busy';
    try {
      return await compactEach(db, afterIds, options);
    } finally {
      await holder.query('select pg_advisory_unlock($1)', [COMPACTION_LOCK]);
    }
  } finally {
    holder.release();
  }
}

async function compactEach(
  db: AnyDb,
  afterIds: Map<string, number>,
  options: { keepVersions?: number; batchSize?: number },
): Promise<CompactionRun> {
  const orgs = await queryRows<{ org_id: string }>(db, sql`select org_id from sync_org_versions order by org_id`);
  let removed = 0;
  let batches = 0;
  for (const { org_id: orgId } of orgs) {
    const result = await compactChanges(db, orgId, options.keepVersions, {
      afterId: afterIds.get(orgId) ?? 0,
      ...(options.batchSize ? { batchSize: options.batchSize } : {}),
    });
    afterIds.set(orgId, result.lastId);
    removed += result.removed;
    batches += result.batches;
  }
  return { organizations: orgs.length, removed, batches };
}
