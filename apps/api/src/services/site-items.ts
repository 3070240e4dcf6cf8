import { and, eq, inArray, isNotNull } from 'drizzle-orm';
import { scope, workScopes, type OutstandingItemRow } from '@lastmile/domain';
import type { AnyTx, ChangeRecorder, DbOrTx } from '@lastmile/sync/server';
import { jobs, outstandingItems } from '../db/schema/index.ts';
import { moveJobReferences, type JobPlacement } from './reference-scopes.ts';
import { moveItemAttachments } from './move-attachments.ts';
import { toOutstandingItemRow } from './work-rows.ts';

/**
 * Outstanding items travel with their site: whoever has a job at a site sees that site's items on
 * their phone, offline too (R8). A technician is not in the item's team scope, so the item is
 * also logged under the user scope of everyone with a job at its site; these functions keep that
 * in step when an item changes and when a job changes hands or sites.
 */

const STILL_TO_DO = ['open', 'in_progress'] as const;

/** The people with a job at the site (their jobs' assignees). */
async function peopleWithJobsAt(tx: DbOrTx, orgId: string, siteId: string): Promise<string[]> {
  const rows = await tx
    .selectDistinct({ id: jobs.assigneeId })
    .from(jobs)
    .where(and(eq(jobs.orgId, orgId), eq(jobs.siteId, siteId), isNotNull(jobs.assigneeId)));
  return rows.map((r) => r.id).filter((id): id is string => id !== null);
}

/** Every scope that may see the item now: its team, owner and raiser, and the people with a job at its site. */
export async function itemScopes(tx: DbOrTx, item: OutstandingItemRow): Promise<string[]> {
  const atSite = item.siteId ? await peopleWithJobsAt(tx, item.orgId, item.siteId) : [];
  return scopesOfItem(item, atSite);
}

function scopesOfItem(item: OutstandingItemRow, atSite: readonly string[]): string[] {
  return workScopes({ orgId: item.orgId, teamId: item.teamId, userIds: [item.ownerId, item.createdBy, ...atSite] });
}

type JobPlace = JobPlacement;

/**
 * After a job was created, reassigned or moved to another site (the job row already updated in
 * `tx`): its site and customer go where the job now is (reference-scopes.ts); its new assignee
 * receives the open items at its site; the old assignee loses the items of
 * the old site unless they still see them another way (another job there, their own item).
 */
export async function moveSiteItems(
  tx: AnyTx,
  recorder: ChangeRecorder,
  before: JobPlace | null,
  after: JobPlace,
): Promise<void> {
  // The site and customer rows themselves travel the same way (a device holds its own work).
  await moveJobReferences(tx, recorder, before, after);
  if (before && before.siteId === after.siteId && before.assigneeId === after.assigneeId) return;
  if (after.assigneeId) {
    const items = await tx
      .select()
      .from(outstandingItems)
      .where(
        and(
          eq(outstandingItems.orgId, after.orgId),
          eq(outstandingItems.siteId, after.siteId),
          inArray(outstandingItems.status, [...STILL_TO_DO]),
        ),
      );
    const newcomer = [scope.user(after.assigneeId)];
    for (const item of items) recorder.put('outstandingItems', toOutstandingItemRow(item), newcomer);
    await moveItemAttachments(
      tx,
      recorder,
      items.map((item) => item.id),
      [],
      newcomer,
    );
  }
  if (before?.assigneeId) {
    const gone = scope.user(before.assigneeId);
    const items = await tx
      .select()
      .from(outstandingItems)
      .where(and(eq(outstandingItems.orgId, before.orgId), eq(outstandingItems.siteId, before.siteId)));
    // Who has a job at the old site now (this job already updated): one query for all its items.
    const atSite = await peopleWithJobsAt(tx, before.orgId, before.siteId);
    const lost: string[] = [];
    for (const row of items) {
      const item = toOutstandingItemRow(row);
      if (scopesOfItem(item, atSite).includes(gone)) continue;
      recorder.delete('outstandingItems', item.id, [gone]);
      lost.push(item.id);
    }
    await moveItemAttachments(tx, recorder, lost, [gone], []);
  }
}
