import { eq } from 'drizzle-orm';
import type { AnyTx, ChangeRecorder } from '@lastmile/sync/server';
import { formAnswers, formResponses } from '../db/schema/index.ts';
import { moveJobAttachments } from './move-attachments.ts';
import { toFormAnswerRow, toFormResponseRow } from './form-rows.ts';
import { moveJobReviews } from './review-rows.ts';

/** A job's forms and photos travel with it on reassignment, like its thread: new scopes get them, old ones lose them. */
export async function moveJobForms(
  tx: AnyTx,
  recorder: ChangeRecorder,
  jobId: string,
  before: readonly string[],
  after: readonly string[],
): Promise<void> {
  if (before.length === after.length && before.every((s) => after.includes(s))) return;
  const responses = await tx.select().from(formResponses).where(eq(formResponses.jobId, jobId));
  for (const response of responses) {
    recorder.move('formResponses', toFormResponseRow(response), before, after);
    for (const answer of await tx.select().from(formAnswers).where(eq(formAnswers.responseId, response.id))) {
      recorder.move('formAnswers', toFormAnswerRow(answer, jobId), before, after);
    }
  }
  await moveJobAttachments(tx, recorder, jobId, before, after);
  await moveJobReviews(tx, recorder, jobId, before, after);
}
