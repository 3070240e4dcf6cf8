import { sql, type SQL } from 'drizzle-orm';
import type { DriftReport, SendBackRow } from '@lastmile/domain';
import { queryRows, type DbOrTx } from '@lastmile/sync/server';
import type { DriftScope } from './drift-scope.ts';

type Row = { id: string | null; name: string | null; reviewed: number; sent_back: number };

/**
 * Reviewed jobs of the scope (at least one review round) and how many were sent back at least
 * once, overall and per job type, team and technician. A job sent back twice counts once: the
 * rate is of jobs, so it does not grow with one stubborn job.
 */
export async function sendBackRates(
  db: DbOrTx,
  scope: DriftScope,
): Promise<Omit<DriftReport['sendBack'], 'commentedFields'>> {
  const reviewed = sql`(
    select jobs.id, jobs.job_type_id, jobs.team_id, jobs.assignee_id,
      bool_or(r.decision = 'sent_back') as sent_back
    from jobs join review_rounds r on r.job_id = jobs.id
    where ${scope.jobsWhere}
    group by jobs.id
  ) rj`;
  const by = async (key: SQL, join: SQL): Promise<SendBackRow[]> =>
    (
      await queryRows<Row>(
        db,
        sql`select ${key} as id, n.name, count(*)::int as reviewed, count(*) filter (where rj.sent_back)::int as sent_back
            from ${reviewed} ${join}
            group by 1, 2
            order by count(*) filter (where rj.sent_back)::float / count(*) desc, 2`,
      )
    )
      .filter((r): r is Row & { id: string; name: string } => r.id !== null && r.name !== null)
      .map((r) => ({ id: r.id, name: r.name, reviewed: r.reviewed, sentBack: r.sent_back }));
  const [total] = await queryRows<{ reviewed: number; sent_back: number }>(
    db,
    sql`select count(*)::int as reviewed, count(*) filter (where rj.sent_back)::int as sent_back from ${reviewed}`,
  );
  return {
    reviewed: total?.reviewed ?? 0,
    sentBack: total?.sent_back ?? 0,
    byJobType: await by(sql`rj.job_type_id`, sql`join job_types n on n.id = rj.job_type_id`),
    byTeam: await by(sql`rj.team_id`, sql`join teams n on n.id = rj.team_id`),
    byTechnician: await by(sql`rj.assignee_id`, sql`join users n on n.id = rj.assignee_id`),
  };
}
