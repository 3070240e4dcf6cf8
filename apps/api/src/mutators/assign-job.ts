import { eq } from 'drizzle-orm';
import { AppError, assignmentRefusal, ERROR_CODES, newId } from '@lastmile/domain';
import type { ServerMutator } from '@lastmile/sync/server';
import { jobMessages, jobs, users } from '../db/schema/index.ts';
import { resolveAssignment } from '../services/assignment-rules.ts';
import { noteJobChanges } from '../services/audit/note-job-changes.ts';
import { recordAssignment } from '../services/job-assignments.ts';
import { moveJobFamily } from '../services/move-job-family.ts';
import { notify } from '../services/notify.ts';
import { toJobRow } from '../services/rows.ts';
import { toJobMessageRow } from '../services/work-rows.ts';
import { jobScopes, lockJob, rememberJob } from './job-access.ts';
import { publishJobEvents } from '../services/webhooks/publish-events.ts';

export const assignJob: ServerMutator<'assignJob'> = async (
  tx,
  { jobId, expectedAssigneeId, assigneeId, handoffNote },
  ctx,
) => {
  const { actor } = ctx;
  const job = await lockJob(tx, ctx, jobId);
  const refusal = assignmentRefusal(actor.role, job, handoffNote);
  if (refusal) throw refusal;
  if (actor.role === 'lead' && job.teamId !== actor.teamId)
    throw new AppError(ERROR_CODES.forbidden, `Job ${job.number} belongs to another team.`);
  if (job.assigneeId !== expectedAssigneeId) {
    const [current] = job.assigneeId
      ? await tx.select({ name: users.name }).from(users).where(eq(users.id, job.assigneeId))
      : [];
    throw new AppError(
      ERROR_CODES.conflict,
      `Job ${job.number} was reassigned${current ? ` to ${current.name}` : ''} by someone else before your change arrived; yours was not applied.`,
    );
  }
  // The same rules as every other path that sets an assignee (assignment-rules.ts).
  const { teamId } = await resolveAssignment(tx, {
    orgId: actor.orgId,
    assigneeId,
    teamId: undefined,
    currentTeamId: job.teamId,
    ...(actor.role === 'lead' ? { leadTeamId: actor.teamId } : {}),
  });
  const note = handoffNote.trim() || null;
  const now = new Date();
  const [updated] = await tx
    .update(jobs)
    .set({ assigneeId, teamId, handoffNote: note, updatedAt: now, updatedBy: actor.userId })
    .where(eq(jobs.id, jobId))
    .returning();
  if (!updated) return;
  const row = toJobRow(updated);
  rememberJob(ctx, row);
  noteJobChanges(ctx.audit, job, row);
  await publishJobEvents(tx, ctx.publish, actor, job, row);
  recordAssignment(ctx.recorder, row, job.assigneeId, row.assigneeId);
  // The thread, forms and photos travel with it: the new assignee sees the history, the old one loses it.
  await moveJobFamily(tx, ctx.recorder, job, row);
  if (job.assigneeId !== row.assigneeId) {
    await notify(tx, ctx.recorder, actor, [
      { userId: row.assigneeId, kind: 'assigned', jobId, body: note ?? `${row.number} · ${row.title}` },
      { userId: job.assigneeId, kind: 'reassigned_away', jobId, body: note ?? `${row.number} · ${row.title}` },
    ]);
  }
  if (note) {
    const [message] = await tx
      .insert(jobMessages)
      .values({
        id: newId(),
        orgId: actor.orgId,
        jobId,
        authorId: actor.userId,
        kind: 'handoff',
        body: note,
        createdAt: now,
      })
      .returning();
    if (message) ctx.recorder.put('jobMessages', toJobMessageRow(message), jobScopes(row));
  }
};
