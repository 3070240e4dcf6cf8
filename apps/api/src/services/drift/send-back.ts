import { sql } from 'drizzle-orm';
import type { DriftReport, SendBackRow } from '@lastmile/domain';
import { queryRows, type DbOrTx } from '@lastmile/sync/server';
import type { DriftScope } from './drift-scope.ts';

type Row = {
  by: 'all' | 'jobType' | 'team' | 'technician';
  id: string | null;
  name: string | null;
  reviewed: number;
  sent_back: number;
};

/**
 * Reviewed jobs of the scope (at least one review round) and how many were sent back at least
 * once, overall and per job type, team and technician — one pass over the rounds (grouping
 * sets). A job sent back twice counts once: the rate is of jobs, so one stubborn job does not
 * inflate it.
 */
export async function sendBackRates(
  db: DbOrTx,
  scope: DriftScope,
): Promise<Omit<DriftReport['sendBack'], 'commentedFields'>> {
  const rows = await queryRows<Row>(
    db,
    sql`with rj as (
          select jobs.id, jobs.job_type_id, jobs.team_id, jobs.assignee_id, bool_or(r.decision = 'sent_back') as sent_back
          from jobs join review_rounds r on r.job_id = jobs.id
          where ${scope.jobsWhere}
          group by jobs.id
        )
        select case
            when grouping(rj.job_type_id) = 0 then 'jobType'
            when grouping(rj.team_id) = 0 then 'team'
            when grouping(rj.assignee_id) = 0 then 'technician'
            else 'all' end as by,
          coalesce(rj.job_type_id, rj.team_id, rj.assignee_id) as id,
          coalesce(jt.name, t.name, u.name) as name,
          count(*)::int as reviewed, count(*) filter (where rj.sent_back)::int as sent_back
        from rj
        left join job_types jt on jt.id = rj.job_type_id
        left join teams t on t.id = rj.team_id
        left join users u on u.id = rj.assignee_id
        group by grouping sets ((rj.job_type_id, jt.name), (rj.team_id, t.name), (rj.assignee_id, u.name), ())`,
  );
  const of = (by: Row['by']): SendBackRow[] =>
    rows
      .filter((r): r is Row & { id: string; name: string } => r.by === by && r.id !== null && r.name !== null)
      .map((r) => ({ id: r.id, name: r.name, reviewed: r.reviewed, sentBack: r.sent_back }))
      .sort((a, b) => b.sentBack / b.reviewed - a.sentBack / a.reviewed || a.name.localeCompare(b.name));
  const total = rows.find((r) => r.by === 'all');
  return {
    reviewed: total?.reviewed ?? 0,
    sentBack: total?.sent_back ?? 0,
    byJobType: of('jobType'),
    byTeam: of('team'),
    byTechnician: of('technician'),
  };
}
