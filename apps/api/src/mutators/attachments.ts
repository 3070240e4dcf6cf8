import { and, count, eq, ne } from 'drizzle-orm';
import {
  AppError,
  ERROR_CODES,
  indexDefinition,
  photoRefusal,
  type AddAttachmentArgs,
  type AttachmentRow,
  type JobRow,
} from '@lastmile/domain';
import type { AnyTx, ServerMutator, ServerMutatorContext } from '@lastmile/sync/server';
import { attachments, jobMessages, outstandingItems } from '../db/schema/index.ts';
import { toAttachmentRow } from '../services/attachment-rows.ts';
import { attachmentScopes } from '../services/attachment-scopes.ts';
import { photoSettingsOf } from '../services/org-settings.ts';
import { toOutstandingItemRow } from '../services/work-rows.ts';
import { findVersion, lockResponse } from './form-access.ts';
import { assertCanWorkOn, lockJob } from './job-access.ts';
import { canEditItem } from './outstanding-items.ts';

/**
 * Photos and signatures (R9). The record is an ordinary mutation (sync principle 10); the bytes
 * follow by a resumable upload (routes/attachments) that only the person who took the photo may
 * send, and that flips `state` to `available` once size, SHA-256 and file type check out.
 * Who may add a photo is who may work on what it belongs to; the organization's limits (type,
 * size, photos per job) are checked here and again on upload.
 */

type Ctx = ServerMutatorContext;

async function jobOfTarget(
  tx: AnyTx,
  ctx: Ctx,
  args: AddAttachmentArgs,
): Promise<{ job: JobRow | null; responseId: string | null }> {
  switch (args.kind) {
    case 'job': {
      const job = await lockJob(tx, ctx, args.jobId!);
      await assertCanWorkOn(tx, ctx, job);
      return { job, responseId: null };
    }
    case 'answer': {
      // The id may be an alias (two people started the same form offline): the photo joins the one form.
      const response = await lockResponse(tx, ctx.actor, args.responseId!);
      if (response.jobId !== args.jobId) throw invalid('jobId', 'is not the job of this form');
      const job = await lockJob(tx, ctx, response.jobId);
      await assertCanWorkOn(tx, ctx, job);
      if (response.status === 'submitted') {
        throw new AppError(ERROR_CODES.conflict, 'This form was submitted; a lead can reopen it to add photos.');
      }
      const version = await findVersion(tx, ctx.actor.orgId, response.templateVersionId);
      const field = indexDefinition(version.definition).byKey.get(args.fieldKey!)?.field;
      if (field?.type !== 'photos' && field?.type !== 'signature') {
        throw invalid('fieldKey', 'is not a photo or signature field of this form');
      }
      return { job, responseId: response.id };
    }
    case 'message': {
      const [message] = await tx
        .select()
        .from(jobMessages)
        .where(and(eq(jobMessages.id, args.messageId!), eq(jobMessages.orgId, ctx.actor.orgId)));
      if (!message) throw new AppError(ERROR_CODES.notFound, 'This message does not exist.');
      if (message.jobId !== args.jobId) throw invalid('jobId', 'is not the job of this message');
      if (message.authorId !== ctx.actor.userId) {
        throw new AppError(ERROR_CODES.forbidden, 'Only the author of a message can add photos to it.');
      }
      const job = await lockJob(tx, ctx, message.jobId);
      await assertCanWorkOn(tx, ctx, job);
      return { job, responseId: null };
    }
    case 'item': {
      const [item] = await tx
        .select()
        .from(outstandingItems)
        .where(and(eq(outstandingItems.id, args.itemId!), eq(outstandingItems.orgId, ctx.actor.orgId)));
      if (!item) throw new AppError(ERROR_CODES.notFound, 'This outstanding item does not exist.');
      const job = item.jobId ? await lockJob(tx, ctx, item.jobId) : null;
      // Whoever may edit the item, and whoever works on its job (a photo of the defect they found).
      const mayEdit = canEditItem(ctx, toOutstandingItemRow(item)) || job?.assigneeId === ctx.actor.userId;
      if (!mayEdit)
        throw new AppError(ERROR_CODES.forbidden, 'You can only add photos to items you own, raised or work on.');
      return { job, responseId: null };
    }
  }
}

function invalid(path: string, message: string): AppError {
  return new AppError(ERROR_CODES.validation, `The photo's ${path} ${message}.`, [{ path, message }]);
}

