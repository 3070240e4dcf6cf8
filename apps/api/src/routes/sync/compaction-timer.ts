import type { FastifyInstance } from 'fastify';
import { compactChanges, syncOrgVersions } from '@lastmile/sync/server';

const EVERY_MS = 10 * 60_000;

/**
 * Compacts every organization's change log now and then, so the log grows with the data, not
 * with the history. Several processes may do this at once: compaction is idempotent.
 */
export function scheduleCompaction(app: FastifyInstance): void {
  const timer = setInterval(() => {
    void (async () => {
      for (const { orgId } of await app.db.select({ orgId: syncOrgVersions.orgId }).from(syncOrgVersions)) {
        const result = await compactChanges(app.db, orgId);
        if (result.removed > 0) app.log.info({ orgId, ...result }, 'compacted change log');
      }
    })().catch((error: unknown) => app.log.error({ err: error }, 'change-log compaction failed'));
  }, EVERY_MS);
  timer.unref();
  app.addHook('onClose', async () => clearInterval(timer));
}
