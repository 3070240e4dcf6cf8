import { AppError, ERROR_CODES } from '../errors.ts';
import type { JobRow } from '../entities.ts';
import type { JobStatus } from '../job-status.ts';
import type { MutatorArgs } from '../mutators/contract.ts';
import type { MutatorContext, MutatorTx } from '../mutators/tx.ts';
import { answerProblem, type AnswerValue, type Answers } from './answers.ts';
import { indexDefinition, isAnswerable } from './field-index.ts';
import { migrateAnswers } from './migrate-answers.ts';
import { formAnswerId, type FormResponseRow, type FormVersionRow } from './rows.ts';
import { validateSubmission, type SubmissionProblem } from './validate-submission.ts';

/** Forms of a job in these states are read-only: it is with the office, done, or called off. */
const CLOSED_FOR_FORMS: readonly JobStatus[] = ['submitted', 'approved', 'cancelled'];

/** Why this job's forms cannot be changed now, or null. Shared by both sides of the forms mutations. */
export function jobFormsRefusal(job: Pick<JobRow, 'status' | 'number'>): AppError | null {
  if (!CLOSED_FOR_FORMS.includes(job.status)) return null;
  return new AppError(
    ERROR_CODES.conflict,
    `Job ${job.number} is ${job.status.replace('_', ' ')}: its forms can no longer be changed.`,
  );
}

/** Why this answer cannot be set on this response and version, or null. */
export function setAnswerRefusal(
  response: Pick<FormResponseRow, 'status'>,
  version: Pick<FormVersionRow, 'definition' | 'version' | 'name'>,
  fieldKey: string,
  value: unknown,
): AppError | null {
  if (response.status === 'submitted')
    return new AppError(
      ERROR_CODES.conflict,
      `The "${version.name}" form was submitted; it is read-only until it is sent back.`,
    );
  const entry = indexDefinition(version.definition).byKey.get(fieldKey);
  if (!entry || entry.group) {
    const where = entry?.group ? ` (it belongs to the group "${entry.group.label}": set the group's answer)` : '';
    return new AppError(
      ERROR_CODES.validation,
      `"${fieldKey}" is not a field of version ${version.version} of "${version.name}"${where}.`,
      [{ path: 'fieldKey', message: 'is not a field of this form' }],
    );
  }
  if (!isAnswerable(entry.field))
    return new AppError(
      ERROR_CODES.validation,
      `"${entry.field.label}" is an instructions block and takes no answer.`,
      [{ path: 'fieldKey', message: 'takes no answer' }],
    );
  const problem = answerProblem(entry.field, value);
  if (problem)
    return new AppError(ERROR_CODES.validation, `${entry.field.label}: ${problem}.`, [
      { path: 'value', message: problem },
    ]);
  return null;
}

/** The refusal of a submit that still has problems: the list, one per line, and as issues. */
export function submissionRefusal(formName: string, problems: SubmissionProblem[]): AppError {
  const list = problems.map((p) => p.message).join(' ');
  return new AppError(
    ERROR_CODES.validation,
    `The "${formName}" form cannot be submitted yet (${problems.length} ${problems.length === 1 ? 'problem' : 'problems'}): ${list}`,
    problems.map((p) => ({
      path: p.childKey !== undefined ? `${p.fieldKey}.${p.entry}.${p.childKey}` : p.fieldKey,
      message: p.message,
    })),
  );
}

async function requireResponse(tx: MutatorTx, id: string): Promise<FormResponseRow> {
  const response = await tx.get('formResponses', id);
  if (!response) throw new AppError(ERROR_CODES.notFound, 'This form is not on this device.');
  return response;
}

async function requireVersion(tx: MutatorTx, id: string): Promise<FormVersionRow> {
  const version = await tx.get('formVersions', id);
  if (!version)
    throw new AppError(ERROR_CODES.notFound, 'This form version is not on this device yet; sync and try again.');
  return version;
}

async function requireJob(tx: MutatorTx, id: string): Promise<JobRow> {
  const job = await tx.get('jobs', id);
  if (!job) throw new AppError(ERROR_CODES.notFound, 'This job is not on this device.');
  return job;
}

/** A response's answers, read field by field (the local store is keyed by id: one get per top-level field). */
async function loadAnswers(tx: MutatorTx, responseId: string, version: FormVersionRow): Promise<Answers> {
  const answers: Record<string, AnswerValue | null> = {};
  for (const entry of indexDefinition(version.definition).fields) {
    if (entry.group) continue;
    const row = await tx.get('formAnswers', formAnswerId(responseId, entry.key));
    if (row) answers[entry.key] = row.value;
  }
  return answers;
}

type Ctx = MutatorContext;

