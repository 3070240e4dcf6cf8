import { and, count, eq, inArray, isNotNull, isNull, ne, notInArray, or } from 'drizzle-orm';
import { AppError, CLOSED_JOB_STATUSES, ERROR_CODES } from '@lastmile/domain';
import type { AnyTx, ChangeRecorder, DbOrTx } from '@lastmile/sync/server';
import { auditEvents, jobs, users } from '../db/schema/index.ts';
import { moveJobFamily } from './move-job-family.ts';
import { AUDIT_ACTIONS } from './record-audit.ts';
import { toJobRow } from './rows.ts';

/**
 * A person's jobs that are still work (every status but approved and cancelled: a completed or
 * submitted job may still be sent back to them). An assigned job belongs to its assignee's team
 * (assignment-rules.ts), so when the person changes teams these go with them; closed jobs stay
 * with the team that did them.
 */
const unfinishedIn = (orgId: string) => and(eq(jobs.orgId, orgId), notInArray(jobs.status, [...CLOSED_JOB_STATUSES]));
const unfinishedOf = (orgId: string, userId: string) => and(unfinishedIn(orgId), eq(jobs.assigneeId, userId));

/** How many unfinished jobs each person of the organization has (people with none are absent). */
export async function openJobsByAssignee(db: DbOrTx, orgId: string): Promise<Map<string, number>> {
  const rows = await db
    .select({ assigneeId: jobs.assigneeId, n: count() })
    .from(jobs)
    .where(and(unfinishedIn(orgId), isNotNull(jobs.assigneeId)))
    .groupBy(jobs.assigneeId);
  return new Map(rows.flatMap((r) => (r.assigneeId ? [[r.assigneeId, r.n] as const] : [])));
}

/**
 * Taking a person out of every team would leave their unfinished jobs on a team whose lead
 * manages work its own people no longer do; refused, naming how many, before anything changes.
 */
export async function refuseTeamlessWithOpenJobs(tx: AnyTx, input: { orgId: string; userId: string }): Promise<void> {
  const [row] = await tx
    .select({ n: count() })
    .from(jobs)
    .where(and(unfinishedOf(input.orgId, input.userId), isNotNull(jobs.teamId)));
  const open = row?.n ?? 0;
  if (open === 0) return;
  const [person] = await tx.select({ name: users.name }).from(users).where(eq(users.id, input.userId));
  const name = person?.name ?? 'This person';
  throw new AppError(
    ERROR_CODES.conflict,
    `${name} still has ${open} open job${open === 1 ? '' : 's'}; reassign ${open === 1 ? 'it' : 'them'} or move ${name} to another team instead.`,
    [{ path: 'teamId', message: `${open} open jobs would be left on the old team` }],
    { key: 'people.team.openJobs', params: { name, count: open } },
  );
}

export type MovePersonJobsInput = {
  orgId: string;
  /** The person whose jobs move. */
  userId: string;
  /** Their new team. */
  teamId: string;
  /** Who moved them, for the jobs' `updatedBy` and the trail. */
  by: { userId: string; clientId: string | null };
};

/**
 * Moves the person's unfinished jobs that are not on `teamId` to it, in the caller's transaction,
 * each with its family through the change recorder (move-job-family.ts): the old team's devices
 * delete them, the new team's receive them. Each move is one `job.moved_with_assignee` event on
 * the job's timeline. Returns how many moved.
 */
export async function moveOpenJobsWithPerson(
  tx: AnyTx,
  recorder: ChangeRecorder,
  input: MovePersonJobsInput,
): Promise<number> {
  const before = await tx
    .select()
    .from(jobs)
    .where(and(unfinishedOf(input.orgId, input.userId), or(isNull(jobs.teamId), ne(jobs.teamId, input.teamId))))
    .orderBy(jobs.id)
    .for('update');
  if (before.length === 0) return 0;
  const moved = await tx
    .update(jobs)
    .set({ teamId: input.teamId, updatedAt: new Date(), updatedBy: input.by.userId })
    .where(
      inArray(
        jobs.id,
        before.map((job) => job.id),
      ),
    )
    .returning();
  const after = new Map(moved.map((job) => [job.id, toJobRow(job)]));
  for (const job of before) {
    const row = after.get(job.id);
    if (row) await moveJobFamily(tx, recorder, toJobRow(job), row);
  }
  await tx.insert(auditEvents).values(
    before.map((job) => ({
      orgId: input.orgId,
      userId: input.by.userId,
      source: 'rest' as const,
      clientId: input.by.clientId,
      action: AUDIT_ACTIONS.jobMovedWithAssignee,
      entity: 'jobs',
      entityId: job.id,
      jobId: job.id,
      changes: [{ field: 'teamId', before: job.teamId, after: input.teamId }],
    })),
  );
  return moved.length;
}
