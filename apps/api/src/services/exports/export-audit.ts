import { and, eq, inArray } from 'drizzle-orm';
import type { CsvCell } from '@lastmile/domain';
import type { DbOrTx } from '@lastmile/sync/server';
import { users } from '../../db/schema/index.ts';
import { findAuditEvents, type AuditFilter } from '../audit/find-audit-events.ts';
import { EXPORT_PAGE_SIZE, type CsvPages } from './csv-stream.ts';

export const AUDIT_EXPORT_HEADER = [
  'seq',
  'at',
  'device_time',
  'source',
  'person',
  'user_id',
  'device',
  'action',
  'entity',
  'entity_id',
  'job_id',
  'mutation_id',
  'changes',
];

/**
 * The audit trail (the audit service's keyset pages on `seq`, oldest first), one row per event;
 * `changes` is the event's before/after list as JSON, so nothing recorded is lost in the CSV.
 */
export async function* auditExportPages(db: DbOrTx, filter: AuditFilter, pageSize = EXPORT_PAGE_SIZE): CsvPages {
  let after: number | undefined;
  for (;;) {
    const events = await findAuditEvents(db, filter, {
      limit: pageSize,
      order: 'oldest',
      ...(after === undefined ? {} : { after }),
    });
    const ids = [...new Set(events.flatMap((e) => (e.userId ? [e.userId] : [])))];
    const names = new Map(
      ids.length === 0
        ? []
        : (
            await db
              .select({ id: users.id, name: users.name })
              .from(users)
              .where(and(eq(users.orgId, filter.orgId), inArray(users.id, ids)))
          ).map((u) => [u.id, u.name]),
    );
    yield events.map((e): CsvCell[] => [
      e.seq,
      e.at,
      e.clientTime,
      e.source,
      e.userId ? (names.get(e.userId) ?? null) : null,
      e.userId,
      e.clientId,
      e.action,
      e.entity,
      e.entityId,
      e.jobId,
      e.mutationId,
      e.changes.length > 0 ? JSON.stringify(e.changes) : null,
    ]);
    if (events.length < pageSize) return;
    after = events.at(-1)!.seq;
  }
}
