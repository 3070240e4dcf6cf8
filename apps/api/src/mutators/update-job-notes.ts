import { and, eq, or, type SQL } from 'drizzle-orm';
import type { Actor } from '@lastmile/domain';
import type { ServerMutator } from '@lastmile/sync/server';
import { jobs } from '../db/schema/index.ts';
import { toJobRow } from '../services/rows.ts';
import { assertCanWorkOn, jobScopes, lockJob } from './job-access.ts';

/**
 * The cases in which assertCanWorkOn accepts without looking further, as SQL: office and admin,
 * the lead of the job's team, the assignee. (The remaining case, a technician whose job was
 * reassigned after their base version, needs the change log: it takes the general path.)
 */
function plainlyAllowed(actor: Actor): SQL | undefined {
  if (actor.role === 'office' || actor.role === 'admin') return undefined;
  const assignee = eq(jobs.assigneeId, actor.userId);
  return actor.role === 'lead' && actor.teamId !== null ? or(eq(jobs.teamId, actor.teamId), assignee) : assignee;
}

export const updateJobNotes: ServerMutator<'updateJobNotes'> = async (tx, { jobId, notes }, ctx) => {
  const set = () => ({ notes, updatedAt: new Date(), updatedBy: ctx.actor.userId });
  // Fast path, one statement: the UPDATE locks the row and re-checks the condition on its latest
  // version, as lockJob + assertCanWorkOn would. A notes edit changes no scope, so the row's
  // scopes after the update are the ones it had.
  const [fast] = await tx
    .update(jobs)
    .set(set())
    .where(and(eq(jobs.id, jobId), eq(jobs.orgId, ctx.actor.orgId), plainlyAllowed(ctx.actor)))
    .returning();
  if (fast) {
    const row = toJobRow(fast);
    ctx.recorder.put('jobs', row, jobScopes(row));
    return;
  }
  // Not found, not plainly allowed, or allowed by history only: the general path decides (and refuses).
  const job = await lockJob(tx, ctx.actor, jobId);
  await assertCanWorkOn(tx, ctx, job);
  const [updated] = await tx.update(jobs).set(set()).where(eq(jobs.id, jobId)).returning();
  if (updated) ctx.recorder.put('jobs', toJobRow(updated), jobScopes(job));
};
