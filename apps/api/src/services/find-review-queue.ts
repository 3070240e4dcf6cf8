import { and, asc, eq, sql, type SQL } from 'drizzle-orm';
import type { ReviewMode, ReviewQueuePage, ReviewQueueQuery, ReviewStage } from '@lastmile/domain';
import type { DbOrTx } from '@lastmile/sync/server';
import { auditEvents, customers, jobTypes, jobs, teams, users } from '../db/schema/index.ts';
import { jobFilterSql } from './job-filter-sql.ts';

function conditions(orgId: string, q: ReviewQueueQuery, limitToTeamId: string | undefined): SQL {
  const where: (SQL | undefined)[] = [eq(jobs.orgId, orgId), eq(jobs.status, 'submitted')];
  if (limitToTeamId !== undefined) where.push(eq(jobs.teamId, limitToTeamId));
  where.push(...jobFilterSql(q));
  return and(...where) ?? sql`true`;
}

/** The submission under review: one more than the job's send backs. */
const round = sql<number>`(1 + (select count(*) from review_rounds r
  where r.job_id = ${jobs.id} and r.decision = 'sent_back'))::int`;

/** A lead approved the current submission (two-step review: it now waits for the office). */
const leadApproved = sql<boolean>`exists (select 1 from review_rounds r
  where r.job_id = ${jobs.id} and r.stage = 'lead' and r.decision = 'approved'
    and r.round = 1 + (select count(*) from review_rounds s where s.job_id = ${jobs.id} and s.decision = 'sent_back'))`;

/**
 * When the job was last submitted: the audit trail's last change of its status to submitted. Its
 * `updatedAt` moves with every later edit a submitted job still takes (a technician's note, the
 * office fixing a typo), which showed a wrong time and sent the longest-waiting job to the back of
 * the queue (found by an outsider tester). A job submitted with no trail (written outside the
 * app) falls back to its last change.
 */
const submittedAt = sql<Date>`coalesce((select max(${auditEvents.at}) from ${auditEvents}
  where ${auditEvents.jobId} = ${jobs.id}
    and ${auditEvents.changes} @> '[{"field":"status","after":"submitted"}]'::jsonb), ${jobs.updatedAt})`;

function awaiting(mode: ReviewMode, approvedByLead: boolean): ReviewStage {
  if (mode === 'lead_then_office') return approvedByLead ? 'office' : 'lead';
  return mode === 'lead' ? 'lead' : 'office';
}

/**
 * Submitted jobs, the longest-waiting first, with the round and whom each waits for. A lead sees
 * their team's.
 */
export async function findReviewQueue(
  db: DbOrTx,
  orgId: string,
  mode: ReviewMode,
  q: ReviewQueueQuery,
  limitToTeamId?: string,
): Promise<ReviewQueuePage> {
  const where = conditions(orgId, q, limitToTeamId);
  const [rows, totals] = await Promise.all([
    db
      .select({
        id: jobs.id,
        number: jobs.number,
        title: jobs.title,
        scheduledStart: jobs.scheduledStart,
        submittedAt,
        round,
        leadApproved,
        jobTypeId: jobTypes.id,
        jobTypeName: jobTypes.name,
        customerId: customers.id,
        customerName: customers.name,
        teamId: teams.id,
        teamName: teams.name,
        assigneeId: users.id,
        assigneeName: users.name,
      })
      .from(jobs)
      .innerJoin(jobTypes, eq(jobTypes.id, jobs.jobTypeId))
      .innerJoin(customers, eq(customers.id, jobs.customerId))
      .leftJoin(teams, eq(teams.id, jobs.teamId))
      .leftJoin(users, eq(users.id, jobs.assigneeId))
      .where(where)
      .orderBy(asc(submittedAt), asc(jobs.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    db
      .select({
        total: sql<number>`count(*)::int`,
        approvedByLead: sql<number>`(count(*) filter (where ${leadApproved}))::int`,
      })
      .from(jobs)
      .where(where),
  ]);
  const total = totals[0]?.total ?? 0;
  const approvedByLead = mode === 'lead_then_office' ? (totals[0]?.approvedByLead ?? 0) : 0;
  const awaitingOffice = mode === 'office' ? total : mode === 'lead' ? 0 : approvedByLead;
  return {
    total,
    awaitingLead: total - awaitingOffice,
    awaitingOffice,
    page: q.page,
    pageSize: q.pageSize,
    items: rows.map((r) => ({
      id: r.id,
      number: r.number,
      title: r.title,
      scheduledStart: r.scheduledStart.toISOString(),
      submittedAt: new Date(r.submittedAt).toISOString(),
      round: Number(r.round),
      awaiting: awaiting(mode, r.leadApproved),
      jobType: { id: r.jobTypeId, name: r.jobTypeName },
      customer: { id: r.customerId, name: r.customerName },
      team: r.teamId && r.teamName !== null ? { id: r.teamId, name: r.teamName } : null,
      assignee: r.assigneeId && r.assigneeName !== null ? { id: r.assigneeId, name: r.assigneeName } : null,
    })),
  };
}
