import { sql, type SQL } from 'drizzle-orm';
import type { AnyDb } from './db-types.ts';
import { queryRows } from './raw.ts';

/**
 * Log compaction, in the spirit of Kafka's: for every (scope, row) only the newest entry is
 * needed, so older ones are deleted. Tombstones are deleted once they are both more than
 * `keep.versions` versions and more than `keep.days` days old (ADR 0047); that raises the
 * organization's `min_version`, and clients with an older cursor get a reset.
 *
 * Everything runs in short transactions of at most `batchSize` entries, so compaction never holds
 * many locks or a long snapshot, and it can run while clients push and pull:
 * - deleting a superseded entry takes no lock a writer waits for (writers only insert), and a
 *   reader from any cursor still meets the newer entry that superseded it;
 * - deleting tombstones changes `min_version` in the same transaction (the organization's version
 *   row is locked only from that UPDATE to the commit, a few milliseconds), so a pull sees both or
 *   neither, and a reset paging across the change restarts (process-pull.ts, `belowHorizon`).
 */
export type CompactOptions = {
  /** Entries per transaction. */
  batchSize?: number;
  /**
   * Only entries with a larger id can supersede others (a pass remembers where it stopped: an
   * older entry was already compared with everything before it). 0: the whole log.
   */
  afterId?: number;
};

/**
 * How long tombstones are kept: a tombstone goes once it is older than both. `days: 0` keeps them
 * by version count alone (no marks are written or read).
 */
export type TombstoneKeep = { versions: number; days: number };

export type CompactResult = {
  /** Entries deleted: superseded ones and old tombstones (with the older entries of their rows). */
  removed: number;
  minVersion: number;
  /** The largest id looked at: the next pass's `afterId`. */
  lastId: number;
  /** Transactions run (each at most `batchSize` entries). */
  batches: number;
};

/**
 * A phone that completed a pull within the last 30 days continues from its cursor. Thirty days is
 * what a crew's longest trip off the grid or a phone left in a drawer over the holidays needs,
 * and what Atlas Device Sync chose as its default "client max offline time".
 */
export const DEFAULT_TOMBSTONE_KEEP: TombstoneKeep = { versions: 10_000, days: 30 };
export const DEFAULT_COMPACT_BATCH = 2000;
/**
 * A new mark is written once the newest is older than this share of the keep period, so an
 * organization holds about 50 marks whatever the period, and a tombstone outlives its period by at
 * most 2 % of it.
 */
const MARKS_PER_PERIOD = 50;

export async function compactChanges(
  db: AnyDb,
  orgId: string,
  keep: TombstoneKeep = DEFAULT_TOMBSTONE_KEEP,
  options: CompactOptions = {},
): Promise<CompactResult> {
  const batchSize = options.batchSize ?? DEFAULT_COMPACT_BATCH;
  // The committed version: every entry at or below it is committed, so the walk below can stop
  // there and remember its last id without passing over a transaction still in flight (entries
  // take their ids under the version lock, so a later version has larger ids).
  const [org] = await queryRows<{ version: string | number; min_version: string | number }>(
    db,
    sql`select version, min_version from sync_org_versions where org_id = ${orgId}`,
  );
  const version = Number(org?.version ?? 0);
  const superseded = await removeSuperseded(db, orgId, version, options.afterId ?? 0, batchSize);
  const byCount = version - keep.versions;
  const horizon = keep.days > 0 ? Math.min(byCount, await horizonByTime(db, orgId, version, keep.days)) : byCount;
  const tombstones = await removeOldTombstones(db, orgId, horizon, batchSize);
  return {
    removed: superseded.removed + tombstones.removed,
    minVersion: tombstones.minVersion ?? Number(org?.min_version ?? 0),
    lastId: superseded.lastId,
    batches: superseded.batches + tombstones.batches,
  };
}

/**
 * The newest version whose tombstones are more than `days` old, from the organization's marks
 * (ADR 0047); 0 while no mark is that old. In one statement it also marks `version` (read by the
 * caller's earlier statement, so it had committed before this statement's `now()`: the mark's
 * claim holds) when the newest mark is older than a fiftieth of the period, and drops the marks
 * the horizon no longer needs.
 *
 * The horizon is one below the mark's version: a device that completed a pull after the mark's
 * time holds a cursor at or above that version, and a cursor only resets below `min_version`,
 * which is one above the newest tombstone deleted.
 */
async function horizonByTime(db: AnyDb, orgId: string, version: number, days: number): Promise<number> {
  const [row] = await queryRows<{ version: string | number | null }>(
    db,
    sql`with newest as (
          select max(at) as at from sync_version_marks where org_id = ${orgId}
        ), added as (
          insert into sync_version_marks (org_id, version, at)
          select ${orgId}, ${version}, now() from newest
          where newest.at is null or newest.at <= now() - ${days / MARKS_PER_PERIOD}::float8 * interval '1 day'
          on conflict do nothing
        ), cut as (
          select max(version) as version from sync_version_marks
          where org_id = ${orgId} and at <= now() - ${days}::float8 * interval '1 day'
        ), pruned as (
          delete from sync_version_marks m using cut where m.org_id = ${orgId} and m.version < cut.version
        )
        select version from cut`,
  );
  return row?.version === null || row?.version === undefined ? 0 : Number(row.version) - 1;
}