export const addAttachment: ServerMutator<'addAttachment'> = async (tx, args, ctx) => {
  const { job, responseId } = await jobOfTarget(tx, ctx, args);
  const [taken] = await tx.select({ id: attachments.id }).from(attachments).where(eq(attachments.id, args.id));
  if (taken) throw new AppError(ERROR_CODES.conflict, 'A photo with this id exists already.');
  const jobId = job?.id ?? null;
  const settings = await photoSettingsOf(tx, ctx.actor.orgId);
  const [onJob] = jobId
    ? await tx
        .select({ n: count() })
        .from(attachments)
        .where(and(eq(attachments.jobId, jobId), ne(attachments.state, 'deleted')))
    : [{ n: 0 }];
  const refusal = photoRefusal(settings, args, onJob?.n ?? 0);
  if (refusal) throw new AppError(ERROR_CODES.validation, refusal);
  // Personal data the organization did not ask for is not stored, whatever the device sent.
  const { location, ...rest } = args;
  const kept = settings.keepLocation ? location : null;
  const [row] = await tx
    .insert(attachments)
    .values({
      ...rest,
      lat: kept?.lat ?? null,
      lng: kept?.lng ?? null,
      locationAccuracyM: kept?.accuracyM ?? null,
      jobId,
      responseId,
      orgId: ctx.actor.orgId,
      capturedBy: ctx.actor.userId,
      capturedAt: new Date(args.capturedAt),
      clientId: ctx.clientId,
      state: 'pending',
    })
    .returning();
  if (!row) return;
  const record = toAttachmentRow(row);
  ctx.recorder.put('attachments', record, await attachmentScopes(tx, record));
};

async function lockAttachment(tx: AnyTx, ctx: Ctx, id: string): Promise<AttachmentRow> {
  const [row] = await tx
    .select()
    .from(attachments)
    .where(and(eq(attachments.id, id), eq(attachments.orgId, ctx.actor.orgId), ne(attachments.state, 'deleted')))
    .for('update');
  if (!row) throw new AppError(ERROR_CODES.notFound, 'This photo does not exist.');
  if (row.jobId) ctx.audit?.onJob(row.jobId);
  return toAttachmentRow(row);
}

/** The person who took it, and the office or the job's lead (a caption the office corrects). */
async function assertMayChange(tx: AnyTx, ctx: Ctx, row: AttachmentRow, what: string): Promise<void> {
  const { actor } = ctx;
  if (row.capturedBy === actor.userId || actor.role === 'office' || actor.role === 'admin') return;
  if (actor.role === 'lead' && row.jobId) {
    const job = await lockJob(tx, ctx, row.jobId);
    if (job.teamId !== null && job.teamId === actor.teamId) return;
  }
  throw new AppError(ERROR_CODES.forbidden, `Only the person who took this photo can ${what}.`);
}

export const setAttachmentCaption: ServerMutator<'setAttachmentCaption'> = async (tx, { id, caption }, ctx) => {
  const row = await lockAttachment(tx, ctx, id);
  await assertMayChange(tx, ctx, row, 'change its caption');
  const [updated] = await tx.update(attachments).set({ caption }).where(eq(attachments.id, id)).returning();
  if (!updated) return;
  const record = toAttachmentRow(updated);
  ctx.recorder.put('attachments', record, await attachmentScopes(tx, record));
};

/**
 * A retake: the record goes from every device at once; its bytes (and thumbnail) are removed
 * from the blob store by the sweep right after (attachments/sweep-deleted.ts). A photo of a
 * submitted form is evidence and stays.
 */
export const deleteAttachment: ServerMutator<'deleteAttachment'> = async (tx, { id }, ctx) => {
  const row = await lockAttachment(tx, ctx, id);
  await assertMayChange(tx, ctx, row, 'delete it');
  if (row.kind === 'answer' && row.responseId) {
    const response = await lockResponse(tx, ctx.actor, row.responseId);
    if (response.status === 'submitted') {
      throw new AppError(ERROR_CODES.conflict, 'This photo is part of a submitted form and is kept.');
    }
  }
  const scopes = await attachmentScopes(tx, row);
  // Marked, not removed: the bytes leave the blob store after this commits (sweepDeletedAttachments).
  await tx.update(attachments).set({ state: 'deleted' }).where(eq(attachments.id, id));
  ctx.recorder.delete('attachments', id, scopes);
};
