import { AppError, ERROR_CODES, updateJobRefusal } from '@lastmile/domain';
import type { ServerMutator } from '@lastmile/sync/server';
import { noteJobChanges } from '../services/audit/note-job-changes.ts';
import { updateJob as updateJobService } from '../services/update-job.ts';
import { lockJob } from './job-access.ts';
import { publishJobEvents } from '../services/webhooks/publish-events.ts';

export const updateJob: ServerMutator<'updateJob'> = async (tx, args, ctx) => {
  const { actor } = ctx;
  const refusal = updateJobRefusal(actor.role);
  if (refusal) throw refusal;
  if (actor.role === 'lead' && !actor.teamId)
    throw new AppError(ERROR_CODES.forbidden, 'You are not in a team, so there are no jobs for you to edit.');
  // Locked here for its before values; the service reads it back from the push's locked rows.
  const before = await lockJob(tx, ctx, args.jobId);
  const after = await updateJobService(tx, ctx.recorder, {
    orgId: actor.orgId,
    args,
    updatedBy: actor.userId,
    lockedRows: ctx.lockedRows,
    ...(actor.role === 'lead' ? { limitToTeamId: actor.teamId } : {}),
  });
  noteJobChanges(ctx.audit, before, after);
  await publishJobEvents(tx, ctx.publish, actor, before, after);
};
