import { aliasedTable, and, asc, eq, sql, type SQL } from 'drizzle-orm';
import type { CsvCell } from '@lastmile/domain';
import type { DbOrTx } from '@lastmile/sync/server';
import { jobs, outstandingItems, sites, teams, users } from '../../db/schema/index.ts';
import { EXPORT_PAGE_SIZE, type CsvPages } from './csv-stream.ts';

export const ITEMS_EXPORT_HEADER = [
  'title',
  'description',
  'status',
  'priority',
  'due_date',
  'job_number',
  'site',
  'site_address',
  'team',
  'owner',
  'raised_by',
  'raised_at',
  'updated_at',
  'item_id',
];

/**
 * Outstanding items of the organization (a lead: their team's), oldest first, by keyset on
 * (created_at, id).
 */
export async function* itemsExportPages(
  db: DbOrTx,
  orgId: string,
  limitToTeamId?: string,
  pageSize = EXPORT_PAGE_SIZE,
): CsvPages {
  const owner = aliasedTable(users, 'owner');
  const raisedBy = aliasedTable(users, 'raised_by');
  let after: { createdAt: Date; id: string } | null = null;
  for (;;) {
    const where: SQL[] = [eq(outstandingItems.orgId, orgId)];
    if (limitToTeamId !== undefined) where.push(eq(outstandingItems.teamId, limitToTeamId));
    if (after) {
      where.push(
        sql`(${outstandingItems.createdAt}, ${outstandingItems.id}) > (${after.createdAt.toISOString()}::timestamptz, ${after.id}::uuid)`,
      );
    }
    const rows = await db
      .select({
        item: outstandingItems,
        jobNumber: jobs.number,
        site: sites.name,
        siteAddress: sites.address,
        team: teams.name,
        owner: owner.name,
        raisedBy: raisedBy.name,
      })
      .from(outstandingItems)
      .leftJoin(jobs, eq(jobs.id, outstandingItems.jobId))
      .leftJoin(sites, eq(sites.id, outstandingItems.siteId))
      .leftJoin(teams, eq(teams.id, outstandingItems.teamId))
      .leftJoin(owner, eq(owner.id, outstandingItems.ownerId))
      .leftJoin(raisedBy, eq(raisedBy.id, outstandingItems.createdBy))
      .where(and(...where))
      .orderBy(asc(outstandingItems.createdAt), asc(outstandingItems.id))
      .limit(pageSize);
    yield rows.map(({ item, ...r }): CsvCell[] => [
      item.title,
      item.description,
      item.status,
      item.priority,
      item.dueDate,
      r.jobNumber,
      r.site,
      r.siteAddress,
      r.team,
      r.owner,
      r.raisedBy,
      item.createdAt.toISOString(),
      item.updatedAt.toISOString(),
      item.id,
    ]);
    const last = rows.at(-1);
    if (!last || rows.length < pageSize) return;
    after = { createdAt: last.item.createdAt, id: last.item.id };
  }
}
