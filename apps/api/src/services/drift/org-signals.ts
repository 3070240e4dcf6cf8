import { sql } from 'drizzle-orm';
import { STALE_DEVICE_DAYS, type DriftReport } from '@lastmile/domain';
import { queryRows, type DbOrTx } from '@lastmile/sync/server';
import { isoOrNull } from '../device-time.ts';
import type { DriftScope } from './drift-scope.ts';

/**
 * Devices that have not synced for STALE_DEVICE_DAYS, or that reported at their last contact a
 * change waiting longer than that (not revoked): they may hold work nobody has seen. Not tied to
 * the period: a device is silent now. A lead sees their team's people's devices.
 */
export async function staleDevices(
  db: DbOrTx,
  scope: DriftScope,
  now = new Date(),
): Promise<DriftReport['staleDevices']> {
  const before = new Date(now.getTime() - STALE_DEVICE_DAYS * 86_400_000);
  const rows = await queryRows<{
    id: string;
    name: string;
    person: string | null;
    last_seen_at: Date | string;
    pending_count: number | null;
    oldest_pending_at: Date | string | null;
  }>(
    db,
    sql`select d.id, d.name, u.name as person, d.last_seen_at, d.pending_count, d.oldest_pending_at
        from devices d left join users u on u.id = d.last_user_id
        where d.org_id = ${scope.orgId} and d.revoked_at is null
          and (d.last_seen_at < ${before} or (d.pending_count > 0 and d.oldest_pending_at < ${before}))
          ${scope.teamId ? sql`and u.team_id = ${scope.teamId}` : sql``}
        order by least(d.last_seen_at, coalesce(d.oldest_pending_at, d.last_seen_at)), d.id
        limit 50`,
  );
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    person: r.person,
    lastSeenAt: new Date(r.last_seen_at).toISOString(),
    pendingCount: r.pending_count,
    oldestPendingAt: isoOrNull(r.oldest_pending_at),
  }));
}

/** Open outstanding items past their due date, per team (items without a team under "No team"). */
export async function overdueItems(
  db: DbOrTx,
  scope: DriftScope,
  now = new Date(),
): Promise<DriftReport['overdueItems']> {
  const today = now.toISOString().slice(0, 10);
  const rows = await queryRows<{ id: string | null; name: string | null; overdue: number; oldest: string | Date }>(
    db,
    sql`select i.team_id as id, t.name, count(*)::int as overdue, min(i.due_date)::text as oldest
        from outstanding_items i left join teams t on t.id = i.team_id
        where i.org_id = ${scope.orgId} and i.status in ('open', 'in_progress') and i.due_date < ${today}::date
          ${scope.teamId ? sql`and i.team_id = ${scope.teamId}` : sql``}
        group by 1, 2
        order by 3 desc, 2`,
  );
  return rows.map((r) => ({
    teamId: r.id,
    team: r.name,
    overdue: r.overdue,
    oldestDue: String(r.oldest).slice(0, 10),
  }));
}
