import type { PushAuditSink } from '@lastmile/sync/server';
import { auditEvents } from '../../db/schema/index.ts';

const EARLIEST = Date.UTC(2000, 0, 1);
const LATEST = Date.UTC(9999, 0, 1);

/**
 * The device's clock is its word: a time PostgreSQL cannot store (year 0) or no phone can have
 * had is dropped rather than let one odd clock fail every later push of that device.
 */
export function deviceTime(clientTime: string): Date | null {
  const ms = Date.parse(clientTime);
  return Number.isFinite(ms) && ms >= EARLIEST && ms < LATEST ? new Date(ms) : null;
}

/** A push's accepted mutations, one multi-row INSERT in the push's transaction (ADR 0022). */
export const recordPushAudit: PushAuditSink = async (tx, { actor, clientId, entries }) => {
  await tx.insert(auditEvents).values(
    entries.map((e) => ({
      orgId: actor.orgId,
      // Crew mode: the person holding the phone, not always the session's person.
      userId: e.userId,
      source: 'sync' as const,
      clientId,
      action: e.name,
      entity: e.entity,
      entityId: e.entityId,
      jobId: e.jobId,
      mutationId: e.mutationId,
      at: e.at,
      clientTime: deviceTime(e.clientTime),
      changes: e.changes,
    })),
  );
};
