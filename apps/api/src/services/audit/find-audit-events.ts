import { and, asc, desc, eq, gt, gte, lt, lte, type SQL } from 'drizzle-orm';
import type { AuditEvent } from '@lastmile/domain';
import type { DbOrTx } from '@lastmile/sync/server';
import { auditEvents } from '../../db/schema/index.ts';

/** Which part of one organization's trail: all of it, or one job's, person's or device's. */
export type AuditFilter = {
  orgId: string;
  jobId?: string;
  userId?: string;
  clientId?: string;
  /** Server time bounds, inclusive. */
  from?: Date;
  to?: Date;
};

export type AuditPageRequest = {
  /** Keyset cursor: the `seq` of the last event already read (exclusive). */
  after?: number;
  limit: number;
  /** `newest` for timelines, `oldest` for exports that read the whole trail in order. */
  order: 'newest' | 'oldest';
};

function conditions(filter: AuditFilter, page: AuditPageRequest): SQL[] {
  const where: SQL[] = [eq(auditEvents.orgId, filter.orgId)];
  if (filter.jobId !== undefined) where.push(eq(auditEvents.jobId, filter.jobId));
  if (filter.userId !== undefined) where.push(eq(auditEvents.userId, filter.userId));
  if (filter.clientId !== undefined) where.push(eq(auditEvents.clientId, filter.clientId));
  if (filter.from) where.push(gte(auditEvents.at, filter.from));
  if (filter.to) where.push(lte(auditEvents.at, filter.to));
  if (page.after !== undefined) {
    where.push(page.order === 'newest' ? lt(auditEvents.seq, page.after) : gt(auditEvents.seq, page.after));
  }
  return where;
}

export function toAuditEvent(row: typeof auditEvents.$inferSelect): AuditEvent {
  return {
    id: row.id,
    seq: row.seq,
    source: row.source,
    userId: row.userId,
    clientId: row.clientId,
    action: row.action,
    entity: row.entity,
    entityId: row.entityId,
    jobId: row.jobId,
    mutationId: row.mutationId,
    at: row.at.toISOString(),
    clientTime: row.clientTime?.toISOString() ?? null,
    changes: row.changes,
  };
}

/**
 * One page of the audit trail, by keyset on `seq` (insertion order), so a page costs the same at
 * the millionth row as at the first and rows appended meanwhile never shift a page.
 */
export async function findAuditEvents(db: DbOrTx, filter: AuditFilter, page: AuditPageRequest): Promise<AuditEvent[]> {
  const rows = await db
    .select()
    .from(auditEvents)
    .where(and(...conditions(filter, page)))
    .orderBy(page.order === 'newest' ? desc(auditEvents.seq) : asc(auditEvents.seq))
    .limit(page.limit);
  return rows.map(toAuditEvent);
}

/**
 * Every event of the filter, oldest first, one page at a time: for streaming an export without
 * holding the trail in memory (only `pageSize` rows at once).
 */
export async function* streamAuditEvents(
  db: DbOrTx,
  filter: AuditFilter,
  pageSize = 1000,
): AsyncGenerator<AuditEvent, void, undefined> {
  let after: number | undefined;
  for (;;) {
    const page = await findAuditEvents(db, filter, {
      limit: pageSize,
      order: 'oldest',
      ...(after === undefined ? {} : { after }),
    });
    yield* page;
    if (page.length < pageSize) return;
    after = page.at(-1)!.seq;
  }
}
