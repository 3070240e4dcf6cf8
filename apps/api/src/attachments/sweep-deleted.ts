import { and, eq, sql } from 'drizzle-orm';
import type { AnyDb } from '@lastmile/sync/server';
import { attachments } from '../db/schema/index.ts';
import { blobKeys } from './attachment-records.ts';
import type { BlobStore } from './storage/blob-store.ts';

/**
 * Removes the bytes of deleted photos from the blob store — the original and the server's
 * thumbnail — then their rows. Run after deletions commit (a timer, and at start), never inside
 * the deleting transaction: a rolled-back delete must not lose bytes. Returns how many went.
 */
export async function sweepDeletedAttachments(db: AnyDb, blobs: BlobStore, limit = 200): Promise<number> {
  const rows = await db
    .select({ id: attachments.id, orgId: attachments.orgId })
    .from(attachments)
    .where(eq(attachments.state, 'deleted'))
    .orderBy(sql`${attachments.createdAt}`)
    .limit(limit);
  for (const row of rows) {
    await blobs.delete(blobKeys.original(row));
    await blobs.delete(blobKeys.thumbnail(row));
    await db.delete(attachments).where(and(eq(attachments.id, row.id), eq(attachments.state, 'deleted')));
  }
  return rows.length;
}
