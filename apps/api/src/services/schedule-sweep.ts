import type { FastifyInstance } from 'fastify';

export type Sweep<T> = {
  /** For the log: "compacted the change log", "sent due-item reminders"… */
  name: string;
  everyMinutes: number;
  /** The first run, this long after start. */
  firstAfterMs: number;
  run: () => Promise<T>;
  /** What a run did, for the log; null when it did nothing worth a line. */
  report: (result: T) => Record<string, unknown> | null;
};

/**
 * Runs a background sweep soon after start and every `everyMinutes` (0 turns it off), never two
 * runs at once in a process; the timers do not keep the process alive and stop when the app
 * closes. The sweeps are idempotent, so across processes they need at most an advisory lock
 * (advisory-lock.ts), no queue or leader.
 */
export function scheduleSweep<T>(app: FastifyInstance, sweep: Sweep<T>): void {
  if (sweep.everyMinutes <= 0) return;
  let running = false;
  const run = () => {
    if (running) return;
    running = true;
    void sweep
      .run()
      .then((result) => {
        const fields = sweep.report(result);
        if (fields) app.log.info(fields, sweep.name);
      })
      .catch((error: unknown) => app.log.error({ err: error }, `${sweep.name} failed`))
      .finally(() => {
        running = false;
      });
  };
  const first = setTimeout(run, sweep.firstAfterMs);
  const timer = setInterval(run, sweep.everyMinutes * 60_000);
  first.unref();
  timer.unref();
  app.addHook('onClose', async () => {
    clearTimeout(first);
    clearInterval(timer);
  });
}
