import { and, eq, inArray, ne } from 'drizzle-orm';
import {
  AppError,
  ERROR_CODES,
  answersFromRows,
  indexDefinition,
  type AnswerValue,
  type FormVersionRow,
  formAnswerId,
  jobFormsRefusal,
  migrateAnswers,
  type MigrationResult,
  moveRefusal,
  newId,
  sameJson,
  setAnswerRefusal,
  submissionRefusal,
  validateSubmission,
} from '@lastmile/domain';
import type { AnyTx, ServerMutator } from '@lastmile/sync/server';
import {
  attachments,
  formAnswerHistory,
  formAnswers,
  formResponseAliases,
  formResponses,
  jobTypes,
} from '../db/schema/index.ts';
import { toFormAnswerRow, toFormResponseRow } from '../services/form-rows.ts';
import { onlyThisJobsAttachments } from './answer-attachments.ts';
import { answerVersion, assertCanReview, findVersion, lockResponse } from './form-access.ts';
import { assertCanWorkOn, jobScopes, lockJob } from './job-access.ts';
import { assertSawLatestSendBack, assertSawReopen } from './sent-back-unseen.ts';
import { publishFormSubmitted } from '../services/webhooks/publish-events.ts';

/**
 * Starting a form is idempotent per job and template (R6): two people may start the same job's
 * form offline, each on their own phone. The first start to arrive creates the response; a later
 * one with another id joins it — its id becomes an alias of the first, so the answers its device
 * sends against that id land in the one response, field by field (form-access.ts `lockResponse`).
 * Our app derives the id from the job and template (formResponseIdFor), so two phones usually
 * agree on it already; the alias is for every other client.
 */
