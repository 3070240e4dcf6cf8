import { asc, eq } from 'drizzle-orm';
import { formAnswerId, type ReviewRoundRow } from '@lastmile/domain';
import type { AnyTx, ChangeRecorder, DbOrTx } from '@lastmile/sync/server';
import { formAnswers, formResponses, reviewRounds } from '../db/schema/index.ts';

export function toReviewRoundRow(row: typeof reviewRounds.$inferSelect): ReviewRoundRow {
  return {
    id: row.id,
    orgId: row.orgId,
    jobId: row.jobId,
    round: row.round,
    stage: row.stage,
    decision: row.decision,
    reviewerId: row.reviewerId,
    comment: row.comment,
    fieldComments: row.fieldComments,
    answers: row.answers,
    decidedAt: row.decidedAt.toISOString(),
  };
}

/** A job's review decisions, oldest first. */
export function reviewRoundsOfJob(tx: DbOrTx, jobId: string) {
  return tx.select().from(reviewRounds).where(eq(reviewRounds.jobId, jobId)).orderBy(asc(reviewRounds.decidedAt));
}

/** Every answer of the job now, by form answer id: what the next round's "changed" markers compare with. */
export async function answersSnapshot(tx: DbOrTx, jobId: string): Promise<ReviewRoundRow['answers']> {
  const rows = await tx
    .select({ responseId: formAnswers.responseId, fieldKey: formAnswers.fieldKey, value: formAnswers.value })
    .from(formAnswers)
    .innerJoin(formResponses, eq(formResponses.id, formAnswers.responseId))
    .where(eq(formResponses.jobId, jobId));
  const answers: ReviewRoundRow['answers'] = {};
  for (const row of rows) answers[formAnswerId(row.responseId, row.fieldKey)] = row.value;
  return answers;
}

/** A job's review rounds travel with it on reassignment, like its thread and forms. */
export async function moveJobReviews(
  tx: AnyTx,
  recorder: ChangeRecorder,
  jobId: string,
  before: readonly string[],
  after: readonly string[],
): Promise<void> {
  for (const row of await reviewRoundsOfJob(tx, jobId)) {
    recorder.move('reviewRounds', toReviewRoundRow(row), before, after);
  }
}
