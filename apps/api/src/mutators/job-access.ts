import { AppError, ERROR_CODES, type JobRow } from '@lastmile/domain';
import type { AnyTx, ServerMutatorContext } from '@lastmile/sync/server';
import { wasAssignedAt, wasEverAssigned } from '../services/job-assignments.ts';
import { lockJobRow, rememberJob as rememberJobRow } from '../services/lock-job.ts';
import { jobWorkScopes } from '../services/move-job-family.ts';

/**
 * Locks the job row for this transaction (in a push, usually already locked up front: see
 * prefetch.ts); a job of another organization is "not found".
 */
export async function lockJob(tx: AnyTx, ctx: ServerMutatorContext, jobId: string): Promise<JobRow> {
  const job = await lockJobRow(tx, ctx.actor.orgId, jobId, ctx.lockedRows);
  // A form, photo or item change belongs on the timeline of the first job its mutation touches.
  if (ctx.audit && ctx.audit.jobId === null) ctx.audit.onJob(job.id);
  return job;
}

/** After updating a job in a mutator: later mutations of the same push must read this row. */
export function rememberJob(ctx: ServerMutatorContext, job: JobRow): void {
  rememberJobRow(ctx.lockedRows, job);
}

/** The scopes that hold a job (services/move-job-family.ts moves them together). */
export const jobScopes = jobWorkScopes;

/**
 * Sync principle 8: the job was taken away after the technician's device last synced, so the
 * change was made while they were, as far as they knew, assigned. The base version is what the
 * device says it had seen; it must not exceed what the server has served that device, and must fall inside one of the
 * person's assignment periods of this job. A forged value can only
 * make this stricter: older than the period's start (they could not have seen the job) or newer
 * than its end (they had seen it go) is refused.
 */
async function wasAssignedAtBase(tx: AnyTx, ctx: ServerMutatorContext, jobId: string): Promise<boolean> {
  // A device cannot have seen a state it was never served: such a claim is refused, not believed.
  if (ctx.baseVersion > ctx.servedVersion) return false;
  return wasAssignedAt(tx, jobId, ctx.actor.userId, ctx.baseVersion);
}

/** May this person change this job's work (status, notes, messages, items)? */
export async function assertCanWorkOn(tx: AnyTx, ctx: ServerMutatorContext, job: JobRow): Promise<void> {
  const { actor } = ctx;
  if (actor.role === 'office' || actor.role === 'admin') return;
  if (actor.role === 'lead' && job.teamId !== null && job.teamId === actor.teamId) return;
  if (job.assigneeId === actor.userId) return;
  if (actor.role === 'technician' && (await wasAssignedAtBase(tx, ctx, job.id))) return;
  if (actor.role === 'technician') {
    // Someone who never had the job learns nothing of it, not even its number, from an id they
    // were never given (found by an outsider tester); whoever had it is told which job it was.
    const which = (await wasEverAssigned(tx, job.id, actor.userId)) ? `Job ${job.number}` : 'This job';
    throw new AppError(
      ERROR_CODES.forbidden,
      `${which} is not assigned to you; your change was kept for your lead to review.`,
    );
  }
  throw new AppError(ERROR_CODES.forbidden, `Job ${job.number} belongs to another team.`);
}
