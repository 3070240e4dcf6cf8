import { and, eq } from 'drizzle-orm';
import {
  AppError,
  ERROR_CODES,
  fieldCommentProblem,
  formAnswerId,
  groupKeyOf,
  planReview,
  type FieldComment,
  type JobRow,
  type ReviewJobArgs,
} from '@lastmile/domain';
import type { AnyTx, ServerMutator, ServerMutatorContext } from '@lastmile/sync/server';
import { formResponses, formTemplateVersions, jobs, reviewRounds } from '../db/schema/index.ts';
import { answersSnapshot, reviewRoundsOfJob, toReviewRoundRow } from '../services/review-rows.ts';
import { reviewSettingsOf } from '../services/review-settings.ts';
import { noteJobChanges } from '../services/audit/note-job-changes.ts';
import { notify } from '../services/notify.ts';
import { toJobRow } from '../services/rows.ts';
import { reopenFormsOfJob } from './forms.ts';
import { jobScopes, lockJob, rememberJob } from './job-access.ts';
import { publishJobEvents } from '../services/webhooks/publish-events.ts';

/** Every field comment must point at an answer that exists on this job's forms. */
async function assertFieldComments(
  tx: AnyTx,
  job: JobRow,
  comments: readonly FieldComment[],
  answers: Record<string, unknown>,
): Promise<void> {
  if (comments.length === 0) return;
  const forms = await tx
    .select({ id: formResponses.id, definition: formTemplateVersions.definition })
    .from(formResponses)
    .innerJoin(formTemplateVersions, eq(formTemplateVersions.id, formResponses.templateVersionId))
    .where(eq(formResponses.jobId, job.id));
  const definitions = new Map(forms.map((f) => [f.id, f.definition]));
  for (const [i, comment] of comments.entries()) {
    const definition = definitions.get(comment.responseId);
    const groupKey = definition ? groupKeyOf(definition, comment.fieldKey) : null;
    const groupValue = groupKey ? answers[formAnswerId(comment.responseId, groupKey)] : undefined;
    const problem = fieldCommentProblem(comment, definition, groupValue as never);
    if (problem) {
      throw new AppError(ERROR_CODES.validation, `Job ${job.number}: ${problem}`, [
        { path: `fieldComments.${i}`, message: problem },
      ]);
    }
  }
}

/**
 * Records a review decision and applies it to the job: the rules are the domain's (planReview),
 * the organization's review mode and the job's earlier rounds come from the database. `round`
 * undefined means "the current one" (the older transitionJob path, which names no round).
 */
export async function decideReview(
  tx: AnyTx,
  ctx: ServerMutatorContext,
  job: JobRow,
  args: Omit<ReviewJobArgs, 'round'> & { round: number | undefined },
): Promise<void> {
  const { actor } = ctx;
  const { mode } = await reviewSettingsOf(tx, actor.orgId);
  const rounds = await reviewRoundsOfJob(tx, job.id);
  const round = args.round ?? 1 + rounds.filter((r) => r.decision === 'sent_back').length;
  const plan = planReview({ actor, job, mode, rounds, args: { ...args, round } });
  const answers = await answersSnapshot(tx, job.id);
  await assertFieldComments(tx, job, args.fieldComments, answers);
  const comment = args.comment.trim();
  const [inserted] = await tx
    .insert(reviewRounds)
    .values({
      id: args.id,
      orgId: actor.orgId,
      jobId: job.id,
      round: plan.round,
      stage: plan.stage,
      decision: args.decision,
      reviewerId: actor.userId,
      comment,
      fieldComments: args.fieldComments.map((c) => ({ ...c, comment: c.comment.trim() })),
      answers,
    })
    .onConflictDoNothing()
    .returning();
  if (!inserted) {
    throw new AppError(
      ERROR_CODES.conflict,
      `Job ${job.number} was already decided in round ${plan.round} by someone else; your decision was not applied.`,
    );
  }
  const scopes = jobScopes(job);
  ctx.recorder.put('reviewRounds', toReviewRoundRow(inserted), scopes);
  if (plan.jobStatus === job.status) return;
  const reason = comment || (args.fieldComments.length > 0 ? 'See the comments on the form.' : null);
  const [updated] = await tx
    .update(jobs)
    .set({ status: plan.jobStatus, statusReason: reason, updatedAt: new Date(), updatedBy: actor.userId })
    .where(and(eq(jobs.id, job.id), eq(jobs.orgId, actor.orgId)))
    .returning();
  if (updated) {
    const row = toJobRow(updated);
    rememberJob(ctx, row);
    noteJobChanges(ctx.audit, job, row);
    await publishJobEvents(tx, ctx.publish, actor, job, row);
    ctx.recorder.put('jobs', row, scopes);
  }
  if (plan.jobStatus === 'sent_back') {
    await reopenFormsOfJob(tx, ctx, job.id, scopes);
    const fields = args.fieldComments.length;
    await notify(tx, ctx.recorder, actor, [
      {
        userId: job.assigneeId,
        kind: 'sent_back',
        jobId: job.id,
        body: [comment, fields > 0 ? `(${fields} comment${fields === 1 ? '' : 's'} on the form)` : '']
          .filter(Boolean)
          .join(' '),
      },
    ]);
  }
}

export const reviewJob: ServerMutator<'reviewJob'> = async (tx, args, ctx) => {
  const job = await lockJob(tx, ctx, args.jobId);
  await decideReview(tx, ctx, job, args);
};
