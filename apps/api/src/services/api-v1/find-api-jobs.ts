import { and, asc, eq, inArray } from 'drizzle-orm';
import type { ApiJob, ApiJobsPage, ApiJobsQuery } from '@lastmile/domain';
import type { DbOrTx } from '@lastmile/sync/server';
import { jobs } from '../../db/schema/index.ts';
import { jobsFilterConditions, selectJobsWithNames, toJobTableItem } from '../find-jobs-page.ts';
import { afterCursor, pageOf } from './cursor.ts';

type Extras = { notes: string; statusReason: string | null; updatedAt: Date };

/** What the office table leaves out (long notes), read for just this page's jobs. */
async function extrasOf(db: DbOrTx, ids: string[]): Promise<Map<string, Extras>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: jobs.id, notes: jobs.notes, statusReason: jobs.statusReason, updatedAt: jobs.updatedAt })
    .from(jobs)
    .where(inArray(jobs.id, ids));
  return new Map(rows.map((r) => [r.id, r]));
}

/**
 * One page of /api/v1/jobs: the office table's filters (jobsFilterConditions) and row, paged by
 * id after the cursor (cursor.ts) instead of by page number.
 */
export async function findApiJobsPage(db: DbOrTx, orgId: string, q: ApiJobsQuery): Promise<ApiJobsPage> {
  const rows = await selectJobsWithNames(db)
    .where(and(jobsFilterConditions(orgId, q, undefined), afterCursor(jobs.id, q.cursor)))
    .orderBy(asc(jobs.id))
    .limit(q.limit + 1);
  const extras = await extrasOf(
    db,
    rows.slice(0, q.limit).map((r) => r.id),
  );
  return pageOf(rows, q.limit, (row) => withExtras(toJobTableItem(row), extras.get(row.id)));
}

function withExtras(item: ReturnType<typeof toJobTableItem>, extras: Extras | undefined): ApiJob {
  if (!extras) throw new Error(`job ${item.id} vanished between two reads`);
  return { ...item, notes: extras.notes, statusReason: extras.statusReason, updatedAt: extras.updatedAt.toISOString() };
}

/** One job of the organization as the API shows it, or null. */
export async function findApiJob(db: DbOrTx, orgId: string, id: string): Promise<ApiJob | null> {
  const [row] = await selectJobsWithNames(db).where(and(eq(jobs.orgId, orgId), eq(jobs.id, id)));
  if (!row) return null;
  const extras = await extrasOf(db, [id]);
  return withExtras(toJobTableItem(row), extras.get(id));
}
