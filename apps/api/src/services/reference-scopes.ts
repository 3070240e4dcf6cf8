import { and, eq, isNotNull, or, sql } from 'drizzle-orm';
import { scope } from '@lastmile/domain';
import type { AnyTx, ChangeRecorder, DbOrTx } from '@lastmile/sync/server';
import { customers, jobs, sites } from '../db/schema/index.ts';
import { toCustomerRow, toSiteRow } from './rows.ts';

/**
 * A device holds its own work (issue 14): a technician's phone holds the sites and customers of
 * its jobs, not the organization's 50,000 customers. So customers and sites are logged under the
 * organization scope (the office) and under the team and user scopes of the jobs that need them;
 * `moveJobReferences` keeps that in step when a job is created, reassigned or moved, the way
 * `moveSiteItems` does for a site's open items (site-items.ts).
 */

/** The fields of a job that decide which devices need its site and customer. */
export type JobPlacement = {
  orgId: string;
  siteId: string;
  customerId: string;
  teamId: string | null;
  assigneeId: string | null;
};

/** The scopes below the organization that hold a job (its team and its assignee). */
export function holders(job: Pick<JobPlacement, 'teamId' | 'assigneeId'>): string[] {
  const scopes: string[] = [];
  if (job.teamId) scopes.push(scope.team(job.teamId));
  if (job.assigneeId) scopes.push(scope.user(job.assigneeId));
  return scopes;
}

/** Is there still a job in this scope that refers to the site (or customer)? The job moved is already updated. */
async function stillNeeded(
  tx: AnyTx,
  orgId: string,
  holder: string,
  column: typeof jobs.siteId | typeof jobs.customerId,
  id: string,
): Promise<boolean> {
  const [kind, holderId] = [holder.slice(0, holder.indexOf(':')), holder.slice(holder.indexOf(':') + 1)];
  const inScope = kind === 'team' ? eq(jobs.teamId, holderId) : eq(jobs.assigneeId, holderId);
  const rows = await tx
    .select({ one: sql<number>`1` })
    .from(jobs)
    .where(and(eq(jobs.orgId, orgId), eq(column, id), inScope))
    .limit(1);
  return rows.length > 0;
}

/**
 * After a job was created, reassigned, moved to another team or site, or given another customer
 * (the job row already updated in `tx`): the scopes that now hold the job receive its site and
 * customer; a scope that no longer holds a job there loses them. A person who still has another
 * job at the site keeps it. The office has every customer and site through the organization scope.
 */
export async function moveJobReferences(
  tx: AnyTx,
  recorder: ChangeRecorder,
  before: JobPlacement | null,
  after: JobPlacement,
): Promise<void> {
  const was = before ? holders(before) : [];
  const now = holders(after);
  const sameSite = before?.siteId === after.siteId;
  const sameCustomer = before?.customerId === after.customerId;
  const siteTo = sameSite ? now.filter((s) => !was.includes(s)) : now;
  const customerTo = sameCustomer ? now.filter((s) => !was.includes(s)) : now;
  if (siteTo.length > 0) {
    const [site] = await tx.select().from(sites).where(eq(sites.id, after.siteId));
    if (site) recorder.put('sites', toSiteRow(site), siteTo);
  }
  if (customerTo.length > 0) {
    const [customer] = await tx.select().from(customers).where(eq(customers.id, after.customerId));
    if (customer) recorder.put('customers', toCustomerRow(customer), customerTo);
  }
  if (!before) return;
  for (const holder of was) {
    if (
      !(sameSite && now.includes(holder)) &&
      !(await stillNeeded(tx, before.orgId, holder, jobs.siteId, before.siteId))
    ) {
      recorder.delete('sites', before.siteId, [holder]);
    }
    if (
      !(sameCustomer && now.includes(holder)) &&
      !(await stillNeeded(tx, before.orgId, holder, jobs.customerId, before.customerId))
    ) {
      recorder.delete('customers', before.customerId, [holder]);
    }
  }
}

/**
 * Every scope that holds a site or a customer: the organization's, and the team and user scopes of
 * the jobs that refer to it (one query). Used when the office changes the row itself.
 */
export async function referenceScopes(
  tx: DbOrTx,
  orgId: string,
  of: { siteId: string } | { customerId: string },
): Promise<string[]> {
  const refersTo = 'siteId' in of ? eq(jobs.siteId, of.siteId) : eq(jobs.customerId, of.customerId);
  const rows = await tx
    .selectDistinct({ teamId: jobs.teamId, assigneeId: jobs.assigneeId })
    .from(jobs)
    .where(and(eq(jobs.orgId, orgId), refersTo, or(isNotNull(jobs.teamId), isNotNull(jobs.assigneeId))));
  const scopes = new Set([scope.org(orgId)]);
  for (const r of rows) for (const s of holders(r)) scopes.add(s);
  return [...scopes];
}
