import type { FastifyInstance } from 'fastify';
import { scheduleSweep } from '../schedule-sweep.ts';
import { sweepOfficeWindow } from './sweep-office-window.ts';

/**
 * Takes aged-out closed work off the office's devices and brings back what returned to the window
 * (sweep-office-window.ts), two minutes after start and every `everyMinutes`
 * (OFFICE_WINDOW_EVERY_MINUTES, 10 by default; 0 turns it off). One process at a time.
 */
export function scheduleOfficeWindow(app: FastifyInstance, everyMinutes: number): void {
  scheduleSweep(app, {
    name: 'office window swept',
    everyMinutes,
    firstAfterMs: 120_000,
    run: () => sweepOfficeWindow(app.db),
    report: (result) => (result !== 'busy' && result.departed + result.returned > 0 ? result : null),
  });
}
