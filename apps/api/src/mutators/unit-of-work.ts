import { sql } from 'drizzle-orm';
import type { JobRow, MutatorName } from '@lastmile/domain';
import type { PushFlush, PushUnitOfWork } from '@lastmile/sync/server';
import { prefetchPushRows } from './prefetch.ts';

/**
 * The mutators that buffer their writes in a push (ADR 0036). Each reads the tables it writes only
 * through `ctx.lockedRows`, writes only the columns `flushPushWrites` writes, and writes nothing
 * else to the database; the engine flushes before any other mutator runs.
 */
const WRITE_BEHIND: ReadonlySet<MutatorName> = new Set<MutatorName>(['updateJobNotes']);

/** The job columns a buffered mutator may change; the flush writes exactly these. */
const BUFFERED_JOB_FIELDS = new Set<keyof JobRow>(['notes', 'updatedAt', 'updatedBy']);

/** A buffered row that changed anything else is a mutator breaking the rule above: fail loudly. */
function assertOnlyBufferedFields(row: JobRow, stored: JobRow): void {
  for (const key of Object.keys(row) as (keyof JobRow)[]) {
    if (!BUFFERED_JOB_FIELDS.has(key) && row[key] !== stored[key]) {
      throw new Error(`job ${row.id}: a buffered write changed ${key}, which the flush does not write`);
    }
  }
}

/**
 * One write for every buffered job of the push, which the engine runs in the push's last
 * statement: the rows travel as one jsonb parameter, so the text never changes whatever the batch
 * size. It returns each row it wrote: every buffered row was locked by this transaction, so each
 * must be written (the engine checks the count).
 */
const flushPushWrites: PushFlush = (rows) => {
  const pending = rows.pending('jobs');
  if (pending.length === 0) return [];
  for (const { row, stored } of pending) assertOnlyBufferedFields(row, stored);
  const values = JSON.stringify(
    pending.map(({ row }) => ({ id: row.id, notes: row.notes, at: row.updatedAt, by: row.updatedBy })),
  );
  // The ids again as an array: `id = any(…)` reaches the rows through jobs_pkey. Joined on the
  // function's rows alone, the planner (which guesses 100 rows for it) hashes them and scans the
  // whole jobs table (measured: a sequential scan of every job for a one-row push).
  const ids = `{${pending.map(({ row }) => row.id).join(',')}}`;
  return [
    {
      label: 'buffered jobs',
      rows: pending.length,
      query: sql`update jobs set notes = v.notes, updated_at = v.at, updated_by = v.by
          from jsonb_to_recordset(${values}::jsonb) as v(id uuid, notes text, at timestamptz, by uuid)
          where jobs.id = any(${ids}::uuid[]) and jobs.id = v.id
          returning jobs.id`,
    },
  ];
};

/** What the sync routes and the in-process transport give processPush. */
export const pushUnitOfWork: PushUnitOfWork = {
  prefetch: prefetchPushRows,
  writeBehind: WRITE_BEHIND,
  flush: flushPushWrites,
};
