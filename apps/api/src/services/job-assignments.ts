import { and, eq, gt, isNull, lte, or } from 'drizzle-orm';
import { newId } from '@lastmile/domain';
import type { AnyTx, ChangeRecorder } from '@lastmile/sync/server';
import { jobAssignments } from '../db/schema/index.ts';

/**
 * Keeps the job's assignment periods (db/schema/work.ts `jobAssignments`) in step with its
 * assignee: the old person's period ends and the new one's starts at the version this
 * transaction commits under. Every path that sets a job's assignee calls this.
 */
export function recordAssignment(
  recorder: ChangeRecorder,
  job: { id: string; orgId: string },
  from: string | null,
  to: string | null,
): void {
  if (from === to) return;
  recorder.atVersion(async (tx, version) => {
    if (from) {
      await tx
        .update(jobAssignments)
        .set({ toVersion: version })
        .where(
          and(eq(jobAssignments.jobId, job.id), eq(jobAssignments.userId, from), isNull(jobAssignments.toVersion)),
        );
    }
    if (to) {
      await tx
        .insert(jobAssignments)
        .values({ id: newId(), orgId: job.orgId, jobId: job.id, userId: to, fromVersion: version });
    }
  });
}

/**
 * Was the job this person's at `version`? True when a period of theirs began at or before it
 * (they could have seen the job) and ended after it (they had not yet seen it taken away).
 */
export async function wasAssignedAt(tx: AnyTx, jobId: string, userId: string, version: number): Promise<boolean> {
  const [period] = await tx
    .select({ id: jobAssignments.id })
    .from(jobAssignments)
    .where(
      and(
        eq(jobAssignments.jobId, jobId),
        eq(jobAssignments.userId, userId),
        lte(jobAssignments.fromVersion, version),
        or(isNull(jobAssignments.toVersion), gt(jobAssignments.toVersion, version)),
      ),
    )
    .limit(1);
  return period !== undefined;
}

/** Has this person ever been the job's assignee (any period, ended or not)? */
export async function wasEverAssigned(tx: AnyTx, jobId: string, userId: string): Promise<boolean> {
  const [period] = await tx
    .select({ id: jobAssignments.id })
    .from(jobAssignments)
    .where(and(eq(jobAssignments.jobId, jobId), eq(jobAssignments.userId, userId)))
    .limit(1);
  return period !== undefined;
}
