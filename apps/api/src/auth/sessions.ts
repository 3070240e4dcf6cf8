import { and, eq, gt, inArray, isNull, lt, ne, sql } from 'drizzle-orm';
import { roleSchema, type Actor, type SessionInfo } from '@lastmile/domain';
import type { DbOrTx } from '@lastmile/sync/server';
import { organizations, sessions, users } from '../db/schema/index.ts';
import { crewSettingsFrom, photoSettingsFrom } from '../services/org-settings.ts';
import { notifyAccessChanged } from './access-channel.ts';
import { hashSessionToken, newCsrfToken, newSessionToken } from './session-token.ts';

/** A live session, re-read from the database on every authenticated request. */
export type AuthSession = {
  tokenHash: string;
  csrfToken: string;
  expiresAt: Date;
  /** This request moved the expiry forward: the cookie must be sent again with the new date. */
  renewed: boolean;
  actor: Actor;
  user: SessionInfo['user'];
  org: SessionInfo['org'];
};

const DAY_MS = 24 * 60 * 60 * 1000;
/** last_seen_at is for the admin's "devices and sessions" view; minute precision is plenty. */
const LAST_SEEN_RESOLUTION_MS = 5 * 60 * 1000;

export async function createSession(
  db: DbOrTx,
  input: {
    userId: string;
    orgId: string;
    ttlDays: number;
    userAgent: string | null;
    now?: Date;
    /** Bound to a sync client from the start (a crew member's session, crew-sessions.ts). */
    clientId?: string;
  },
): Promise<{ token: string; csrfToken: string; expiresAt: Date }> {
  const now = input.now ?? new Date();
  const token = newSessionToken();
  const csrfToken = newCsrfToken();
  const expiresAt = new Date(now.getTime() + input.ttlDays * DAY_MS);
  await db.insert(sessions).values({
    tokenHash: hashSessionToken(token),
    userId: input.userId,
    orgId: input.orgId,
    csrfToken,
    userAgent: input.userAgent?.slice(0, 500) ?? null,
    createdAt: now,
    lastSeenAt: now,
    expiresAt,
    clientId: input.clientId ?? null,
  });
  return { token, csrfToken, expiresAt };
}

/**
 * The lookup every authenticated request starts with, built once per database handle: drizzle
 * then only binds the two values instead of rebuilding the query (about a tenth of the API's CPU
 * in `pnpm bench push`'s profile went to building queries), and PostgreSQL parses and plans it
 * once per connection (a named statement).
 */
