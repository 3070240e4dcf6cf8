import { eq } from 'drizzle-orm';
import { AppError, ERROR_CODES } from '@lastmile/domain';
import type { DbOrTx } from '@lastmile/sync/server';
import { users } from '../db/schema/index.ts';
import { normalizeEmail } from '../services/create-user.ts';
import { decoyPasswordHash, hashPassword, needsRehash, verifyPassword } from './password.ts';
import { assertSignInAllowed, noteFailedSignIn, noteSuccessfulSignIn } from './sign-in-limits.ts';

export type CheckedUser = { id: string; orgId: string; name: string; role: string; teamId: string | null };

/**
 * Every password check of a person who is not signed in yet — the sign-in page and joining a
 * crew (ADR 0033) — with the same rules: failed tries limited per account and per address before
 * the hash (ADR 0026), one scrypt whether or not the email exists, one message for a wrong email,
 * a wrong password and (with `orgId`) another organization's person, a deactivated account said
 * so, and a hash made with older parameters replaced now that the password is known.
 */
export async function checkCredentials(
  db: DbOrTx,
  input: { ip: string; email: string; password: string; orgId?: string },
): Promise<CheckedUser> {
  const email = normalizeEmail(input.email);
  await assertSignInAllowed(db, input.ip, email);
  const [user] = await db
    .select({
      id: users.id,
      orgId: users.orgId,
      name: users.name,
      role: users.role,
      teamId: users.teamId,
      passwordHash: users.passwordHash,
      active: users.active,
    })
    .from(users)
    .where(eq(users.email, email))
    .limit(1);
  const matches = await verifyPassword(input.password, user?.passwordHash ?? (await decoyPasswordHash()));
  if (!user || !matches || (input.orgId !== undefined && user.orgId !== input.orgId)) {
    await noteFailedSignIn(db, input.ip, email);
    throw new AppError(ERROR_CODES.unauthenticated, 'Wrong email or password.', undefined, {
      key: 'auth.wrongPassword',
    });
  }
  if (!user.active)
    throw new AppError(
      ERROR_CODES.unauthenticated,
      'This account has been deactivated. Ask your office to reactivate it.',
      undefined,
      { key: 'auth.deactivated' },
    );
  await noteSuccessfulSignIn(db, email);
  if (needsRehash(user.passwordHash)) {
    const passwordHash = await hashPassword(input.password);
    await db.update(users).set({ passwordHash }).where(eq(users.id, user.id));
  }
  return { id: user.id, orgId: user.orgId, name: user.name, role: user.role, teamId: user.teamId };
}
