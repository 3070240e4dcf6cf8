import type { ServerMutator } from '@lastmile/sync/server';
import { jobMessages } from '../db/schema/index.ts';
import { mentionsIn, notify } from '../services/notify.ts';
import { toJobMessageRow } from '../services/work-rows.ts';
import { assertCanWorkOn, jobScopes, lockJob } from './job-access.ts';

export const postJobMessage: ServerMutator<'postJobMessage'> = async (tx, { id, jobId, body, mentionIds }, ctx) => {
  const job = await lockJob(tx, ctx, jobId);
  await assertCanWorkOn(tx, ctx, job);
  const [message] = await tx
    .insert(jobMessages)
    .values({
      id,
      orgId: ctx.actor.orgId,
      jobId,
      authorId: ctx.actor.userId,
      kind: 'message',
      body,
      createdAt: new Date(),
    })
    .returning();
  if (!message) return;
  ctx.recorder.put('jobMessages', toJobMessageRow(message), jobScopes(job));
  // The mentioned are told first (a mention asks something of them), then the job's assignee.
  const mentioned = await mentionsIn(tx, ctx.actor.orgId, body, jobScopes(job), mentionIds);
  await notify(tx, ctx.recorder, ctx.actor, [
    ...mentioned.map((userId) => ({ userId, kind: 'mentioned' as const, jobId, body })),
    { userId: job.assigneeId, kind: 'message', jobId, body },
  ]);
};
