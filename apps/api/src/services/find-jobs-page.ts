import { and, asc, count, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { JobSort, JobsPage, JobsQuery, JobTableItem } from '@lastmile/domain';
import { jobStatusSchema, prioritySchema } from '@lastmile/domain';
import type { DbOrTx } from '@lastmile/sync/server';
import { customers, jobTypes, jobs, sites, teams, users } from '../db/schema/index.ts';
import { jobFilterSql } from './job-filter-sql.ts';

/** `%` and `_` typed by a person are literal characters, not wildcards. */
function likeContains(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** The office table's filters as SQL (also what a jobs export of "the current filter" reads). */
export type JobsFilter = Omit<JobsQuery, 'sort' | 'direction' | 'page' | 'pageSize'>;

export function jobsFilterConditions(orgId: string, q: JobsFilter, limitToTeamId: string | undefined): SQL {
  const where: (SQL | undefined)[] = [eq(jobs.orgId, orgId)];
  if (limitToTeamId !== undefined) where.push(eq(jobs.teamId, limitToTeamId));
  if (q.search) where.push(sql`${jobs.searchText} like ${likeContains(q.search)}`);
  if (q.status && q.status.length > 0) where.push(inArray(jobs.status, q.status));
  where.push(...jobFilterSql(q));
  if (q.customerId) where.push(eq(jobs.customerId, q.customerId));
  return and(...where) ?? sql`true`;
}

/** Job numbers are `J-` + at least five digits: shorter sorts first, so J-100000 follows J-99999. */
const SORT_KEYS: Record<JobSort, SQL[]> = {
  scheduledStart: [sql`${jobs.scheduledStart}`],
  number: [sql`length(${jobs.number})`, sql`${jobs.number}`],
  status: [sql`${jobs.status}`, sql`${jobs.scheduledStart}`],
  customer: [sql`lower(${customers.name})`, sql`${jobs.scheduledStart}`],
  priority: [sql`${jobs.priorityRank}`, sql`${jobs.scheduledStart}`],
};

/** The office table's columns of a job, with the names of what it points at (selectJobsWithNames). */
const JOB_TABLE_COLUMNS = {
  id: jobs.id,
  number: jobs.number,
  title: jobs.title,
  status: jobs.status,
  priority: jobs.priority,
  scheduledStart: jobs.scheduledStart,
  scheduledEnd: jobs.scheduledEnd,
  externalRef: jobs.externalRef,
  jobTypeId: jobTypes.id,
  jobTypeName: jobTypes.name,
  customerId: customers.id,
  customerName: customers.name,
  siteId: sites.id,
  siteAddress: sites.address,
  teamId: teams.id,
  teamName: teams.name,
  assigneeId: users.id,
  assigneeName: users.name,
};

/** Jobs joined to their job type, customer, site, team and assignee: the office table and /api/v1/jobs. */
export function selectJobsWithNames(db: DbOrTx) {
  return db
    .select(JOB_TABLE_COLUMNS)
    .from(jobs)
    .innerJoin(jobTypes, eq(jobTypes.id, jobs.jobTypeId))
    .innerJoin(customers, eq(customers.id, jobs.customerId))
    .innerJoin(sites, eq(sites.id, jobs.siteId))
    .leftJoin(teams, eq(teams.id, jobs.teamId))
    .leftJoin(users, eq(users.id, jobs.assigneeId))
    .$dynamic();
}

export function toJobTableItem(r: Awaited<ReturnType<typeof selectJobsWithNames>>[number]): JobTableItem {
  return {
    id: r.id,
    number: r.number,
    title: r.title,
    status: jobStatusSchema.parse(r.status),
    priority: prioritySchema.parse(r.priority),
    scheduledStart: r.scheduledStart.toISOString(),
    scheduledEnd: r.scheduledEnd.toISOString(),
    externalRef: r.externalRef,
    jobType: { id: r.jobTypeId, name: r.jobTypeName },
    customer: { id: r.customerId, name: r.customerName },
    site: { id: r.siteId, address: r.siteAddress },
    team: r.teamId && r.teamName !== null ? { id: r.teamId, name: r.teamName } : null,
    assignee: r.assigneeId && r.assigneeName !== null ? { id: r.assigneeId, name: r.assigneeName } : null,
  };
}

/**
 * One page of the office jobs table, filtered and sorted in PostgreSQL (offset pagination: the
 * office jumps to page N; the indexes of migration 0001 keep the common orders cheap). A lead
 * sees only their team's jobs.
 */
export async function findJobsPage(db: DbOrTx, orgId: string, q: JobsQuery, limitToTeamId?: string): Promise<JobsPage> {
  const where = jobsFilterConditions(orgId, q, limitToTeamId);
  const dir = q.direction === 'desc' ? desc : asc;
  const order = [...SORT_KEYS[q.sort].map((key) => dir(key)), dir(jobs.id)];
  const [rows, totals] = await Promise.all([
    selectJobsWithNames(db)
      .where(where)
      .orderBy(...order)
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    db.select({ total: count() }).from(jobs).where(where),
  ]);
  return { total: totals[0]?.total ?? 0, page: q.page, pageSize: q.pageSize, items: rows.map(toJobTableItem) };
}
