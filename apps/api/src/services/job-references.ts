import { and, eq, ne } from 'drizzle-orm';
import { AppError, ERROR_CODES } from '@lastmile/domain';
import type { AnyTx } from '@lastmile/sync/server';
import { customers, jobTypes, jobs, sites, teams, users } from '../db/schema/index.ts';
import { assertInOrg, invalidReference } from './references.ts';

export type JobReferences = {
  orgId: string;
  /** The job being edited, so its own external reference does not count as taken. */
  jobId?: string;
  jobTypeId: string;
  customerId: string;
  siteId: string;
  teamId: string | null;
  assigneeId: string | null;
  scheduledStart: Date;
  scheduledEnd: Date;
  externalRef: string | null;
};

/**
 * Everything a job points at must exist in its organization and fit together. Returns the
 * customer's name and the site's address, which the job's search text includes.
 */
export async function checkJobReferences(
  tx: AnyTx,
  input: JobReferences,
): Promise<{ customerName: string; siteAddress: string }> {
  const { orgId } = input;
  if (input.scheduledEnd.getTime() <= input.scheduledStart.getTime()) {
    throw invalidReference('scheduledEnd', 'The scheduled end must be after the start.');
  }
  await assertInOrg(tx, jobTypes, { id: input.jobTypeId, orgId, field: 'jobTypeId', what: 'job type' });
  const [customer] = await tx
    .select({ name: customers.name })
    .from(customers)
    .where(and(eq(customers.id, input.customerId), eq(customers.orgId, orgId)))
    .limit(1);
  if (!customer) throw invalidReference('customerId', 'Unknown customer.');
  const [site] = await tx
    .select({ customerId: sites.customerId, address: sites.address })
    .from(sites)
    .where(and(eq(sites.id, input.siteId), eq(sites.orgId, orgId)))
    .limit(1);
  if (!site) throw invalidReference('siteId', 'Unknown site.');
  if (site.customerId !== input.customerId)
    throw invalidReference('siteId', 'The site does not belong to this customer.');
  if (input.teamId) await assertInOrg(tx, teams, { id: input.teamId, orgId, field: 'teamId', what: 'team' });
  if (input.assigneeId) {
    const [assignee] = await tx
      .select({ active: users.active })
      .from(users)
      .where(and(eq(users.id, input.assigneeId), eq(users.orgId, orgId)))
      .limit(1);
    if (!assignee) throw invalidReference('assigneeId', 'Unknown assignee.');
    if (!assignee.active) throw invalidReference('assigneeId', 'The assignee is no longer active.');
  }
  if (input.externalRef) {
    const sameRef = and(eq(jobs.orgId, orgId), eq(jobs.externalRef, input.externalRef));
    const taken = await tx
      .select({ id: jobs.id })
      .from(jobs)
      .where(input.jobId ? and(sameRef, ne(jobs.id, input.jobId)) : sameRef)
      .limit(1);
    if (taken.length > 0) {
      throw new AppError(ERROR_CODES.conflict, `A job with external reference ${input.externalRef} already exists.`, [
        { path: 'externalRef', message: 'is already in use' },
      ]);
    }
  }
  return { customerName: customer.name, siteAddress: site.address };
}
