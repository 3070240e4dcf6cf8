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
  // Independent statements: on PostgreSQL each takes its own pooled connection and they run at
  // once; PGlite (one connection) runs them one after another.
  const [jobs, sendBack, commented, skipped, notes, noPhotos, late, devices, items] = await Promise.all([
    queryRows<{ count: number }>(db, sql`select count(*)::int as count from jobs where ${scope.jobsWhere}`),
    sendBackRates(db, scope),
    commentedFields(db, scope),
    skippedFields(db, scope),
    notesByJobType(db, scope),
    jobsWithoutPhotos(db, scope),
    lateForms(db, scope),
    staleDevices(db, scope, now),
    overdueItems(db, scope, now),
  ]);
  return {
    from: scope.from.toISOString(),
    to: scope.to.toISOString(),
    jobs: jobs[0]?.count ?? 0,
    sendBack: { ...sendBack, commentedFields: commented },
    skippedFields: skipped,
    notes,
    noPhotos,
    lateForms: late,
    staleDevices: devices,
    overdueItems: items,
  };
}
