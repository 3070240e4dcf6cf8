import { and, eq, gt, inArray, isNull } from 'drizzle-orm';
import { roleSchema, scopesForActor, type Actor } from '@lastmile/domain';
import type { DbOrTx } from '@lastmile/sync/server';
import { sessions, users } from '../db/schema/index.ts';

/**
 * The scopes each session's device pulls: its person's, plus (crew mode, ADR 0033) those of
 * everyone else signed in on the same sync client — what process-pull serves it — and that client.
 * For the poke hub, which pokes a stream only when a commit touched one of them, and not when the
 * stream's own device pushed it. Two queries, whatever the number of sessions.
 */
export async function sessionScopes(
  db: DbOrTx,
  tokenHashes: string[],
): Promise<Map<string, { scopes: Set<string>; clientId: string | null }>> {
  const out = new Map<string, { scopes: Set<string>; clientId: string | null }>();
  if (tokenHashes.length === 0) return out;
  const now = new Date();
  const owners = await db
    .select({
      tokenHash: sessions.tokenHash,
      clientId: sessions.clientId,
      userId: users.id,
      orgId: users.orgId,
      role: users.role,
      teamId: users.teamId,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(inArray(sessions.tokenHash, tokenHashes));
  const clientIds = [...new Set(owners.flatMap((o) => (o.clientId ? [o.clientId] : [])))];
  const crew =
    clientIds.length === 0
      ? []
      : await db
          .select({
            clientId: sessions.clientId,
            userId: users.id,
            orgId: users.orgId,
            role: users.role,
            teamId: users.teamId,
          })
          .from(sessions)
          .innerJoin(users, eq(users.id, sessions.userId))
          .where(
            and(
              inArray(sessions.clientId, clientIds),
              isNull(sessions.revokedAt),
              gt(sessions.expiresAt, now),
              eq(users.active, true),
            ),
          );
  const actor = (r: { userId: string; orgId: string; role: string; teamId: string | null }): Actor => ({
    userId: r.userId,
    orgId: r.orgId,
    role: roleSchema.parse(r.role),
    teamId: r.teamId,
  });
  for (const owner of owners) {
    const scopes = new Set(scopesForActor(actor(owner)));
    for (const member of crew)
      if (member.clientId === owner.clientId && member.orgId === owner.orgId)
        for (const s of scopesForActor(actor(member))) scopes.add(s);
    out.set(owner.tokenHash, { scopes, clientId: owner.clientId });
  }
  return out;
}
