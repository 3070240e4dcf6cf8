import { and, eq, ne } from 'drizzle-orm';
import { AppError, ERROR_CODES, scopesForActor, type Actor, type AttachmentRow } from '@lastmile/domain';
import { writeInOrg, type AnyDb, type DbOrTx } from '@lastmile/sync/server';
import { attachments } from '../db/schema/index.ts';
import { toAttachmentRow } from '../services/attachment-rows.ts';
import { attachmentScopes } from '../services/attachment-scopes.ts';
import { AUDIT_ACTIONS, recordAudit } from '../services/record-audit.ts';

/** Where an attachment's verified bytes and server thumbnail live in the blob store. */
export const blobKeys = {
  original: (row: Pick<AttachmentRow, 'orgId' | 'id'>) => `${row.orgId}/${row.id}`,
  thumbnail: (row: Pick<AttachmentRow, 'orgId' | 'id'>) => `${row.orgId}/${row.id}.thumb.webp`,
};

/** The record of another organization's attachment is "not found", like one that does not exist. */
export async function findAttachment(db: DbOrTx, orgId: string, id: string): Promise<AttachmentRow | null> {
  const [row] = await db
    .select()
    .from(attachments)
    .where(and(eq(attachments.id, id), eq(attachments.orgId, orgId), ne(attachments.state, 'deleted')));
  return row ? toAttachmentRow(row) : null;
}

/**
 * The attachment as this person may see it: the same scope rules as sync, so whoever has the
 * record on their phone may fetch its bytes, and nobody else — not even by guessing the id.
 */
export async function findVisibleAttachment(db: DbOrTx, actor: Actor, id: string): Promise<AttachmentRow> {
  const row = await findAttachment(db, actor.orgId, id);
  const mine = new Set(scopesForActor(actor));
  if (!row || !(await attachmentScopes(db, row)).some((s) => mine.has(s))) {
    throw new AppError(ERROR_CODES.notFound, 'This photo does not exist, or is not yours to see.');
  }
  return row;
}

/** After the bytes were verified and stored: the record says so, on every device that has it. */
export async function markAvailable(db: AnyDb, row: AttachmentRow, storageKey: string): Promise<void> {
  await writeInOrg(db, row.orgId, async (tx, recorder) => {
    const [updated] = await tx
      .update(attachments)
      .set({ state: 'available', storageKey, uploadedAt: new Date() })
      .where(and(eq(attachments.id, row.id), eq(attachments.state, 'pending')))
      .returning();
    if (!updated) return;
    const record = toAttachmentRow(updated);
    recorder.put('attachments', record, await attachmentScopes(tx, record));
    // The taker is named: the bytes are theirs, whichever session of their phone sent them (may-upload.ts).
    await recordAudit(tx, null, {
      orgId: row.orgId,
      userId: row.capturedBy,
      action: AUDIT_ACTIONS.attachmentUploaded,
      entity: 'attachments',
      entityId: row.id,
      jobId: row.jobId,
      changes: [{ field: 'state', before: 'pending', after: 'available' }],
    });
  });
}