/** The client's optimistic side of the forms mutations; the server (apps/api/src/mutators/forms.ts) re-checks all of it. */
export const optimisticFormMutators = {
  async startForm(tx: MutatorTx, { id, jobId, templateVersionId }: MutatorArgs<'startForm'>, { actor, now }: Ctx) {
    const job = await requireJob(tx, jobId);
    const refusal = jobFormsRefusal(job);
    if (refusal) throw refusal;
    const version = await requireVersion(tx, templateVersionId);
    // Someone else started this form already (the id is derived from job and template): join it.
    const existing = await tx.get('formResponses', id);
    if (existing && existing.jobId === jobId) return;
    await tx.put('formResponses', {
      id,
      orgId: actor.orgId,
      jobId,
      templateId: version.templateId,
      templateVersionId,
      status: 'draft',
      createdBy: actor.userId,
      createdAt: now,
      submittedAt: null,
      submittedBy: null,
      updatedAt: now,
    });
  },

  async setAnswer(
    tx: MutatorTx,
    { responseId, fieldKey, value, capturedAt }: MutatorArgs<'setAnswer'>,
    { actor, now }: Ctx,
  ) {
    const response = await requireResponse(tx, responseId);
    const version = await requireVersion(tx, response.templateVersionId);
    const refusal = setAnswerRefusal(response, version, fieldKey, value);
    if (refusal) throw refusal;
    const id = formAnswerId(responseId, fieldKey);
    const existing = await tx.get('formAnswers', id);
    await tx.put('formAnswers', {
      id,
      orgId: actor.orgId,
      responseId,
      jobId: response.jobId,
      fieldKey,
      value,
      answeredBy: actor.userId,
      capturedAt,
      updatedAt: now,
      historyCount: existing?.historyCount ?? 0,
      conflict: existing?.conflict ?? false,
    });
  },

  async submitForm(tx: MutatorTx, { responseId }: MutatorArgs<'submitForm'>, { actor, now }: Ctx) {
    const response = await requireResponse(tx, responseId);
    if (response.status === 'submitted') return;
    const version = await requireVersion(tx, response.templateVersionId);
    const job = await requireJob(tx, response.jobId);
    const jobType = await tx.get('jobTypes', job.jobTypeId);
    const problems = validateSubmission(version.definition, await loadAnswers(tx, responseId, version), {
      requiredFields: jobType?.requiredFields ?? [],
    });
    if (problems.length) throw submissionRefusal(version.name, problems);
    await tx.put('formResponses', {
      ...response,
      status: 'submitted',
      submittedAt: now,
      submittedBy: actor.userId,
      updatedAt: now,
    });
  },

  async moveFormToVersion(
    tx: MutatorTx,
    { responseId, templateVersionId }: MutatorArgs<'moveFormToVersion'>,
    { now }: Ctx,
  ) {
    const response = await requireResponse(tx, responseId);
    const from = await requireVersion(tx, response.templateVersionId);
    const to = await requireVersion(tx, templateVersionId);
    const refusal = moveRefusal(response, from, to);
    if (refusal) throw refusal;
    const before = await loadAnswers(tx, responseId, from);
    const result = migrateAnswers(from.definition, to.definition, before);
    for (const key of Object.keys(before)) {
      const id = formAnswerId(responseId, key);
      const carried = result.answers[key];
      if (carried === undefined) await tx.delete('formAnswers', id);
      else if (JSON.stringify(carried) !== JSON.stringify(before[key])) {
        const row = await tx.get('formAnswers', id);
        if (row) await tx.put('formAnswers', { ...row, value: carried, updatedAt: now });
      }
    }
    await tx.put('formResponses', { ...response, templateVersionId, updatedAt: now });
  },

  async reopenForm(tx: MutatorTx, { responseId }: MutatorArgs<'reopenForm'>, { actor, now }: Ctx) {
    if (actor.role === 'technician')
      throw new AppError(ERROR_CODES.forbidden, 'Only a lead or the office can reopen a submitted form.');
    const response = await requireResponse(tx, responseId);
    // A submitted, approved or cancelled job's forms are closed: reopening one would only erase
    // who submitted it (ADR 0012). A send-back reopens them with the job.
    const closed = jobFormsRefusal(await requireJob(tx, response.jobId));
    if (closed) throw closed;
    if (response.status === 'draft') return;
    await tx.put('formResponses', {
      ...response,
      status: 'draft',
      submittedAt: null,
      submittedBy: null,
      updatedAt: now,
    });
  },

  async resolveAnswerConflict(
    tx: MutatorTx,
    { responseId, fieldKey }: MutatorArgs<'resolveAnswerConflict'>,
    { actor }: Ctx,
  ) {
    if (actor.role === 'technician')
      throw new AppError(ERROR_CODES.forbidden, 'Only a lead or the office can mark a conflicting answer as checked.');
    const row = await tx.get('formAnswers', formAnswerId(responseId, fieldKey));
    if (!row) throw new AppError(ERROR_CODES.notFound, 'This answer is not on this device.');
    await tx.put('formAnswers', { ...row, conflict: false });
  },
};

/** Why a draft cannot move from one version to another, or null. */
export function moveRefusal(
  response: Pick<FormResponseRow, 'status' | 'templateId'>,
  from: Pick<FormVersionRow, 'id' | 'name'>,
  to: Pick<FormVersionRow, 'id' | 'templateId'>,
): AppError | null {
  if (response.status === 'submitted')
    return new AppError(
      ERROR_CODES.conflict,
      `The "${from.name}" form was submitted; only a draft can move to another version.`,
    );
  if (to.templateId !== response.templateId)
    return new AppError(ERROR_CODES.validation, 'That version belongs to another template.', [
      { path: 'templateVersionId', message: 'is a version of another template' },
    ]);
  if (to.id === from.id) return new AppError(ERROR_CODES.conflict, 'The form is already on this version.');
  return null;
}
