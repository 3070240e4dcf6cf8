import { and, eq, gte, lt, sql, type SQL } from 'drizzle-orm';
import type { DriftQuery } from '@lastmile/domain';
import { jobs } from '../../db/schema/index.ts';
import { jobFilterSql } from '../job-filter-sql.ts';

const DAY_MS = 86_400_000;
export const DEFAULT_DRIFT_DAYS = 90;

/** Which jobs a drift report reads: an organization's (a lead: their team's), filtered, in a period. */
export type DriftScope = {
  orgId: string;
  from: Date;
  to: Date;
  /** A condition on the `jobs` table (written unaliased in every drift query). */
  jobsWhere: SQL;
  /** For signals that are not about jobs (devices, items): a lead's team, or null for everyone. */
  teamId: string | null;
};

export function driftScope(orgId: string, q: DriftQuery, limitToTeamId: string | null, now = new Date()): DriftScope {
  const to = q.to ? new Date(q.to) : now;
  const from = q.from ? new Date(q.from) : new Date(to.getTime() - DEFAULT_DRIFT_DAYS * DAY_MS);
  const where: SQL[] = [eq(jobs.orgId, orgId), ...jobFilterSql({ ...q, from: undefined, to: undefined })];
  where.push(gte(jobs.scheduledStart, from), lt(jobs.scheduledStart, to));
  if (limitToTeamId) where.push(eq(jobs.teamId, limitToTeamId));
  return { orgId, from, to, jobsWhere: and(...where) ?? sql`true`, teamId: limitToTeamId };
}
