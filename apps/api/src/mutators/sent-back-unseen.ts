import { and, desc, eq } from 'drizzle-orm';
import { AppError, ERROR_CODES, type JobRow } from '@lastmile/domain';
import type { AnyTx, ServerMutatorContext } from '@lastmile/sync/server';
import { type formResponses, reviewRounds } from '../db/schema/index.ts';
import { loggedVersion } from './form-access.ts';

/**
 * A form submitted on a device that had not seen the job's latest send-back belongs to the round
 * that was sent back: the technician submitted it offline (or on their other device) before the
 * office's comments reached them. Applied, it would close the reopened form again, unchanged, and
 * the job would go back for review with the answers the office asked to correct — and the
 * technician could not reopen it (found by an outsider tester: two devices of one technician, a
 * send-back in between). So it is refused; the device's answers stay on the form, and the person
 * submits again once they have read the comments.
 */
export async function assertSawLatestSendBack(tx: AnyTx, ctx: ServerMutatorContext, job: JobRow): Promise<void> {
  const [latest] = await tx
    .select({ id: reviewRounds.id, round: reviewRounds.round })
    .from(reviewRounds)
    .where(and(eq(reviewRounds.jobId, job.id), eq(reviewRounds.decision, 'sent_back')))
    .orderBy(desc(reviewRounds.round))
    .limit(1);
  if (!latest) return;
  const seen = Math.min(ctx.baseVersion, ctx.servedVersion);
  if ((await loggedVersion(tx, ctx, 'reviewRounds', latest.id)) <= seen) return;
  throw new AppError(
    ERROR_CODES.conflict,
    `Job ${job.number} was sent back after this device last synced; the form was not submitted. Read the comments on the form, then submit it again.`,
    undefined,
    { key: 'form.sentBackSince', params: { job: job.number } },
  );
}

/**
 * The same for a lead's reopen of one submitted form (`reopenForm`): the lead reopened it because
 * something must change. A submit from a device that had not seen the reopen was made on the form
 * as it stood before — typically a second phone on the job that still showed it as a draft, while
 * the first phone's submit reached the server, the lead reopened it, and the second phone came back
 * into signal. Applied, it would close the form again, unchanged, and the lead's reopen would be
 * undone without anyone seeing it. So it is refused until the device has synced (and shows the
 * form reopened). Only when the reopen is the form's latest change: a later change (a move to
 * another version) came from someone who saw it. Not for the person who reopened it: they know.
 */
export async function assertSawReopen(
  tx: AnyTx,
  ctx: ServerMutatorContext,
  response: typeof formResponses.$inferSelect,
  job: JobRow,
): Promise<void> {
  const { reopenedAt, reopenedBy } = response;
  if (!reopenedAt || reopenedBy === ctx.actor.userId) return;
  if (reopenedAt.getTime() !== response.updatedAt.getTime()) return;
  const seen = Math.min(ctx.baseVersion, ctx.servedVersion);
  if ((await loggedVersion(tx, ctx, 'formResponses', response.id)) <= seen) return;
  throw new AppError(
    ERROR_CODES.conflict,
    `This form on job ${job.number} was reopened after this device last synced; it was not submitted. Sync, check what your lead asked for, then submit it again.`,
    undefined,
    { key: 'form.reopenedSince', params: { job: job.number } },
  );
}
