import type { FastifyRequest } from 'fastify';
import { AppError, ERROR_CODES } from '@lastmile/domain';
import type { DbOrTx } from '@lastmile/sync/server';
import { countHit, currentHits, forgetHits } from './pg-rate-limit-store.ts';

/**
 * Failed sign-ins allowed per window, counted in PostgreSQL (shared by every API process):
 * - per account, from any address — guessing one person's password stays slow even from a
 *   botnet; unknown emails count too, so probing for accounts is no cheaper;
 * - per source address, over all accounts — password spraying (one common password tried on
 *   every account) stops after a handful, where a per-account limit alone never triggers.
 * Only failures count: a crew signing in one after another behind one office NAT is not limited,
 * and a person's own successful sign-in clears their account's count. Checked before the scrypt,
 * so refused tries cost the server nothing.
 */
export const SIGN_IN_LIMITS = {
  account: { failures: 10, windowMs: 15 * 60 * 1000 },
  address: { failures: 20, windowMs: 15 * 60 * 1000 },
} as const;

const accountKey = (email: string) => `sign-in:account:${email}`;
const addressKey = (ip: string) => `sign-in:address:${ip}`;

function refuse(ttlMs: number): never {
  const seconds = Math.max(1, Math.ceil(ttlMs / 1000));
  const minutes = Math.ceil(seconds / 60);
  throw new AppError(
    ERROR_CODES.rateLimited,
    `Too many failed sign-ins. Wait ${minutes} minute${minutes === 1 ? '' : 's'} and try again, or ask your office to reset your password.`,
    undefined,
    { key: 'auth.tooManyFailures', params: { minutes } },
  );
}

export async function assertSignInAllowed(db: DbOrTx, ip: string, email: string): Promise<void> {
  const [account, address] = await Promise.all([currentHits(db, accountKey(email)), currentHits(db, addressKey(ip))]);
  if (account.current >= SIGN_IN_LIMITS.account.failures) refuse(account.ttl);
  if (address.current >= SIGN_IN_LIMITS.address.failures) refuse(address.ttl);
}

export async function noteFailedSignIn(db: DbOrTx, ip: string, email: string): Promise<void> {
  await Promise.all([
    countHit(db, accountKey(email), SIGN_IN_LIMITS.account.windowMs),
    countHit(db, addressKey(ip), SIGN_IN_LIMITS.address.windowMs),
  ]);
}

export async function noteSuccessfulSignIn(db: DbOrTx, email: string): Promise<void> {
  await forgetHits(db, accountKey(email));
}

/** Password checks per minute for one key (an address and an account): the sign-in page and a crew join. */
export const PASSWORD_TRIES_PER_MINUTE = 10;

/**
 * The per-minute limit (@fastify/rate-limit route config) in front of every route that checks a
 * password, keyed by the caller's choice, with the message the sign-in page translates.
 */
export function passwordRateLimit(keyGenerator: (request: FastifyRequest) => string) {
  return {
    max: PASSWORD_TRIES_PER_MINUTE,
    timeWindow: '1 minute',
    hook: 'preHandler' as const,
    keyGenerator,
    errorResponseBuilder: (_request: FastifyRequest, context: { after: string; ttl: number }) =>
      new AppError(
        ERROR_CODES.rateLimited,
        `Too many sign-in attempts. Wait ${context.after} and try again.`,
        undefined,
        {
          key: 'auth.rateLimited',
          params: { seconds: Math.max(1, Math.ceil(context.ttl / 1000)) },
        },
      ),
  };
}
