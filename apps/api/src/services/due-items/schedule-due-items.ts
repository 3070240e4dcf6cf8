import type { FastifyInstance } from 'fastify';
import { scheduleSweep } from '../schedule-sweep.ts';
import { notifyDueItems } from './notify-due-items.ts';

/**
 * Reminds people of their due and overdue items (notify-due-items.ts) soon after start and every
 * `everyMinutes` (REMINDERS_EVERY_MINUTES, 15 by default). Every API process may run it: the
 * reminders' ids make a second run a no-op, so no lock is needed for it.
 */
export function scheduleDueItemReminders(app: FastifyInstance, everyMinutes: number): void {
  scheduleSweep(app, {
    name: 'sent due-item reminders',
    everyMinutes,
    firstAfterMs: 30_000,
    run: () => notifyDueItems(app.db),
    report: (told) => (told > 0 ? { told } : null),
  });
}
