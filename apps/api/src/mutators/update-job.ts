import { AppError, ERROR_CODES, updateJobRefusal } from '@lastmile/domain';
import type { ServerMutator } from '@lastmile/sync/server';
import { updateJob as updateJobService } from '../services/update-job.ts';

export const updateJob: ServerMutator<'updateJob'> = async (tx, args, ctx) => {
  const { actor } = ctx;
  const refusal = updateJobRefusal(actor.role);
  if (refusal) throw refusal;
  if (actor.role === 'lead' && !actor.teamId)
    throw new AppError(ERROR_CODES.forbidden, 'You are not in a team, so there are no jobs for you to edit.');
  await updateJobService(tx, ctx.recorder, {
    orgId: actor.orgId,
    args,
    updatedBy: actor.userId,
    lockedRows: ctx.lockedRows,
    ...(actor.role === 'lead' ? { limitToTeamId: actor.teamId } : {}),
  });
};
