import { eq } from 'drizzle-orm';
import type { JobRow } from '@lastmile/domain';
import type { ServerMutator } from '@lastmile/sync/server';
import { jobs } from '../db/schema/index.ts';
import { mergeNotes } from '../services/merge-notes.ts';
import { toJobRow } from '../services/rows.ts';
import { assertCanWorkOn, jobScopes, lockJob, rememberJob } from './job-access.ts';

/** The notes' limit (the mutation's `notes`, packages/domain mutators/contract.ts). */
const MAX_NOTES = 10_000;

export const updateJobNotes: ServerMutator<'updateJobNotes'> = async (tx, { jobId, notes: typed, baseNotes }, ctx) => {
  const job = await lockJob(tx, ctx, jobId);
  await assertCanWorkOn(tx, ctx, job);
  // Written from a text that is no longer the stored one (another person, the office, the
  // person's other device): both edits are kept, merged line by line (services/merge-notes.ts).
  // A merge over the notes' limit keeps the writer's text; the stored one stays in the audit trail.
  const merged = baseNotes === undefined ? typed : mergeNotes(baseNotes, job.notes, typed);
  const notes = merged.length <= MAX_NOTES ? merged : typed;
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
  // What the notes were and became is kept in the job's audit trail (a client that sends no
  // base text still replaces them: the office can find the replaced text there).
  ctx.audit?.changed('notes', job.notes, notes);
};
