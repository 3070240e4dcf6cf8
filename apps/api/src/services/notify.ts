import { and, eq, inArray, isNull } from 'drizzle-orm';
import {
  mentionedPeople,
  newId,
  scope,
  scopesForActor,
  type NotificationKind,
  type NotificationRow,
} from '@lastmile/domain';
import type { ChangeRecorder, DbOrTx } from '@lastmile/sync/server';
import { notifications, users } from '../db/schema/index.ts';

/** A notification's body is what the person needs without opening the job; the rest is on the job. */
const BODY_MAX = 500;

export function toNotificationRow(row: typeof notifications.$inferSelect): NotificationRow {
  return {
    id: row.id,
    orgId: row.orgId,
    userId: row.userId,
    kind: row.kind,
    jobId: row.jobId,
    actorId: row.actorId,
    body: row.body,
    createdAt: row.createdAt.toISOString(),
    readAt: row.readAt?.toISOString() ?? null,
  };
}

/** At most BODY_MAX characters, cut between code points (a cut inside an emoji left U+FFFD). */
function shortened(body: string): string {
  if (body.length <= BODY_MAX) return body;
  const end = BODY_MAX - 1;
  const high = body.charCodeAt(end - 1);
  // A high surrogate last: its pair would be cut off.
  return `${body.slice(0, high >= 0xd800 && high <= 0xdbff ? end - 1 : end)}…`;
}

type Notice = { userId: string | null; kind: NotificationKind; jobId: string | null; body: string };

/**
 * Tells people about a change, in the change's own transaction: the notification exists if and
 * only if the change committed, and replicates only to its recipient's devices. Nobody is told
 * about their own action; a person told twice about one change (the assignee who is also
 * mentioned) gets the first notice only. `actor.userId` null: the server itself did it.
 */
export async function notify(
  tx: DbOrTx,
  recorder: ChangeRecorder,
  actor: { orgId: string; userId: string | null },
  notices: readonly Notice[],
): Promise<void> {
  const told = new Set<string>(actor.userId ? [actor.userId] : []);
  const rows: (typeof notifications.$inferInsert)[] = [];
  for (const notice of notices) {
    if (!notice.userId || told.has(notice.userId)) continue;
    told.add(notice.userId);
    const body = shortened(notice.body);
    rows.push({
      id: newId(),
      orgId: actor.orgId,
      userId: notice.userId,
      kind: notice.kind,
      jobId: notice.jobId,
      actorId: actor.userId,
      body,
      createdAt: new Date(),
    });
  }
  if (rows.length === 0) return;
  // Only active people of the same organization are told (a deactivated person has no inbox).
  const active = new Set(
    (
      await tx
        .select({ id: users.id })
        .from(users)
        .where(
          and(
            eq(users.orgId, actor.orgId),
            eq(users.active, true),
            inArray(
              users.id,
              rows.map((r) => r.userId),
            ),
          ),
        )
    ).map((u) => u.id),
  );
  const kept = rows.filter((r) => active.has(r.userId));
  if (kept.length === 0) return;
  for (const row of await tx.insert(notifications).values(kept).returning())
    recorder.put('notifications', toNotificationRow(row), [scope.user(row.userId)]);
}

/**
 * The organization's people a message mentions by `@Full Name` who can see the work it is about
 * (`workScopes`: their own scopes reach it), and those the author picked by id (`picked`, from
 * the people search: ADR 0051) whom the body still names. A notice carries the message's text:
 * a name merely typed — or another person's with the same name — must not hand someone of
 * another team the text of a job hidden from them; a person chosen from the search is the
 * author's deliberate choice to tell them this one message.
 */
export async function mentionsIn(
  tx: DbOrTx,
  orgId: string,
  body: string,
  workScopes: string[],
  picked: readonly string[] = [],
): Promise<string[]> {
  if (!body.includes('@')) return [];
  const people = await tx
    .select({ id: users.id, name: users.name, role: users.role, teamId: users.teamId })
    .from(users)
    .where(and(eq(users.orgId, orgId), eq(users.active, true)));
  const sees = (p: (typeof people)[number]) =>
    scopesForActor({ userId: p.id, orgId, role: p.role, teamId: p.teamId }).some((s) => workScopes.includes(s));
  // The picked first: of two people with one name, the one the author chose is the one named.
  const pickedFirst = [...people].sort((a, b) => Number(picked.includes(b.id)) - Number(picked.includes(a.id)));
  return mentionedPeople(body, pickedFirst)
    .filter((p) => picked.includes(p.id) || sees(people.find((q) => q.id === p.id)!))
    .map((p) => p.id);
}

/** Marks a person's own unread notifications read; ids of others' are ignored. */
export async function markRead(
  tx: DbOrTx,
  recorder: ChangeRecorder,
  userId: string,
  ids: readonly string[],
): Promise<void> {
  const updated = await tx
    .update(notifications)
    .set({ readAt: new Date() })
    .where(and(eq(notifications.userId, userId), inArray(notifications.id, [...ids]), isNull(notifications.readAt)))
    .returning();
  for (const row of updated) recorder.put('notifications', toNotificationRow(row), [scope.user(userId)]);
}
