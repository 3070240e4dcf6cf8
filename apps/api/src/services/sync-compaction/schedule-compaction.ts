import type { FastifyInstance } from 'fastify';
import { compactAllOrganizations } from './compact-all.ts';

/**
 * Compacts the change log soon after start and every `everyMinutes` (COMPACTION_EVERY_MINUTES,
 * 10 by default), so the log grows with the data, not with its history. A run that is still going
 * when the next is due is not doubled; across processes, one runs at a time (compact-all.ts).
 */
export function scheduleCompaction(app: FastifyInstance, everyMinutes: number): void {
  if (everyMinutes <= 0) return;
  const afterIds = new Map<string, number>();
  let running = false;
  const run = () => {
    if (running) return;
    running = true;
    void compactAllOrganizations(app.db, afterIds)
      .then((result) => {
        if (result !== 'busy' && result.removed > 0) app.log.info(result, 'compacted the change log');
      })
      .catch((error: unknown) => app.log.error({ err: error }, 'change-log compaction failed'))
      .finally(() => {
        running = false;
      });
  };
  const first = setTimeout(run, 60_000);
  const timer = setInterval(run, everyMinutes * 60_000);
  first.unref();
  timer.unref();
  app.addHook('onClose', async () => {
    clearTimeout(first);
    clearInterval(timer);
  });
}
