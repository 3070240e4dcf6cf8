import { and, eq, inArray, isNotNull, or, sql } from 'drizzle-orm';
import { scope } from '@lastmile/domain';
import { queryRows, writeInOrg, type AnyDb } from '@lastmile/sync/server';
import { customers, jobs, sites } from '../db/schema/index.ts';
import { holders as holdersOf } from './reference-scopes.ts';
import { toCustomerRow, toSiteRow } from './rows.ts';

/**
 * Data written before customers and sites left the organization-wide reference scope
 * (`SCOPE_LAYOUT` 2 in the sync protocol): their change-log entries under `ref:` move to the
 * organization scope (the office's), and the customers and sites of existing jobs are logged under
 * those jobs' team and user scopes, as `moveJobReferences` does for new jobs. Runs at start-up,
 * one transaction per organization; a no-op once no customer or site is left under `ref:`. Every
 * client resets once anyway (the scope hash changed), so each receives what its scopes now hold.
 * Returns the number of organizations upgraded.
 */
export async function upgradeReferenceScopes(db: AnyDb): Promise<number> {
  const orgs = await queryRows<{ org_id: string }>(db, sql`select org_id from sync_org_versions`);
  let upgraded = 0;
  for (const { org_id: orgId } of orgs) {
    const old = await queryRows(
      db,
      sql`select 1 from sync_changes where org_id = ${orgId} and scope = ${scope.ref(orgId)}
            and entity in ('customers', 'sites') limit 1`,
    );
    if (old.length === 0) continue;
    await writeInOrg(db, orgId, async (tx, recorder) => {
      await tx.execute(
        sql`update sync_changes set scope = ${scope.org(orgId)}
            where org_id = ${orgId} and scope = ${scope.ref(orgId)} and entity in ('customers', 'sites')`,
      );
      const held = and(eq(jobs.orgId, orgId), or(isNotNull(jobs.teamId), isNotNull(jobs.assigneeId)));
      const placements = await tx
        .selectDistinct({
          siteId: jobs.siteId,
          customerId: jobs.customerId,
          teamId: jobs.teamId,
          assigneeId: jobs.assigneeId,
        })
        .from(jobs)
        .where(held);
      const holders = { sites: new Map<string, Set<string>>(), customers: new Map<string, Set<string>>() };
      const add = (map: Map<string, Set<string>>, id: string, s: string) =>
        map.set(id, (map.get(id) ?? new Set()).add(s));
      for (const p of placements) {
        for (const s of holdersOf(p)) {
          add(holders.sites, p.siteId, s);
          add(holders.customers, p.customerId, s);
        }
      }
      const neededSites = tx.selectDistinct({ id: jobs.siteId }).from(jobs).where(held);
      for (const site of await tx.select().from(sites).where(inArray(sites.id, neededSites))) {
        recorder.put('sites', toSiteRow(site), [...(holders.sites.get(site.id) ?? [])]);
      }
      const neededCustomers = tx.selectDistinct({ id: jobs.customerId }).from(jobs).where(held);
      for (const customer of await tx.select().from(customers).where(inArray(customers.id, neededCustomers))) {
        recorder.put('customers', toCustomerRow(customer), [...(holders.customers.get(customer.id) ?? [])]);
      }
    });
    upgraded++;
  }
  return upgraded;
}
