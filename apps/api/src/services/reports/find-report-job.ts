import { and, eq } from 'drizzle-orm';
import { AppError, ERROR_CODES, scopesForActor, workScopes, type Actor } from '@lastmile/domain';
import type { DbOrTx } from '@lastmile/sync/server';
import {
  customers,
  jobTypes,
  jobs,
  organizationLogos,
  organizations,
  sites,
  teams,
  users,
} from '../../db/schema/index.ts';

export type ReportJob = Awaited<ReturnType<typeof selectJob>>[number];

function selectJob(db: DbOrTx, orgId: string, jobId: string) {
  return db
    .select({
      job: jobs,
      jobTypeName: jobTypes.name,
      customer: { name: customers.name, phone: customers.phone, email: customers.email },
      site: { name: sites.name, address: sites.address },
      teamName: teams.name,
      technician: users.name,
      organization: { name: organizations.name, timeZone: organizations.timeZone },
      logo: { sha256: organizationLogos.sha256, contentType: organizationLogos.contentType },
    })
    .from(jobs)
    .innerJoin(organizations, eq(organizations.id, jobs.orgId))
    .leftJoin(organizationLogos, eq(organizationLogos.orgId, jobs.orgId))
    .innerJoin(jobTypes, eq(jobTypes.id, jobs.jobTypeId))
    .innerJoin(customers, eq(customers.id, jobs.customerId))
    .innerJoin(sites, eq(sites.id, jobs.siteId))
    .leftJoin(teams, eq(teams.id, jobs.teamId))
    .leftJoin(users, eq(users.id, jobs.assigneeId))
    .where(and(eq(jobs.id, jobId), eq(jobs.orgId, orgId)));
}

/**
 * The job a report is asked for, if this person may see it: the sync scopes decide (office and
 * admin every job of their organization, a lead their team's, a technician the jobs assigned to
 * them). Another organization's job, or one out of scope, is "not found": a report link reveals
 * nothing about jobs one cannot see.
 */
export async function findReportJob(db: DbOrTx, actor: Actor, jobId: string): Promise<ReportJob> {
  const [found] = await selectJob(db, actor.orgId, jobId);
  const mine = new Set(scopesForActor(actor));
  const visible =
    found &&
    workScopes({ orgId: found.job.orgId, teamId: found.job.teamId, userIds: [found.job.assigneeId] }).some((s) =>
      mine.has(s),
    );
  if (!found || !visible) throw new AppError(ERROR_CODES.notFound, 'This job does not exist, or is not yours to see.');
  return found;
}
