import { and, eq } from 'drizzle-orm';
import { AppError, ERROR_CODES, type JobRow } from '@lastmile/domain';
import type { AnyTx, LockedRows } from '@lastmile/sync/server';
import { jobs } from '../db/schema/index.ts';
import { toJobRow } from './rows.ts';

/**
 * Locks the job row for this transaction; a job of another organization is "not found". In a push,
 * the row usually comes from the rows the push locked up front (`lockedRows`, see
 * mutators/prefetch.ts), which saves a round trip; otherwise it is locked here and remembered.
 */
export async function lockJobRow(
  tx: AnyTx,
  orgId: string,
  jobId: string,
  lockedRows: LockedRows | undefined,
): Promise<JobRow> {
  const cached = lockedRows?.get('jobs', jobId);
  if (cached && cached.orgId === orgId) return cached;
  const [row] = await tx
    .select()
    .from(jobs)
    .where(and(eq(jobs.id, jobId), eq(jobs.orgId, orgId)))
    .for('update');
  if (!row) throw new AppError(ERROR_CODES.notFound, 'This job does not exist.');
  const job = toJobRow(row);
  lockedRows?.put('jobs', job);
  return job;
}

/**
 * After an `update(jobs) … returning` in a push: the batch's later mutations must see this row,
 * not the one locked up front. Every writer of `jobs` that can run in a push calls this.
 */
export function rememberJob(lockedRows: LockedRows | undefined, job: JobRow): void {
  lockedRows?.put('jobs', job);
}
