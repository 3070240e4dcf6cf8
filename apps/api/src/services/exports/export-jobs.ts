import { and, asc, eq, sql } from 'drizzle-orm';
import type { CsvCell } from '@lastmile/domain';
import type { DbOrTx } from '@lastmile/sync/server';
import { customers, jobTypes, jobs, sites, teams, users } from '../../db/schema/index.ts';
import { jobsFilterConditions, type JobsFilter } from '../find-jobs-page.ts';
import { EXPORT_PAGE_SIZE, type CsvPages } from './csv-stream.ts';

export const JOBS_EXPORT_HEADER = [
  'number',
  'title',
  'status',
  'priority',
  'job_type',
  'customer',
  'site',
  'site_address',
  'team',
  'technician',
  'scheduled_start',
  'scheduled_end',
  'external_ref',
  'job_id',
];

/**
 * The jobs of the office table's current filter (a lead: their team's), oldest scheduled first,
 * read by keyset on (scheduled_start, id): every page costs the same, and a job created while
 * the export runs neither shifts nor repeats a row.
 */
export async function* jobsExportPages(
  db: DbOrTx,
  orgId: string,
  filter: JobsFilter,
  limitToTeamId?: string,
  pageSize = EXPORT_PAGE_SIZE,
): CsvPages {
  const where = jobsFilterConditions(orgId, filter, limitToTeamId);
  let after: { start: Date; id: string } | null = null;
  for (;;) {
    const rows = await db
      .select({
        id: jobs.id,
        number: jobs.number,
        title: jobs.title,
        status: jobs.status,
        priority: jobs.priority,
        scheduledStart: jobs.scheduledStart,
        scheduledEnd: jobs.scheduledEnd,
        externalRef: jobs.externalRef,
        jobType: jobTypes.name,
        customer: customers.name,
        site: sites.name,
        siteAddress: sites.address,
        team: teams.name,
        technician: users.name,
      })
      .from(jobs)
      .innerJoin(jobTypes, eq(jobTypes.id, jobs.jobTypeId))
      .innerJoin(customers, eq(customers.id, jobs.customerId))
      .innerJoin(sites, eq(sites.id, jobs.siteId))
      .leftJoin(teams, eq(teams.id, jobs.teamId))
      .leftJoin(users, eq(users.id, jobs.assigneeId))
      .where(
        after
          ? and(
              where,
              sql`(${jobs.scheduledStart}, ${jobs.id}) > (${after.start.toISOString()}::timestamptz, ${after.id}::uuid)`,
            )
          : where,
      )
      .orderBy(asc(jobs.scheduledStart), asc(jobs.id))
      .limit(pageSize);
    yield rows.map((r): CsvCell[] => [
      r.number,
      r.title,
      r.status,
      r.priority,
      r.jobType,
      r.customer,
      r.site,
      r.siteAddress,
      r.team,
      r.technician,
      r.scheduledStart.toISOString(),
      r.scheduledEnd.toISOString(),
      r.externalRef,
      r.id,
    ]);
    const last = rows.at(-1);
    if (!last || rows.length < pageSize) return;
    after = { start: last.scheduledStart, id: last.id };
  }
}
