import { and, eq, gt, isNull, ne, or, sql } from 'drizzle-orm';
import { AppError, ERROR_CODES, roleSchema, type Actor } from '@lastmile/domain';
import type { CrewActor, CrewOnClient, DbOrTx } from '@lastmile/sync/server';
import { sessions, users } from '../db/schema/index.ts';
import { notifyAccessChanged } from './access-channel.ts';
import { createSession } from './sessions.ts';

/**
 * Crew mode (R5, ADR 0033-crew-mode): two or three people on one phone. The phone's cookie is the
 * session of whoever signed in first (the host: its replica and outbox are the crew's); each other
 * member signs in once, online, with their own password, and gets a session that is never handed
 * out as a cookie — it is bound to the host's sync client (`sessions.client_id`) and exists so the
 * server can tell that this person really is signed in on this device. A mutation naming a member
 * (`actorId`) is accepted only while such a session is live; revoking the device, deactivating
 * the person or signing them out of the crew ends it like any other session.
 */

/** Field roles only: office staff work at a desk, on their own session. */
export const CREW_ROLES = ['technician', 'lead'] as const;

export function isCrewRole(role: string): boolean {
  return (CREW_ROLES as readonly string[]).includes(role);
}

export async function createCrewSession(
  db: DbOrTx,
  input: { userId: string; orgId: string; clientId: string; ttlDays: number; userAgent: string | null },
): Promise<void> {
  // The token is dropped here on purpose: nobody can present this session, only the device's
  // pushes can name its person.
  await createSession(db, input);
}

type CrewRow = { userId: string; name: string; role: string; teamId: string | null };

function liveOnClient(orgId: string, clientId: string, now: Date) {
  return and(
    eq(sessions.orgId, orgId),
    eq(sessions.clientId, clientId),
    isNull(sessions.revokedAt),
    gt(sessions.expiresAt, now),
    eq(users.active, true),
    eq(users.orgId, orgId),
  );
}

/** Everyone with a live session on this client, the host included, one row per person. */
export async function crewOnClient(
  db: DbOrTx,
  input: { orgId: string; clientId: string; now?: Date },
): Promise<(CrewRow & { role: Actor['role'] })[]> {
  const rows: CrewRow[] = await db
    .selectDistinct({ userId: users.id, name: users.name, role: users.role, teamId: users.teamId })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(liveOnClient(input.orgId, input.clientId, input.now ?? new Date()))
    .orderBy(users.name, users.id);
  return rows.map((r) => ({ ...r, role: roleSchema.parse(r.role) }));
}

/** The sync client a (cookie) session last synced with: the device it lives on; null before its first sync. */
export async function clientIdOfSession(db: DbOrTx, tokenHash: string): Promise<string | null> {
  const [row] = await db
    .select({ clientId: sessions.clientId })
    .from(sessions)
    .where(eq(sessions.tokenHash, tokenHash))
    .limit(1);
  return row?.clientId ?? null;
}

/**
 * Whether `userId` is signed in on the device the cookie session `tokenHash` syncs with: a photo
 * a crew member took on this phone is uploaded through the phone's (host's) session.
 */
export async function onSameDevice(
  db: DbOrTx,
  input: { orgId: string; tokenHash: string; userId: string },
): Promise<boolean> {
  const clientId = await clientIdOfSession(db, input.tokenHash);
  if (!clientId) return false;
  const [member] = await db
    .select({ userId: sessions.userId })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(liveOnClient(input.orgId, clientId, new Date()), eq(sessions.userId, input.userId)))
    .limit(1);
  return member !== undefined;
}

/**
 * Pull: the other crew members, whose scopes the phone also holds — read in the pull's first
 * statement (the same rule as `liveOnClient`, with the transaction's clock).
 */
export const crewActors: CrewOnClient = {
  // `liveOnClient`'s rule, the one the push's `crewActor` applies too.
  query: (host, clientId) =>
    sql`select distinct ${users.id} as user_id, ${users.role} as role, ${users.teamId} as team_id
        from ${sessions} inner join ${users} on ${users.id} = ${sessions.userId}
        where ${liveOnClient(host.orgId, clientId, new Date())} and ${users.id} <> ${host.userId}`,
  actors: (rows, host) =>
    rows.map((m) => ({
      userId: String(m['user_id']),
      orgId: host.orgId,
      role: roleSchema.parse(m['role']),
      teamId: typeof m['team_id'] === 'string' ? m['team_id'] : null,
    })),
};

/**
 * Push: the member a mutation names, if they hold a live session on this client, or held one that
 * ended (`signedOutAt`: the latest end of their sessions here) — the push then takes only changes
 * the device made before that (process-push.ts `actingPerson`). Ended by revoking this device: not
 * theirs any more (its pushes are refused whole anyway). A person deactivated while a session of
 * theirs is still live (their sessions end in the same transaction, so only by hand) is refused.
 */
export const crewActor: CrewActor = async (tx, session, clientId, actorId) => {
  const [member] = await tx
    .select({
      userId: users.id,
      role: users.role,
      teamId: users.teamId,
      active: users.active,
      live: sql<boolean>`bool_or(${sessions.revokedAt} is null and ${sessions.expiresAt} > now())`,
      endedAt: sql<
        string | null
      >`max(least(coalesce(${sessions.revokedAt}, ${sessions.expiresAt}), ${sessions.expiresAt}))`,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(
      and(
        eq(sessions.orgId, session.orgId),
        eq(sessions.clientId, clientId),
        eq(sessions.userId, actorId),
        eq(users.orgId, session.orgId),
        or(isNull(sessions.revokeReason), ne(sessions.revokeReason, 'device_revoked')),
      ),
    )
    .groupBy(users.id);
  if (!member || (member.live && !member.active)) return null;
  const actor = {
    userId: member.userId,
    orgId: session.orgId,
    role: roleSchema.parse(member.role),
    teamId: member.teamId,
  };
  return { actor, signedOutAt: member.live || member.endedAt === null ? null : new Date(member.endedAt) };
};

/** Signs one member out of the crew on this client (never the host's own cookie session). */
export async function endCrewSessions(
  db: DbOrTx,
  input: { orgId: string; clientId: string; userId: string; exceptTokenHash: string },
): Promise<number> {
  const ended = await db
    .update(sessions)
    .set({ revokedAt: new Date() })
    .where(
      and(
        eq(sessions.orgId, input.orgId),
        eq(sessions.clientId, input.clientId),
        eq(sessions.userId, input.userId),
        isNull(sessions.revokedAt),
        ne(sessions.tokenHash, input.exceptTokenHash),
      ),
    )
    .returning({ tokenHash: sessions.tokenHash });
  if (ended.length > 0) await notifyAccessChanged(db, input.orgId);
  return ended.length;
}

/** The host signing out online ends the crew it carried: the others were guests of its replica. */
export async function endCrewOf(db: DbOrTx, input: { orgId: string; clientId: string | null }): Promise<void> {
  if (!input.clientId) return;
  await db
    .update(sessions)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(sessions.orgId, input.orgId), eq(sessions.clientId, input.clientId), isNull(sessions.revokedAt)));
}

/** A crew can only be joined on the client the host's own session syncs with. */
export function assertHostClient(hostClientId: string | null, clientId: string): void {
  if (hostClientId !== clientId)
    throw new AppError(
      ERROR_CODES.conflict,
      'This device has not synced with this session yet (or the client id is not its own). Sync once, then add the person.',
      undefined,
      { key: 'crew.syncFirst' },
    );
}
