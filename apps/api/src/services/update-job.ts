import { eq } from 'drizzle-orm';
import {
  AppError,
  applyJobPatch,
  approvedJobEditRefusal,
  ERROR_CODES,
  type JobRow,
  type UpdateJobArgs,
} from '@lastmile/domain';
import type { AnyTx, ChangeRecorder, LockedRows } from '@lastmile/sync/server';
import { jobs } from '../db/schema/index.ts';
import { resolveAssignment } from './assignment-rules.ts';
import { recordAssignment } from './job-assignments.ts';
import { checkJobReferences } from './job-references.ts';
import { jobSearchText } from './job-search-text.ts';
import { lockJobRow, rememberJob } from './lock-job.ts';
import { toJobRow } from './rows.ts';
import { moveJobFamily } from './move-job-family.ts';

export type UpdateJobInput = {
  orgId: string;
  args: UpdateJobArgs;
  updatedBy: string;
  /** A lead edits only their own team's jobs and keeps them in the team. */
  limitToTeamId?: string | null;
  /** In a push: the rows it locked up front (read from, and kept current). */
  lockedRows?: LockedRows | undefined;
};

/**
 * Applies an edit of a job's details (not its status: that is transitionJob). A change of
 * assignee or team moves the job between replication scopes, so devices that lose it drop it.
 */
export async function updateJob(tx: AnyTx, recorder: ChangeRecorder, input: UpdateJobInput): Promise<JobRow> {
  const { orgId, args } = input;
  const before = await lockJobRow(tx, orgId, args.jobId, input.lockedRows);
  const lead = input.limitToTeamId !== undefined;
  if (lead && before.teamId !== input.limitToTeamId) {
    throw new AppError(ERROR_CODES.forbidden, `Job ${before.number} belongs to another team.`);
  }
  const closed = approvedJobEditRefusal(before, args);
  if (closed) throw closed;
  const next = applyJobPatch(before, args);

  if (args.assigneeId !== undefined && args.assigneeId !== before.assigneeId) {
    if (before.assigneeId !== (args.expectedAssigneeId ?? null)) {
      throw new AppError(
        ERROR_CODES.conflict,
        `Job ${before.number} was reassigned by someone else before your change arrived; yours was not applied.`,
      );
    }
    if (before.status !== 'scheduled') {
      throw new AppError(
        ERROR_CODES.conflict,
        `Job ${before.number} has started; reassign it from the board, with a handoff note.`,
        [{ path: 'assigneeId', message: 'can only change before the job starts' }],
      );
    }
  }
  // The same rules as every other path that sets an assignee or a team (assignment-rules.ts): a
  // team that does not fit the assignee is refused, not silently replaced by theirs. An edit that
  // names neither leaves them as they are (even if the assignee has since left, or moved teams).
  if (args.assigneeId !== undefined || args.teamId !== undefined) {
    const assignment = await resolveAssignment(tx, {
      orgId,
      assigneeId: next.assigneeId,
      teamId: args.teamId,
      currentTeamId: before.teamId,
      ...(lead ? { leadTeamId: input.limitToTeamId } : {}),
    });
    next.teamId = assignment.teamId;
  }

  const scheduledStart = new Date(next.scheduledStart);
  const scheduledEnd = new Date(next.scheduledEnd);
  // An edit that changes nothing (a PATCH {} or the same values again) leaves the job as it is:
  // `updatedAt` is what an integrator watches for changes, and devices need no new copy (found
  // by an outsider integrator: a no-op PATCH moved it).
  if (unchanged(before, next)) return before;
  const { customerName, siteAddress } = await checkJobReferences(tx, {
    ...next,
    orgId,
    jobId: before.id,
    scheduledStart,
    scheduledEnd,
  });
  const [updated] = await tx
    .update(jobs)
    .set({
      jobTypeId: next.jobTypeId,
      customerId: next.customerId,
      siteId: next.siteId,
      teamId: next.teamId,
      assigneeId: next.assigneeId,
      priority: next.priority,
      scheduledStart,
      scheduledEnd,
      title: next.title,
      notes: next.notes,
      externalRef: next.externalRef,
      updatedAt: new Date(),
      updatedBy: input.updatedBy,
      searchText: jobSearchText({ ...next, customerName, siteAddress }),
    })
    .where(eq(jobs.id, before.id))
    .returning();
  if (!updated) throw new Error('update of jobs returned no row');
  const row = toJobRow(updated);
  rememberJob(input.lockedRows, row);
  recordAssignment(recorder, row, before.assigneeId, row.assigneeId);
  await moveJobFamily(tx, recorder, before, row);
  return row;
}

const EDITABLE = [
  'jobTypeId',
  'customerId',
  'siteId',
  'teamId',
  'assigneeId',
  'priority',
  'title',
  'notes',
  'externalRef',
] as const satisfies readonly (keyof JobRow)[];

function unchanged(before: JobRow, next: JobRow): boolean {
  return (
    EDITABLE.every((key) => before[key] === next[key]) &&
    Date.parse(before.scheduledStart) === Date.parse(next.scheduledStart) &&
    Date.parse(before.scheduledEnd) === Date.parse(next.scheduledEnd)
  );
}