function buildSessionLookup(db: DbOrTx) {
  return db
    .select({
      csrfToken: sessions.csrfToken,
      lastSeenAt: sessions.lastSeenAt,
      expiresAt: sessions.expiresAt,
      userId: users.id,
      name: users.name,
      email: users.email,
      role: users.role,
      teamId: users.teamId,
      orgId: organizations.id,
      orgName: organizations.name,
      orgSettings: organizations.settings,
      orgLocale: organizations.locale,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .innerJoin(organizations, and(eq(organizations.id, sessions.orgId), eq(organizations.id, users.orgId)))
    .where(
      and(
        eq(sessions.tokenHash, sql.placeholder('tokenHash')),
        isNull(sessions.revokedAt),
        gt(sessions.expiresAt, sql.placeholder('now')),
        eq(users.active, true),
      ),
    )
    .limit(1)
    .prepare('lm_find_session');
}

const sessionLookups = new WeakMap<DbOrTx, ReturnType<typeof buildSessionLookup>>();

function sessionLookup(db: DbOrTx): ReturnType<typeof buildSessionLookup> {
  let lookup = sessionLookups.get(db);
  if (!lookup) {
    lookup = buildSessionLookup(db);
    sessionLookups.set(db, lookup);
  }
  return lookup;
}

/**
 * The session behind a cookie token, or null if it is unknown, revoked, expired, or its user was
 * deactivated. With `slideDays`, a session used after half its life is renewed for that many
 * days from now: a technician who opens the app every day is never signed out by a fixed expiry
 * while work waits on the phone; one left unused still ends after `slideDays`.
 */
export async function findSession(
  db: DbOrTx,
  token: string,
  { now = new Date(), slideDays }: { now?: Date; slideDays?: number } = {},
): Promise<AuthSession | null> {
  const tokenHash = hashSessionToken(token);
  const [found] = await sessionLookup(db).execute({ tokenHash, now });
  if (!found) return null;
  const slideMs = slideDays === undefined ? null : slideDays * DAY_MS;
  const renewed = slideMs !== null && found.expiresAt.getTime() - now.getTime() < slideMs / 2;
  const expiresAt = renewed ? new Date(now.getTime() + slideMs) : found.expiresAt;
  if (renewed || now.getTime() - found.lastSeenAt.getTime() > LAST_SEEN_RESOLUTION_MS) {
    await db
      .update(sessions)
      .set(renewed ? { lastSeenAt: now, expiresAt } : { lastSeenAt: now })
      .where(eq(sessions.tokenHash, tokenHash));
  }
  const role = roleSchema.parse(found.role);
  return {
    tokenHash,
    csrfToken: found.csrfToken,
    expiresAt,
    renewed,
    actor: { userId: found.userId, orgId: found.orgId, role, teamId: found.teamId },
    user: { id: found.userId, name: found.name, email: found.email, role, teamId: found.teamId },
    org: {
      id: found.orgId,
      name: found.orgName,
      photos: photoSettingsFrom(found.orgSettings),
      crew: crewSettingsFrom(found.orgSettings),
      locale: found.orgLocale,
    },
  };
}

export function toSessionInfo(session: AuthSession): SessionInfo {
  return { user: session.user, org: session.org, csrfToken: session.csrfToken };
}

export async function revokeSession(db: DbOrTx, tokenHash: string, now = new Date()): Promise<void> {
  await db
    .update(sessions)
    .set({ revokedAt: now })
    .where(and(eq(sessions.tokenHash, tokenHash), isNull(sessions.revokedAt)));
}

/** Signs a person out everywhere (a lost phone, a leaver). Returns how many sessions were live. */
export async function revokeUserSessions(
  db: DbOrTx,
  input: { orgId: string; userId: string; now?: Date; exceptTokenHash?: string },
): Promise<number> {
  const now = input.now ?? new Date();
  const revoked = await db
    .update(sessions)
    .set({ revokedAt: now })
    .where(
      and(
        eq(sessions.orgId, input.orgId),
        eq(sessions.userId, input.userId),
        isNull(sessions.revokedAt),
        gt(sessions.expiresAt, now),
        input.exceptTokenHash === undefined ? undefined : ne(sessions.tokenHash, input.exceptTokenHash),
      ),
    )
    .returning({ tokenHash: sessions.tokenHash });
  // Their open live-update streams close at once, in every API process (poke-hub.ts).
  if (revoked.length > 0) await notifyAccessChanged(db, input.orgId);
  return revoked.length;
}

/** Expired and long-revoked sessions serve no purpose; the auth plugin prunes them every hour. */
export async function deleteStaleSessions(db: DbOrTx, now = new Date()): Promise<void> {
  const cutoff = new Date(now.getTime() - 30 * DAY_MS);
  await db.delete(sessions).where(sql`${lt(sessions.expiresAt, now)} or ${lt(sessions.revokedAt, cutoff)}`);
}

/** Of these sessions, the ones still live (the poke hub closes the streams of the others). */
export async function liveSessionHashes(db: DbOrTx, tokenHashes: string[], now = new Date()): Promise<Set<string>> {
  if (tokenHashes.length === 0) return new Set();
  const rows = await db
    .select({ tokenHash: sessions.tokenHash })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(
      and(
        inArray(sessions.tokenHash, tokenHashes),
        isNull(sessions.revokedAt),
        gt(sessions.expiresAt, now),
        eq(users.active, true),
      ),
    );
  return new Set(rows.map((r) => r.tokenHash));
}
