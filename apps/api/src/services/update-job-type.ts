import { and, desc, eq } from 'drizzle-orm';
import {
  AppError,
  ERROR_CODES,
  scope,
  validateJobTypeRules,
  type JobTypeInput,
  type JobTypeRow,
} from '@lastmile/domain';
import type { AnyTx, ChangeRecorder } from '@lastmile/sync/server';
import { formTemplateVersions, jobTypes } from '../db/schema/index.ts';
import { assertJobTypeNameFree } from './job-type-name.ts';
import { toJobTypeRow } from './rows.ts';

/**
 * Key fields of a type that has a form must be fields of its latest version, as the form rules
 * route checks them: the editor took any key, and the next publish of the form was then refused
 * for a typo made on another screen (found by an outsider tester).
 */
async function assertKeyFieldsFit(tx: AnyTx, templateId: string, keyFields: string[]): Promise<void> {
  const [latest] = await tx
    .select({ version: formTemplateVersions.version, definition: formTemplateVersions.definition })
    .from(formTemplateVersions)
    .where(eq(formTemplateVersions.templateId, templateId))
    .orderBy(desc(formTemplateVersions.version))
    .limit(1);
  if (!latest) return;
  const issues = validateJobTypeRules(latest.definition, { keyFields, requiredFields: [] }).filter((i) =>
    i.path.startsWith('keyFields.'),
  );
  if (issues.length === 0) return;
  throw new AppError(
    ERROR_CODES.validation,
    `These key fields do not fit version ${latest.version} of this job type's form: ${issues.map((i) => i.message).join(' ')}`,
    issues.map(({ path, message }) => ({ path, message })),
  );
}

/** Name, default duration and key fields; the template is set by the forms feature. */
export async function updateJobType(
  tx: AnyTx,
  recorder: ChangeRecorder,
  input: JobTypeInput & { orgId: string; id: string },
): Promise<JobTypeRow> {
  const [type] = await tx
    .select({ templateId: jobTypes.templateId })
    .from(jobTypes)
    .where(and(eq(jobTypes.id, input.id), eq(jobTypes.orgId, input.orgId)))
    .for('update');
  if (!type) throw new AppError(ERROR_CODES.notFound, 'No such job type in your organization.');
  await assertJobTypeNameFree(tx, input.orgId, input.name, input.id);
  if (type.templateId) await assertKeyFieldsFit(tx, type.templateId, input.keyFields);
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
