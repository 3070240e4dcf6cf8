import { gte, inArray, lt, type SQL } from 'drizzle-orm';
import { jobs } from '../db/schema/index.ts';

type JobFilterFields = {
  jobTypeId?: string[] | undefined;
  teamId?: string[] | undefined;
  assigneeId?: string[] | undefined;
  from?: string | undefined;
  to?: string | undefined;
};

/**
 * The filters the jobs table, its export and the review queue share (`jobFilterFields` in the
 * domain) as SQL conditions: each list is "any of", an empty list is no filter.
 */
export function jobFilterSql(q: JobFilterFields): SQL[] {
  const where: SQL[] = [];
  if (q.jobTypeId?.length) where.push(inArray(jobs.jobTypeId, q.jobTypeId));
  if (q.teamId?.length) where.push(inArray(jobs.teamId, q.teamId));
  if (q.assigneeId?.length) where.push(inArray(jobs.assigneeId, q.assigneeId));
  if (q.from) where.push(gte(jobs.scheduledStart, new Date(q.from)));
  if (q.to) where.push(lt(jobs.scheduledStart, new Date(q.to)));
  return where;
}
