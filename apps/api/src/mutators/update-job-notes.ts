import { eq } from 'drizzle-orm';
import type { ServerMutator } from '@lastmile/sync/server';
import { jobs } from '../db/schema/index.ts';
import { toJobRow } from '../services/rows.ts';
import { assertCanWorkOn, jobScopes, lockJob, rememberJob } from './job-access.ts';

export const updateJobNotes: ServerMutator<'updateJobNotes'> = async (tx, { jobId, notes }, ctx) => {
  const job = await lockJob(tx, ctx, jobId);
  await assertCanWorkOn(tx, ctx, job);
  const [updated] = await tx
    .update(jobs)
    .set({ notes, updatedAt: new Date(), updatedBy: ctx.actor.userId })
    .where(eq(jobs.id, jobId))
    .returning();
  if (!updated) return;
  const row = toJobRow(updated);
  rememberJob(ctx, row);
  ctx.recorder.put('jobs', row, jobScopes(job));
};
