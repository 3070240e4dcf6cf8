import { and, eq } from 'drizzle-orm';
import type { JobRow } from '@lastmile/domain';
import type { AnyTx, ChangeRecorder } from '@lastmile/sync/server';
import { outstandingItems } from '../db/schema/index.ts';
import { moveItemAttachments } from './move-attachments.ts';
import { itemScopes } from './site-items.ts';
import { toOutstandingItemRow } from './work-rows.ts';

/**
 * A job moved to another team takes the items raised on it that were its team's (an item takes
 * the job's team when raised on it or moved onto it): the new team's lead manages them, the old
 * team's no longer does. Before, they stayed with the old team, whose lead could still change them
 * while the lead now responsible could neither close nor export them (found by an outsider
 * tester). An item someone gave another team meanwhile stays where it was put.
 */
export async function moveJobItems(
  tx: AnyTx,
  recorder: ChangeRecorder,
  before: Pick<JobRow, 'id' | 'orgId' | 'teamId'>,
  after: Pick<JobRow, 'teamId'>,
): Promise<void> {
  if (before.teamId === after.teamId || before.teamId === null) return;
  const rows = await tx
    .select()
    .from(outstandingItems)
    .where(
      and(
        eq(outstandingItems.orgId, before.orgId),
        eq(outstandingItems.jobId, before.id),
        eq(outstandingItems.teamId, before.teamId),
      ),
    );
  for (const row of rows) {
    const item = toOutstandingItemRow(row);
    const from = await itemScopes(tx, item);
    const [updated] = await tx
      .update(outstandingItems)
      .set({ teamId: after.teamId, updatedAt: new Date() })
      .where(eq(outstandingItems.id, item.id))
      .returning();
    if (!updated) continue;
    const moved = toOutstandingItemRow(updated);
    const to = await itemScopes(tx, moved);
    recorder.move('outstandingItems', moved, from, to);
    await moveItemAttachments(tx, recorder, [moved.id], from, to);
  }
}
