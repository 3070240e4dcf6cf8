import { and, eq } from 'drizzle-orm';
import { workScopes, type AttachmentRow } from '@lastmile/domain';
import type { DbOrTx } from '@lastmile/sync/server';
import { jobs, outstandingItems } from '../db/schema/index.ts';
import { itemScopes } from './site-items.ts';
import { toOutstandingItemRow } from './work-rows.ts';

/**
 * Who sees a photo: an item's photo whoever sees the item (its site's people too, R8); every other
 * photo whoever sees its job. The same scopes decide who may download its bytes (routes/attachments).
 */
export async function attachmentScopes(tx: DbOrTx, row: Pick<AttachmentRow, 'orgId' | 'kind' | 'jobId' | 'itemId'>) {
  if (row.kind === 'item' && row.itemId) {
    const [item] = await tx
      .select()
      .from(outstandingItems)
      .where(and(eq(outstandingItems.id, row.itemId), eq(outstandingItems.orgId, row.orgId)));
    return item ? itemScopes(tx, toOutstandingItemRow(item)) : [];
  }
  if (!row.jobId) return [];
  const [job] = await tx
    .select()
    .from(jobs)
    .where(and(eq(jobs.id, row.jobId), eq(jobs.orgId, row.orgId)));
  return job ? workScopes({ orgId: job.orgId, teamId: job.teamId, userIds: [job.assigneeId] }) : [];
}
