import { AppError, ERROR_CODES } from '@lastmile/domain';
import type { ServerMutator } from '@lastmile/sync/server';
import { noteJobChanges } from '../services/audit/note-job-changes.ts';
import { createJob as createJobService } from '../services/create-job.ts';
import { publishJobEvents } from '../services/webhooks/publish-events.ts';

export const createJob: ServerMutator<'createJob'> = async (tx, args, ctx) => {
  const { actor } = ctx;
  if (actor.role === 'technician') throw new AppError(ERROR_CODES.forbidden, 'Technicians cannot create jobs.');
  // No team means the assignee's team (docs/sync-protocol.md): resolveAssignment checks that one
  // is the lead's (leadTeamId below), as it checks a named team when nobody is assigned.
  if (actor.role === 'lead' && args.teamId !== null && args.teamId !== actor.teamId)
    throw new AppError(ERROR_CODES.forbidden, 'Leads create jobs for their own team.');
  const job = await createJobService(tx, ctx.recorder, {
    ...args,
    orgId: actor.orgId,
    scheduledStart: new Date(args.scheduledStart),
    scheduledEnd: new Date(args.scheduledEnd),
    createdBy: actor.userId,
    ...(actor.role === 'lead' ? { leadTeamId: actor.teamId } : {}),
  });
  noteJobChanges(ctx.audit, null, job);
  await publishJobEvents(tx, ctx.publish, actor, null, job);
};
