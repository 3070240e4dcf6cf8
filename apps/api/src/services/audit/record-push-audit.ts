import { sql } from 'drizzle-orm';
import type { PushAuditSink } from '@lastmile/sync/server';
import { deviceTime } from '../device-time.ts';

/**
 * The accepted mutations of a push (or of a group of pushes, ADR 0044), one INSERT in its
 * transaction (ADR 0022), which the engine runs in its last statement (ADR 0043). The entries
 * travel as one jsonb parameter, push after push in mutation order (`seq` follows it), so the
 * text never changes: the statement is prepared once per connection instead of parsing 14
 * parameters per entry.
 */
export const recordPushAudit: PushAuditSink = (pushes) => {
  const rows = JSON.stringify(
    pushes.flatMap(({ clientId, entries }) =>
      entries.map((e) => ({
        client_id: clientId,
        // Crew mode: the person holding the phone, not always the session's person.
        user_id: e.userId,
        action: e.name,
        entity: e.entity,
        entity_id: e.entityId,
        job_id: e.jobId,
        mutation_id: e.mutationId,
        at: e.at.toISOString(),
        client_time: deviceTime(e.clientTime)?.toISOString() ?? null,
        changes: e.changes,
      })),
    ),
  );
  return {
    label: 'audit trail',
    query: sql`insert into audit_events (org_id, user_id, source, client_id, action, entity, entity_id, job_id, mutation_id, at, client_time, changes)
        select ${pushes[0]!.actor.orgId}::uuid, (e.j->>'user_id')::uuid, 'sync', e.j->>'client_id', e.j->>'action', e.j->>'entity',
               e.j->>'entity_id', (e.j->>'job_id')::uuid, (e.j->>'mutation_id')::bigint, (e.j->>'at')::timestamptz,
               (e.j->>'client_time')::timestamptz, e.j->'changes'
        from jsonb_array_elements(${rows}::jsonb) with ordinality as e(j, ord)
        order by e.ord`,
  };
};
