import { and, eq, gt, isNull } from 'drizzle-orm';
import { AppError, ERROR_CODES } from '@lastmile/domain';
import type { DbOrTx } from '@lastmile/sync/server';
import { hashSessionToken, newSessionToken } from '../auth/session-token.ts';
import { userTokens } from '../db/schema/index.ts';

export type UserTokenKind = 'invite' | 'reset';

/** An invitation gives a week to answer; a reset link a day. */
const VALID_FOR_MS: Record<UserTokenKind, number> = { invite: 7 * 24 * 3600_000, reset: 24 * 3600_000 };

/**
 * Issues a one-time link token for a person; any earlier unused token of theirs stops working,
 * so only the latest link opens. Returns the token itself: it is never stored.
 */
export async function issueUserToken(
  db: DbOrTx,
  input: { orgId: string; userId: string; kind: UserTokenKind; createdBy: string; now?: Date },
): Promise<{ token: string; expiresAt: Date }> {
  const now = input.now ?? new Date();
  await db
    .update(userTokens)
    .set({ usedAt: now })
    .where(and(eq(userTokens.userId, input.userId), isNull(userTokens.usedAt)));
  const token = newSessionToken();
  const expiresAt = new Date(now.getTime() + VALID_FOR_MS[input.kind]);
  await db.insert(userTokens).values({
    tokenHash: hashSessionToken(token),
    userId: input.userId,
    orgId: input.orgId,
    kind: input.kind,
    createdBy: input.createdBy,
    createdAt: now,
    expiresAt,
  });
  return { token, expiresAt };
}

/** Uses a token once: the person it names, or a refusal that does not say why (unknown, used, expired). */
export async function consumeUserToken(
  db: DbOrTx,
  token: string,
  now = new Date(),
): Promise<{ userId: string; orgId: string; kind: UserTokenKind }> {
  const [used] = await db
    .update(userTokens)
    .set({ usedAt: now })
    .where(
      and(eq(userTokens.tokenHash, hashSessionToken(token)), isNull(userTokens.usedAt), gt(userTokens.expiresAt, now)),
    )
    .returning({ userId: userTokens.userId, orgId: userTokens.orgId, kind: userTokens.kind });
  if (!used) {
    throw new AppError(
      ERROR_CODES.notFound,
      'This link has expired or was already used. Ask your admin for a new one.',
    );
  }
  return used;
}

/** The path a person opens to set their password; the token stays in the fragment, out of logs. */
export function setPasswordLink(token: string): string {
  return `/set-password#token=${token}`;
}
