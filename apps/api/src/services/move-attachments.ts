import { and, eq, inArray, ne } from 'drizzle-orm';
import type { AnyTx, ChangeRecorder } from '@lastmile/sync/server';
import { attachments } from '../db/schema/index.ts';
import { toAttachmentRow } from './attachment-rows.ts';

/**
 * A job's photos (not its items') travel with it on reassignment, like its forms and thread.
 * Called by moveJobForms, which has already returned when the scopes did not change.
 */
export async function moveJobAttachments(
  tx: AnyTx,
  recorder: ChangeRecorder,
  jobId: string,
  before: readonly string[],
  after: readonly string[],
): Promise<void> {
  const rows = await tx
    .select()
    .from(attachments)
    .where(and(eq(attachments.jobId, jobId), ne(attachments.kind, 'item'), ne(attachments.state, 'deleted')));
  for (const row of rows) recorder.move('attachments', toAttachmentRow(row), before, after);
}

/** An item's photos follow the item: logged again wherever the item was just logged. */
export async function moveItemAttachments(
  tx: AnyTx,
  recorder: ChangeRecorder,
  itemIds: readonly string[],
  before: readonly string[],
  after: readonly string[],
): Promise<void> {
  if (itemIds.length === 0) return;
  const rows = await tx
    .select()
    .from(attachments)
    .where(
      and(eq(attachments.kind, 'item'), inArray(attachments.itemId, [...itemIds]), ne(attachments.state, 'deleted')),
    );
  for (const row of rows) recorder.move('attachments', toAttachmentRow(row), before, after);
}
