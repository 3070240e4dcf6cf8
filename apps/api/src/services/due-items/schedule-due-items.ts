import type { FastifyInstance } from 'fastify';
import { notifyDueItems } from './notify-due-items.ts';

/**
 * Reminds people of their due and overdue items (notify-due-items.ts) soon after start and every
 * `everyMinutes` (REMINDERS_EVERY_MINUTES, 15 by default). Every API process may run it: the
 * reminders' ids make a second run a no-op, so no queue or leader is needed for it.
 */
export function scheduleDueItemReminders(app: FastifyInstance, everyMinutes: number): void {
  if (everyMinutes <= 0) return;
  const run = () =>
    void notifyDueItems(app.db)
      .then((told) => {
        if (told > 0) app.log.info({ told }, 'sent due-item reminders');
      })
      .catch((error: unknown) => app.log.error({ err: error }, 'due-item reminders failed'));
  const first = setTimeout(run, 30_000);
  const timer = setInterval(run, everyMinutes * 60_000);
  first.unref();
  timer.unref();
  app.addHook('onClose', async () => {
    clearTimeout(first);
    clearInterval(timer);
  });
}
