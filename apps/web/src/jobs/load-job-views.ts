import type { JobRow } from '@lastmile/domain';
import type { AppDb } from '../local-db/app-db.ts';
import type { JobView } from './job-queries.ts';

function unique(ids: readonly (string | null)[]): string[] {
  return [...new Set(ids.filter((id): id is string => id !== null))];
}

async function byId<R extends { id: string }>(rows: Promise<(R | undefined)[]>): Promise<Map<string, R>> {
  return new Map((await rows).filter((row): row is R => row !== undefined).map((row) => [row.id, row]));
}

/** Joins jobs with their customer, site, job type and assignee, reading each table once. */
export async function loadJobViews(db: AppDb, jobs: readonly JobRow[]): Promise<JobView[]> {
  const [customers, sites, jobTypes, users] = await Promise.all([
    byId(db.customers.bulkGet(unique(jobs.map((j) => j.customerId)))),
    byId(db.sites.bulkGet(unique(jobs.map((j) => j.siteId)))),
    byId(db.jobTypes.bulkGet(unique(jobs.map((j) => j.jobTypeId)))),
    byId(db.users.bulkGet(unique(jobs.map((j) => j.assigneeId)))),
  ]);
  return jobs.map((job) => ({
    job,
    customer: customers.get(job.customerId),
    site: sites.get(job.siteId),
    jobType: jobTypes.get(job.jobTypeId),
    assignee: job.assigneeId === null ? undefined : users.get(job.assigneeId),
  }));
}
