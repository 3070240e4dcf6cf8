import { readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';

/** A photo whose upload has not moved for a week is abandoned (the phone was lost, or reset). */
export const ABANDONED_AFTER_MS = 7 * 24 * 60 * 60 * 1000;
const EVERY_MS = 6 * 60 * 60 * 1000;

/**
 * Removes partial uploads untouched for longer than `olderThanMs` from the tus staging folder.
 * A phone that comes back later starts that photo's upload over (its record is still pending).
 */
export async function sweepAbandonedUploads(
  dir: string,
  now = Date.now(),
  olderThanMs = ABANDONED_AFTER_MS,
): Promise<number> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return 0;
  }
  let removed = 0;
  for (const name of names) {
    const path = join(dir, name);
    const info = await stat(path).catch(() => null);
    if (!info?.isFile() || now - info.mtimeMs < olderThanMs) continue;
    await rm(path, { force: true });
    removed++;
  }
  return removed;
}

export function scheduleUploadSweep(app: FastifyInstance, dir: string): void {
  const run = () =>
    void sweepAbandonedUploads(dir).then(
      (removed) => removed > 0 && app.log.info({ removed }, 'removed abandoned partial uploads'),
      (error: unknown) => app.log.warn({ err: error }, 'could not sweep partial uploads'),
    );
  const timer = setInterval(run, EVERY_MS);
  timer.unref();
  app.addHook('onClose', async () => clearInterval(timer));
  app.addHook('onReady', async () => run());
}
