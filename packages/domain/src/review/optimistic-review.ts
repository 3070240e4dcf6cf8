import { AppError, ERROR_CODES } from '../errors.ts';
import type { MutatorArgs } from '../mutators/contract.ts';
import type { MutatorContext, MutatorTx } from '../mutators/tx.ts';
import { planReview } from './review-rules.ts';

/** The device's side of a review decision: the round shows at once, the job leaves the queue. */
export async function optimisticReviewJob(
  tx: MutatorTx,
  args: MutatorArgs<'reviewJob'>,
  { actor, now }: MutatorContext,
): Promise<void> {
  const job = await tx.get('jobs', args.jobId);
  if (!job) throw new AppError(ERROR_CODES.notFound, 'This job is not on this device.');
  const plan = planReview({ actor, job, mode: null, rounds: null, args });
  await tx.put('reviewRounds', {
    id: args.id,
    orgId: actor.orgId,
    jobId: job.id,
    round: plan.round,
    stage: plan.stage,
    decision: args.decision,
    reviewerId: actor.userId,
    comment: args.comment.trim(),
    fieldComments: args.fieldComments,
    answers: {},
    decidedAt: now,
  });
  if (plan.jobStatus !== job.status) {
    const reason = args.comment.trim() || null;
    await tx.put('jobs', {
      ...job,
      status: plan.jobStatus,
      statusReason: reason,
      updatedAt: now,
      updatedBy: actor.userId,
    });
  }
}
