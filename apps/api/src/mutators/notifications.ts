import type { ServerMutator } from '@lastmile/sync/server';
import { markRead } from '../services/notify.ts';

/** Only the recipient's own notifications change; another person's ids match nothing. */
export const markNotificationsRead: ServerMutator<'markNotificationsRead'> = async (tx, { ids }, ctx) => {
  await markRead(tx, ctx.recorder, ctx.actor.userId, ids);
};