export const startForm: ServerMutator<'startForm'> = async (tx, { id, jobId, templateVersionId }, ctx) => {
  const job = await lockJob(tx, ctx, jobId);
  await assertCanWorkOn(tx, ctx, job);
  const refusal = jobFormsRefusal(job);
  if (refusal) throw refusal;
  const version = await findVersion(tx, ctx.actor.orgId, templateVersionId);
  const [existing] = await tx
    .select({ id: formResponses.id })
    .from(formResponses)
    .where(and(eq(formResponses.jobId, jobId), eq(formResponses.templateId, version.templateId)));
  if (existing) {
    if (existing.id !== id) await joinResponse(tx, ctx, id, existing.id);
    return;
  }
  const [taken] = await tx.select({ id: formResponses.id }).from(formResponses).where(eq(formResponses.id, id));
  const [alias] = await tx
    .select({ id: formResponseAliases.aliasId })
    .from(formResponseAliases)
    .where(eq(formResponseAliases.aliasId, id));
  if (taken || alias) throw new AppError(ERROR_CODES.conflict, 'A form with this id exists already.');
  const now = new Date();
  const [row] = await tx
    .insert(formResponses)
    .values({
      id,
      orgId: ctx.actor.orgId,
      jobId,
      templateId: version.templateId,
      templateVersionId,
      status: 'draft',
      createdBy: ctx.actor.userId,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  if (row) ctx.recorder.put('formResponses', toFormResponseRow(row), jobScopes(job));
};

/** Makes `aliasId` another name of `responseId`, unless the id already names some other form. */
async function joinResponse(
  tx: AnyTx,
  ctx: Parameters<ServerMutator<'startForm'>>[2],
  aliasId: string,
  responseId: string,
): Promise<void> {
  const [taken] = await tx.select({ id: formResponses.id }).from(formResponses).where(eq(formResponses.id, aliasId));
  if (taken) throw new AppError(ERROR_CODES.conflict, 'A form with this id exists already.');
  const [inserted] = await tx
    .insert(formResponseAliases)
    .values({ aliasId, orgId: ctx.actor.orgId, responseId, createdBy: ctx.actor.userId })
    .onConflictDoNothing()
    .returning({ responseId: formResponseAliases.responseId });
  if (inserted) return;
  const [alias] = await tx
    .select({ responseId: formResponseAliases.responseId })
    .from(formResponseAliases)
    .where(eq(formResponseAliases.aliasId, aliasId));
  if (alias?.responseId !== responseId) throw new AppError(ERROR_CODES.conflict, 'A form with this id exists already.');
}

/**
 * Sync principle 7: one row per field, the later write at the server wins. The value it replaces
 * goes to the answer's history when someone else had written it (or the same person on another
 * device, unseen); if that value was written after the version this person had seen (they could
 * not know it), the answer is flagged for the lead.
 */
export const setAnswer: ServerMutator<'setAnswer'> = async (tx, args, ctx) => {
  const { responseId: requestedId, fieldKey, capturedAt } = args;
  let { value } = args;
  const { actor } = ctx;
  const response = await lockResponse(tx, actor, requestedId);
  // The id it was started under, also when the request named one of its aliases.
  const responseId = response.id;
  const job = await lockJob(tx, ctx, response.jobId);
  await assertCanWorkOn(tx, ctx, job);
  const closed = jobFormsRefusal(job);
  if (closed) throw closed;
  const version = await findVersion(tx, actor.orgId, response.templateVersionId);
  const refusal = setAnswerRefusal(toFormResponseRow(response), version, fieldKey, value);
  if (refusal) throw refusal;
  const field = indexDefinition(version.definition).byKey.get(fieldKey);
  if (field && !field.group) value = await onlyThisJobsAttachments(tx, actor.orgId, job.id, field.field, value);
  const now = new Date();
  const [existing] = await tx
    .select()
    .from(formAnswers)
    .where(and(eq(formAnswers.responseId, responseId), eq(formAnswers.fieldKey, fieldKey)))
    .for('update');
  let historyCount = existing?.historyCount ?? 0;
  let conflict = existing?.conflict ?? false;
  // Claiming to have seen more than it was served cannot hide a conflict.
  const unseen = async () =>
    (await answerVersion(tx, ctx, formAnswerId(responseId, fieldKey))) > Math.min(ctx.baseVersion, ctx.servedVersion);
  const photos = existing ? await mergedPhotos(tx, version, fieldKey, existing.value, value, unseen) : null;
  if (photos) value = photos.value;
  // The same person's value from another of their devices counts as someone else's when this one
  // had not seen it (a phone and a tablet both offline): kept in the history and flagged, not lost.
  // Their own edits on one device replace each other quietly, as typing does.
  const fromOtherDevice =
    existing?.answeredBy === actor.userId &&
    existing.answeredClientId !== null &&
    existing.answeredClientId !== ctx.clientId &&
    (await unseen());
  const replaced = existing && (existing.answeredBy !== actor.userId || photos?.leftOut === true || fromOtherDevice);
  if (existing && replaced && !sameJson(existing.value, value)) {
    // Photos added on two phones are both kept (merged above): only photos left out are a conflict.
    const concurrent = photos ? photos.leftOut : await unseen();
    await tx.insert(formAnswerHistory).values({
      id: newId(),
      orgId: actor.orgId,
      responseId,
      fieldKey,
      value: existing.value,
      answeredBy: existing.answeredBy,
      capturedAt: existing.capturedAt,
      storedAt: existing.updatedAt,
      replacedAt: now,
      replacedBy: actor.userId,
      concurrent,
    });
    historyCount += 1;
    conflict = conflict || concurrent;
  }
  const values = {
    value: value,
    answeredBy: actor.userId,
    answeredClientId: ctx.clientId,
    capturedAt: new Date(capturedAt),
    updatedAt: now,
    historyCount,
    conflict,
  };
  const [row] = await tx
    .insert(formAnswers)
    .values({ responseId, fieldKey, orgId: actor.orgId, ...values })
    .onConflictDoUpdate({ target: [formAnswers.responseId, formAnswers.fieldKey], set: values })
    .returning();
  if (row) ctx.recorder.put('formAnswers', toFormAnswerRow(row, job.id), jobScopes(job));
  ctx.audit?.changed('answer', existing?.value ?? null, value, fieldKey);
};

/**
 * A photo field answered on two phones that had not seen each other's photos (R6, R9): adding a
 * photo is additive, so the answer becomes this phone's list followed by the photos only the
 * other had, as long as they still exist (a deleted photo's record is gone) and fit the field's
 * maximum. Null for other fields, or when the writer had seen the current list (then their list,
 * removals included, is the answer). `leftOut`: some photos did not fit, so a conflict is flagged.
 */
async function mergedPhotos(
  tx: AnyTx,
  version: FormVersionRow,
  fieldKey: string,
  current: unknown,
  incoming: AnswerValue | null,
  unseen: () => Promise<boolean>,
): Promise<{ value: string[]; leftOut: boolean } | null> {
  const field = indexDefinition(version.definition).byKey.get(fieldKey);
  if (field?.group || field?.field.type !== 'photos' || !Array.isArray(current)) return null;
  const mine = Array.isArray(incoming) ? incoming.filter((id): id is string => typeof id === 'string') : [];
  const theirs = current.filter((id): id is string => typeof id === 'string' && !mine.includes(id));
  if (theirs.length === 0 || !(await unseen())) return null;
  const alive = await tx
    .select({ id: attachments.id })
    .from(attachments)
    .where(and(inArray(attachments.id, theirs), ne(attachments.state, 'deleted')));
  const kept = theirs.filter((id) => alive.some((a) => a.id === id));
  const room = Math.max(0, field.field.maxPhotos - mine.length);
  return { value: [...mine, ...kept.slice(0, room)], leftOut: kept.length > room };
}

async function loadAnswers(tx: AnyTx, responseId: string) {
  const rows = await tx.select().from(formAnswers).where(eq(formAnswers.responseId, responseId));
  return {
    rows,
    answers: answersFromRows(rows.map((r) => ({ fieldKey: r.fieldKey, value: r.value }))),
  };
}

export const submitForm: ServerMutator<'submitForm'> = async (tx, { responseId: requestedId }, ctx) => {
  const response = await lockResponse(tx, ctx.actor, requestedId);
  // The id it was started under, also when the request named one of its aliases.
  const responseId = response.id;
  const job = await lockJob(tx, ctx, response.jobId);
  await assertCanWorkOn(tx, ctx, job);
  if (response.status === 'submitted') return;
  const closed = jobFormsRefusal(job);
  if (closed) throw closed;
  await assertSawLatestSendBack(tx, ctx, job);
  await assertSawReopen(tx, ctx, response, job);
  const version = await findVersion(tx, ctx.actor.orgId, response.templateVersionId);
  const [jobType] = await tx
    .select({ requiredFields: jobTypes.requiredFields })
    .from(jobTypes)
    .where(eq(jobTypes.id, job.jobTypeId));
  const { answers } = await loadAnswers(tx, responseId);
  const problems = validateSubmission(version.definition, answers, { requiredFields: jobType?.requiredFields ?? [] });
  if (problems.length) throw submissionRefusal(version.name, problems);
  const now = new Date();
  const [row] = await tx
    .update(formResponses)
    .set({ status: 'submitted', submittedAt: now, submittedBy: ctx.actor.userId, updatedAt: now })
    .where(eq(formResponses.id, responseId))
    .returning();
  if (row) {
    const form = toFormResponseRow(row);
    ctx.recorder.put('formResponses', form, jobScopes(job));
    await publishFormSubmitted(tx, ctx, form);
  }
  ctx.audit?.changed('formStatus', response.status, 'submitted');
};

/**
 * Moves a draft to another version of its template. Answers carry over by key when still valid;
 * the ones that do not are not lost: they go to the answer history (who/when), then the row goes.
 */
export const moveFormToVersion: ServerMutator<'moveFormToVersion'> = async (
  tx,
  { responseId: requestedId, templateVersionId },
  ctx,
) => {
  const { actor } = ctx;
  const response = await lockResponse(tx, actor, requestedId);
  // The id it was started under, also when the request named one of its aliases.
  const responseId = response.id;
  const job = await lockJob(tx, ctx, response.jobId);
  await assertCanWorkOn(tx, ctx, job);
  const closed = jobFormsRefusal(job);
  if (closed) throw closed;
  const from = await findVersion(tx, actor.orgId, response.templateVersionId);
  const to = await findVersion(tx, actor.orgId, templateVersionId);
  const refusal = moveRefusal(toFormResponseRow(response), from, to);
  if (refusal) throw refusal;
  const { rows, answers } = await loadAnswers(tx, responseId);
  const result = migrateAnswers(from.definition, to.definition, answers);
  // An answer the new version drops leaves the form (it is kept only in the field's history), and
  // so does the part of a group's answer it drops (a child field, entries over its new maximum).
  // One that another device wrote after the mover last looked would leave it unseen, with no flag
  // to show for it: the move is refused until the mover has seen it (R6). The mover's own device's
  // answers, and ones they had seen, are theirs to drop.
  const seen = Math.min(ctx.baseVersion, ctx.servedVersion);
  for (const row of rows) {
    const lost = droppedPart(result, row.fieldKey);
    if (lost === null || row.answeredClientId === ctx.clientId) continue;
    if ((await answerVersion(tx, ctx, formAnswerId(responseId, row.fieldKey))) > seen) {
      throw new AppError(
        ERROR_CODES.conflict,
        `An answer to "${lost}" arrived after you last looked at this form, and version ${to.version} drops that field: look at the form again before moving it.`,
        undefined,
        { key: 'form.moveDropsUnseenAnswer', params: { field: lost, version: to.version } },
      );
    }
  }
  const scopes = jobScopes(job);
  const now = new Date();
  ctx.audit?.changed('formVersion', from.version, to.version);
  for (const row of rows) {
    const carried = result.answers[row.fieldKey];
    if (carried !== undefined && sameJson(carried, row.value)) continue;
    ctx.audit?.changed('answer', row.value, carried ?? null, row.fieldKey);
    await tx.insert(formAnswerHistory).values({
      id: newId(),
      orgId: actor.orgId,
      responseId,
      fieldKey: row.fieldKey,
      value: row.value,
      answeredBy: row.answeredBy,
      capturedAt: row.capturedAt,
      storedAt: row.updatedAt,
      replacedAt: now,
      replacedBy: actor.userId,
      concurrent: false,
    });
    const where = and(eq(formAnswers.responseId, responseId), eq(formAnswers.fieldKey, row.fieldKey));
    if (carried === undefined) {
      await tx.delete(formAnswers).where(where);
      ctx.recorder.delete('formAnswers', formAnswerId(responseId, row.fieldKey), scopes);
    } else {
      const [updated] = await tx
        .update(formAnswers)
        .set({ value: carried, updatedAt: now, historyCount: row.historyCount + 1 })
        .where(where)
        .returning();
      if (updated) ctx.recorder.put('formAnswers', toFormAnswerRow(updated, job.id), scopes);
    }
  }
  const [updated] = await tx
    .update(formResponses)
    .set({ templateVersionId, updatedAt: now })
    .where(eq(formResponses.id, responseId))
    .returning();
  if (updated) ctx.recorder.put('formResponses', toFormResponseRow(updated), scopes);
};

/**
 * What a move leaves out of one answer: the field's key when it goes whole, `group.child` when a
 * group keeps its entries without a child's values, the group's key when entries go; null when
 * all of it carries over.
 */
function droppedPart(result: MigrationResult, fieldKey: string): string | null {
  if (result.answers[fieldKey] === undefined) return fieldKey;
  return result.dropped.find((key) => key === fieldKey || key.startsWith(`${fieldKey}.`)) ?? null;
}

/**
 * A submitted form back to draft: who submitted it is cleared, and when and by whom it was reopened
 * is kept (a submit from a device that had not seen this is refused: `assertSawReopen`).
 */
function reopened(by: string) {
  const now = new Date();
  return {
    status: 'draft' as const,
    submittedAt: null,
    submittedBy: null,
    updatedAt: now,
    reopenedAt: now,
    reopenedBy: by,
  };
}

export const reopenForm: ServerMutator<'reopenForm'> = async (tx, { responseId: requestedId }, ctx) => {
  const response = await lockResponse(tx, ctx.actor, requestedId);
  // The id it was started under, also when the request named one of its aliases.
  const responseId = response.id;
  const job = await lockJob(tx, ctx, response.jobId);
  assertCanReview(ctx.actor, job, 'reopen a submitted form');
  // A submitted, approved or cancelled job's forms are closed: reopening one would only erase who
  // submitted it, and the crew could not answer it again (ADR 0012). A send-back reopens them.
  const closed = jobFormsRefusal(job);
  if (closed) throw closed;
  if (response.status === 'draft') return;
  const [row] = await tx
    .update(formResponses)
    .set(reopened(ctx.actor.userId))
    .where(eq(formResponses.id, responseId))
    .returning();
  if (row) ctx.recorder.put('formResponses', toFormResponseRow(row), jobScopes(job));
  ctx.audit?.changed('formStatus', response.status, 'draft');
};

export const resolveAnswerConflict: ServerMutator<'resolveAnswerConflict'> = async (
  tx,
  { responseId: requestedId, fieldKey },
  ctx,
) => {
  const response = await lockResponse(tx, ctx.actor, requestedId);
  // The id it was started under, also when the request named one of its aliases.
  const responseId = response.id;
  const job = await lockJob(tx, ctx, response.jobId);
  assertCanReview(ctx.actor, job, 'mark a conflicting answer as checked');
  const where = and(eq(formAnswers.responseId, responseId), eq(formAnswers.fieldKey, fieldKey));
  const [current] = await tx.select().from(formAnswers).where(where).for('update');
  if (!current) throw new AppError(ERROR_CODES.notFound, 'This answer does not exist.');
  // "Checked" covers what the reviewer saw: an answer written since (another unseen overwrite,
  // from a device other than the reviewer's own) stays flagged until they look at it again.
  const seen = Math.min(ctx.baseVersion, ctx.servedVersion);
  if (
    current.conflict &&
    current.answeredClientId !== ctx.clientId &&
    (await answerVersion(tx, ctx, formAnswerId(responseId, fieldKey))) > seen
  ) {
    throw new AppError(
      ERROR_CODES.conflict,
      'This answer changed after you looked at it: look at it again before marking it as checked.',
    );
  }
  const [row] = await tx.update(formAnswers).set({ conflict: false }).where(where).returning();
  if (!row) throw new AppError(ERROR_CODES.notFound, 'This answer does not exist.');
  ctx.recorder.put('formAnswers', toFormAnswerRow(row, job.id), jobScopes(job));
  // Who cleared a flag, and when, is part of the answer's story on the job's timeline.
  ctx.audit?.changed('answerConflict', current.conflict, false, fieldKey);
};

/**
 * Sending a job back reopens its submitted forms, so the crew can correct them. Each reopened form
 * is noted on the send-back's audit entry (its response id as the key), as `reopenForm` notes one.
 */
export async function reopenFormsOfJob(
  tx: AnyTx,
  ctx: Pick<Parameters<ServerMutator<'reopenForm'>>[2], 'recorder' | 'audit' | 'actor'>,
  jobId: string,
  scopes: string[],
): Promise<void> {
  const rows = await tx
    .update(formResponses)
    .set(reopened(ctx.actor.userId))
    .where(and(eq(formResponses.jobId, jobId), eq(formResponses.status, 'submitted')))
    .returning();
  for (const row of rows) {
    ctx.recorder.put('formResponses', toFormResponseRow(row), scopes);
    ctx.audit?.changed('formStatus', 'submitted', 'draft', row.id);
  }
}
