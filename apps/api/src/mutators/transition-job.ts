import { and, eq } from 'drizzle-orm';
import { AppError, checkTransition, ERROR_CODES, newId } from '@lastmile/domain';
import type { ServerMutator } from '@lastmile/sync/server';
import { jobs } from '../db/schema/index.ts';
import { noteJobChanges } from '../services/audit/note-job-changes.ts';
import { toJobRow } from '../services/rows.ts';
import { assertFormsSubmitted } from './forms-before-submit.ts';
import { assertCanWorkOn, jobScopes, lockJob, rememberJob } from './job-access.ts';
import { publishJobEvents } from '../services/webhooks/publish-events.ts';
import { decideReview } from './review-job.ts';

export const transitionJob: ServerMutator<'transitionJob'> = async (tx, { jobId, to, reason }, ctx) => {
  const job = await lockJob(tx, ctx, jobId);
  await assertCanWorkOn(tx, ctx, job);
  const check = checkTransition(job.status, to, ctx.actor.role, reason);
  if (!check.ok) {
    throw new AppError(ERROR_CODES.illegalTransition, `Job ${job.number}: ${check.reason}`, undefined, check.detail);
  }
  // Approve and send back are review decisions: recorded as a round whichever path they come by.
  if (to === 'approved' || to === 'sent_back') {
    const args = { id: newId(), jobId, round: undefined, decision: to, comment: reason ?? '', fieldComments: [] };
    return decideReview(tx, ctx, job, args);
  }
  if (to === 'submitted') await assertFormsSubmitted(tx, job);
  const [updated] = await tx
    .update(jobs)
    .set({ status: to, statusReason: reason ?? null, updatedAt: new Date(), updatedBy: ctx.actor.userId })
    .where(and(eq(jobs.id, jobId), eq(jobs.orgId, ctx.actor.orgId)))
    .returning();
  if (updated) {
    const row = toJobRow(updated);
    rememberJob(ctx, row);
    noteJobChanges(ctx.audit, job, row);
    await publishJobEvents(tx, ctx.publish, ctx.actor, job, row);
    ctx.recorder.put('jobs', row, jobScopes(job));
  }
};