/**
 * Walks the organization's entries up to `version` by id, `batchSize` at a time, and deletes every
 * older entry of the same (scope, row) as one of them (through sync_changes_key_idx).
 */
async function removeSuperseded(db: AnyDb, orgId: string, version: number, afterId: number, batchSize: number) {
  let lastId = afterId;
  let removed = 0;
  let batches = 0;
  for (;;) {
    const [step] = await queryRows<{
      last_id: string | number | null;
      seen: string | number;
      removed: string | number;
    }>(
      db,
      sql`with batch as (
            select id, version, scope, entity, entity_id from sync_changes
            where org_id = ${orgId} and id > ${lastId} and version <= ${version} order by id limit ${batchSize}
          ), gone as (
            delete from sync_changes c using batch b
            where c.org_id = ${orgId} and c.scope = b.scope and c.entity = b.entity and c.entity_id = b.entity_id
              and (c.version, c.id) < (b.version, b.id)
            returning c.version, c.entity, c.entity_id, c.op
          ), ${rowsLeftBehind(orgId)}
          select (select max(id) from batch) as last_id, (select count(*) from batch) as seen,
                 (select count(*) from gone) as removed`,
    );
    batches++;
    removed += Number(step?.removed ?? 0);
    if (step?.last_id === null || step?.last_id === undefined) break;
    lastId = Number(step.last_id);
    if (Number(step.seen) < batchSize) break;
  }
  return { removed, lastId, batches };
}

/**
 * Deletes tombstones at or below the horizon, oldest first, each with the older entries of its
 * (scope, row) (so no older `put` can outlive the `del` that ended it, even if the superseded pass
 * has not seen it yet), and raises `min_version` past the newest one deleted, in one statement.
 * The horizon is below the committed version: every entry at or below it is committed.
 */
async function removeOldTombstones(db: AnyDb, orgId: string, horizon: number, batchSize: number) {
  let minVersion: number | null = null;
  let removed = 0;
  let batches = 0;
  if (horizon < 1) return { removed, minVersion, batches };
  for (;;) {
    const [step] = await queryRows<{
      removed: string | number;
      tombstones: string | number;
      min_version: string | number | null;
    }>(
      db,
      sql`with batch as (
            select id, version, scope, entity, entity_id from sync_changes
            where org_id = ${orgId} and op = 'del' and version <= ${horizon}
            order by version, id limit ${batchSize}
          ), gone as (
            delete from sync_changes c using batch b
            where c.org_id = ${orgId} and c.scope = b.scope and c.entity = b.entity and c.entity_id = b.entity_id
              and (c.version, c.id) <= (b.version, b.id)
            returning c.version, c.entity, c.entity_id, c.op
          ), ${rowsLeftBehind(orgId)}, raised as (
            update sync_org_versions set min_version = greatest(min_version, (select max(version) from gone) + 1)
            where org_id = ${orgId} and exists (select 1 from gone)
            returning min_version
          )
          select (select count(*) from gone) as removed, (select count(*) from batch) as tombstones,
                 (select min_version from raised) as min_version`,
    );
    batches++;
    removed += Number(step?.removed ?? 0);
    if (step?.min_version !== null && step?.min_version !== undefined) minVersion = Number(step.min_version);
    if (Number(step?.tombstones ?? 0) < batchSize) break;
  }
  return { removed, minVersion, batches };
}

/**
 * A CTE deleting the sync_change_rows that the entries in `gone` (deleted by the same statement)
 * were the last to point at (ADR 0045). The statement's other parts read the log as it was before
 * it, so "no `put` entry left" is "as many `put` entries of that (version, row) in the log as in
 * `gone`": counted, one index range each, rather than asking of every entry whether `gone` holds
 * it (that scanned `gone` once per entry and made a batch cost its square). A writer never adds an
 * entry to an old version, so nothing can point at the row again.
 */
function rowsLeftBehind(orgId: string): SQL {
  return sql`rows_gone as (
    delete from sync_change_rows r
    using (select version, entity, entity_id, count(*) as puts from gone where op = 'put' group by version, entity, entity_id) g
    where r.org_id = ${orgId} and r.version = g.version and r.entity = g.entity and r.entity_id = g.entity_id
      and g.puts = (
        select count(*) from sync_changes c
        where c.org_id = ${orgId} and c.entity = g.entity and c.entity_id = g.entity_id and c.version = g.version and c.op = 'put'
      )
  )`;
}
