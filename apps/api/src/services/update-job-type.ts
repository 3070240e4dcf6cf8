import { and, eq } from 'drizzle-orm';
import { AppError, ERROR_CODES, scope, type JobTypeInput, type JobTypeRow } from '@lastmile/domain';
import type { AnyTx, ChangeRecorder } from '@lastmile/sync/server';
import { jobTypes } from '../db/schema/index.ts';
import { assertJobTypeNameFree } from './job-type-name.ts';
import { toJobTypeRow } from './rows.ts';

/** Name, default duration and key fields; the template is set by the forms feature. */
export async function updateJobType(
  tx: AnyTx,
  recorder: ChangeRecorder,
  input: JobTypeInput & { orgId: string; id: string },
): Promise<JobTypeRow> {
  await assertJobTypeNameFree(tx, input.orgId, input.name, input.id);
  const [updated] = await tx
    .update(jobTypes)
    .set({ name: input.name, defaultDurationMinutes: input.defaultDurationMinutes, keyFields: input.keyFields })
    .where(and(eq(jobTypes.id, input.id), eq(jobTypes.orgId, input.orgId)))
    .returning();
  if (!updated) throw new AppError(ERROR_CODES.notFound, 'No such job type in your organization.');
  const row = toJobTypeRow(updated);
  recorder.put('jobTypes', row, [scope.ref(input.orgId)]);
  return row;
}
