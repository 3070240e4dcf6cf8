import { newId, scope, type JobTypeRow } from '@lastmile/domain';
import type { AnyTx, ChangeRecorder } from '@lastmile/sync/server';
import { jobTypes } from '../db/schema/index.ts';
import { assertJobTypeNameFree } from './job-type-name.ts';
import { toJobTypeRow } from './rows.ts';

export type CreateJobTypeInput = {
  id?: string;
  orgId: string;
  name: string;
  defaultDurationMinutes: number;
  /** The few fields shown first and big on a job of this type (R2). */
  keyFields: string[];
  templateId: string | null;
};

export async function createJobType(
  tx: AnyTx,
  recorder: ChangeRecorder,
  input: CreateJobTypeInput,
): Promise<JobTypeRow> {
  await assertJobTypeNameFree(tx, input.orgId, input.name);
  const [inserted] = await tx
    .insert(jobTypes)
    .values({
      id: input.id ?? newId(),
      orgId: input.orgId,
      name: input.name,
      defaultDurationMinutes: input.defaultDurationMinutes,
      keyFields: input.keyFields,
      templateId: input.templateId,
    })
    .returning();
  if (!inserted) throw new Error('insert into job_types returned no row');
  const row = toJobTypeRow(inserted);
  recorder.put('jobTypes', row, [scope.ref(input.orgId)]);
  return row;
}
