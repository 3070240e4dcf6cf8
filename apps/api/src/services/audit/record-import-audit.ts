import type { JobRow } from '@lastmile/domain';
import type { DbOrTx } from '@lastmile/sync/server';
import { auditEvents } from '../../db/schema/index.ts';
import { AUDIT_ACTIONS } from '../record-audit.ts';
import { jobChanges } from './note-job-changes.ts';

/**
 * Each imported job in the trail (on its own timeline, with its status and assignment), in the
 * import's transaction and one INSERT, rather than one row for the whole file.
 */
export async function recordImportAudit(
  tx: DbOrTx,
  by: { orgId: string; userId: string; clientId: string | null },
  jobs: JobRow[],
): Promise<void> {
  if (jobs.length === 0) return;
  await tx.insert(auditEvents).values(
    jobs.map((job) => ({
      orgId: by.orgId,
      userId: by.userId,
      source: 'rest' as const,
      clientId: by.clientId,
      action: AUDIT_ACTIONS.jobImported,
      entity: 'jobs',
      entityId: job.id,
      jobId: job.id,
      changes: jobChanges(null, job),
    })),
  );
}
