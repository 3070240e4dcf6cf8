import { eq } from 'drizzle-orm';
import type { JobRow } from '@lastmile/domain';
import type { ServerMutator } from '@lastmile/sync/server';
import { jobs } from '../db/schema/index.ts';
import { toJobRow } from '../services/rows.ts';
import { assertCanWorkOn, jobScopes, lockJob, rememberJob } from './job-access.ts';

export const updateJobNotes: ServerMutator<'updateJobNotes'> = async (tx, { jobId, notes }, ctx) => {
  const job = await lockJob(tx, ctx, jobId);
  await assertCanWorkOn(tx, ctx, job);
  const updatedAt = new Date();
  let row: JobRow;
  if (ctx.lockedRows?.writeBehind) {
    // Buffered: the push writes the batch's notes in one statement (unit-of-work.ts, ADR 0036).
    // The row is what `update … returning` would give: the job is locked, no trigger touches it.
    row = { ...job, notes, updatedAt: updatedAt.toISOString(), updatedBy: ctx.actor.userId };
    ctx.lockedRows.write('jobs', row);
  } else {
    const [updated] = await tx
      .update(jobs)
      .set({ notes, updatedAt, updatedBy: ctx.actor.userId })
      .where(eq(jobs.id, jobId))
      .returning();
    if (!updated) return;
    row = toJobRow(updated);
    rememberJob(ctx, row);
  }
  ctx.recorder.put('jobs', row, jobScopes(job));
  // Notes are one text, the later write wins (two people on one job: a handoff, a reassignment):
  // the text replaced is kept in the job's audit trail, where the office can find it again.
  ctx.audit?.changed('notes', job.notes, notes);
};
