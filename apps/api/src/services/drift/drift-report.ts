import { sql } from 'drizzle-orm';
import type { DriftQuery, DriftReport } from '@lastmile/domain';
import { queryRows, type DbOrTx } from '@lastmile/sync/server';
import { driftScope } from './drift-scope.ts';
import { commentedFields, skippedFields } from './field-signals.ts';
import { jobsWithoutPhotos, lateForms, notesByJobType } from './job-signals.ts';
import { overdueItems, staleDevices } from './org-signals.ts';
import { sendBackRates } from './send-back.ts';

/**
 * The drift dashboard (R11): the signals that work is drifting back to chat groups and paper —
 * send backs, skipped fields, long notes, no photos, forms written afterwards, silent devices,
 * overdue items. Read-only aggregate queries over the organization's own tables; each signal is
 * one or two statements that use the jobs indexes of the office table (docs/benchmarks.md).
 */
export async function driftReport(
  db: DbOrTx,
  orgId: string,
  q: DriftQuery,
  limitToTeamId: string | null,
  now = new Date(),
): Promise<DriftReport> {
  const scope = driftScope(orgId, q, limitToTeamId, now);
  const [jobs] = await queryRows<{ count: number }>(
    db,
    sql`select count(*)::int as count from jobs where ${scope.jobsWhere}`,
  );
  return {
    from: scope.from.toISOString(),
    to: scope.to.toISOString(),
    jobs: jobs?.count ?? 0,
    sendBack: { ...(await sendBackRates(db, scope)), commentedFields: await commentedFields(db, scope) },
    skippedFields: await skippedFields(db, scope),
    notes: await notesByJobType(db, scope),
    noPhotos: await jobsWithoutPhotos(db, scope),
    lateForms: await lateForms(db, scope),
    staleDevices: await staleDevices(db, scope, now),
    overdueItems: await overdueItems(db, scope, now),
  };
}
