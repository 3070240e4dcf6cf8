import { eq } from 'drizzle-orm';
import { AppError, ERROR_CODES, type JobRow } from '@lastmile/domain';
import type { AnyTx } from '@lastmile/sync/server';
import { formResponses, formTemplates, jobTypes } from '../db/schema/index.ts';

/**
 * A job goes to the office only with its inspection form: the job type's form must have been
 * started and submitted, and no form of the job may still be a draft (e.g. after a send-back).
 */
export async function assertFormsSubmitted(tx: AnyTx, job: JobRow): Promise<void> {
  const responses = await tx
    .select({ status: formResponses.status, name: formTemplates.name })
    .from(formResponses)
    .innerJoin(formTemplates, eq(formTemplates.id, formResponses.templateId))
    .where(eq(formResponses.jobId, job.id));
  const draft = responses.find((r) => r.status !== 'submitted');
  if (draft) {
    throw new AppError(
      ERROR_CODES.conflict,
      `Job ${job.number}: submit the "${draft.name}" form before submitting the job.`,
    );
  }
  const [type] = await tx
    .select({ templateId: jobTypes.templateId, name: formTemplates.name })
    .from(jobTypes)
    .leftJoin(formTemplates, eq(formTemplates.id, jobTypes.templateId))
    .where(eq(jobTypes.id, job.jobTypeId));
  if (type?.templateId && responses.length === 0) {
    throw new AppError(
      ERROR_CODES.conflict,
      `Job ${job.number}: fill in and submit the "${type.name ?? 'inspection'}" form before submitting the job.`,
    );
  }
}
