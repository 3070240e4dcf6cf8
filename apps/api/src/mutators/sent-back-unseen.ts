import { and, desc, eq } from 'drizzle-orm';
import { AppError, ERROR_CODES, type JobRow } from '@lastmile/domain';
import type { AnyTx, ServerMutatorContext } from '@lastmile/sync/server';
import { reviewRounds } from '../db/schema/index.ts';
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
