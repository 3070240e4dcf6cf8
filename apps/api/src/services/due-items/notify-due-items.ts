import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { scope, type NotificationKind } from '@lastmile/domain';
import { queryRows, writeInOrg, type AnyDb } from '@lastmile/sync/server';
import { notifications } from '../../db/schema/index.ts';
import { toNotificationRow } from '../notify.ts';

type DueItem = {
  id: string;
  org_id: string;
  title: string;
  job_id: string | null;
  user_id: string;
  due_date: string;
  overdue: boolean;
};

/**
 * The notification's id is derived from the item, its due date and the kind: a sweep run twice,
 * or by two API processes at once, tells a person once (`on conflict do nothing`); a new due date
 * is a new reminder.
 */
export function dueNoticeId(itemId: string, dueDate: string, kind: NotificationKind): string {
  const hex = createHash('sha256').update(`${kind}:${itemId}:${dueDate}`).digest('hex');
  // Shaped as a version-4, variant-1 UUID so it passes the same checks as every other id.
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${((parseInt(hex.slice(16, 17), 16) & 3) | 8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/**
 * R7: the person an open outstanding item belongs to (its owner, or whoever raised it) is told
 * on the day it is due and once it is overdue — "today" in the organization's time zone. Only
 * active people; an item done or dropped is not reminded. Returns how many were told.
 */
export async function notifyDueItems(db: AnyDb): Promise<number> {
  const due = await queryRows<DueItem>(
    db,
    sql`select i.id, i.org_id, i.title, i.job_id, u.id as user_id, i.due_date::text as due_date,
               i.due_date < (now() at time zone o.time_zone)::date as overdue
          from outstanding_items i
          join organizations o on o.id = i.org_id
          join users u on u.id = coalesce(i.owner_id, i.created_by) and u.org_id = i.org_id and u.active
         where i.status in ('open', 'in_progress')
           and i.due_date is not null
           and i.due_date <= (now() at time zone o.time_zone)::date`,
  );
  if (due.length === 0) return 0;
  const candidates = due.map((item) => {
    const kind: NotificationKind = item.overdue ? 'item_overdue' : 'item_due';
    return { item, kind, id: dueNoticeId(item.id, item.due_date, kind) };
  });
  const known = new Set(
    (
      await queryRows<{ id: string }>(
        db,
        sql`select id from notifications where id in (${sql.join(
          candidates.map((c) => sql`${c.id}`),
          sql`, `,
        )})`,
      )
    ).map((r) => r.id),
  );
  // Reminders already sent are left out before taking any organization's write lock: most sweeps
  // find nothing new. The insert's `on conflict do nothing` still settles two sweeps racing.
  const fresh = candidates.filter((c) => !known.has(c.id));
  const byOrg = new Map<string, typeof fresh>();
  for (const c of fresh) {
    const list = byOrg.get(c.item.org_id);
    if (list) list.push(c);
    else byOrg.set(c.item.org_id, [c]);
  }
  let told = 0;
  for (const [orgId, notices] of byOrg) {
    told += await writeInOrg(db, orgId, async (tx, recorder) => {
      const rows = await tx
        .insert(notifications)
        .values(
          notices.map(({ item, kind, id }) => ({
            id,
            orgId,
            userId: item.user_id,
            kind,
            jobId: item.job_id,
            actorId: null,
            body: item.title,
          })),
        )
        .onConflictDoNothing({ target: notifications.id })
        .returning();
      for (const row of rows) recorder.put('notifications', toNotificationRow(row), [scope.user(row.userId)]);
      return rows.length;
    });
  }
  return told;
}
