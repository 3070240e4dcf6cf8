import { and, asc, eq, inArray } from 'drizzle-orm';
import type { ApiCustomersQuery, ApiItemsQuery, ApiSitesQuery } from '@lastmile/domain';
import type { DbOrTx } from '@lastmile/sync/server';
import { customers, outstandingItems, sites } from '../../db/schema/index.ts';
import { toCustomerRow, toSiteRow } from '../rows.ts';
import { toOutstandingItemRow } from '../work-rows.ts';
import { afterCursor, pageOf } from './cursor.ts';

/** /api/v1 lists of reference data and outstanding items: the rows phones receive by sync, paged by id. */
export async function findApiCustomers(db: DbOrTx, orgId: string, q: ApiCustomersQuery) {
  const rows = await db
    .select()
    .from(customers)
    .where(and(eq(customers.orgId, orgId), afterCursor(customers.id, q.cursor)))
    .orderBy(asc(customers.id))
    .limit(q.limit + 1);
  return pageOf(rows, q.limit, toCustomerRow);
}

export async function findApiSites(db: DbOrTx, orgId: string, q: ApiSitesQuery) {
  const rows = await db
    .select()
    .from(sites)
    .where(
      and(
        eq(sites.orgId, orgId),
        q.customerId ? eq(sites.customerId, q.customerId) : undefined,
        afterCursor(sites.id, q.cursor),
      ),
    )
    .orderBy(asc(sites.id))
    .limit(q.limit + 1);
  return pageOf(rows, q.limit, toSiteRow);
}

export async function findApiItems(db: DbOrTx, orgId: string, q: ApiItemsQuery) {
  const rows = await db
    .select()
    .from(outstandingItems)
    .where(
      and(
        eq(outstandingItems.orgId, orgId),
        q.status?.length ? inArray(outstandingItems.status, q.status) : undefined,
        q.jobId ? eq(outstandingItems.jobId, q.jobId) : undefined,
        q.siteId ? eq(outstandingItems.siteId, q.siteId) : undefined,
        afterCursor(outstandingItems.id, q.cursor),
      ),
    )
    .orderBy(asc(outstandingItems.id))
    .limit(q.limit + 1);
  return pageOf(rows, q.limit, toOutstandingItemRow);
}
