import { sql, type SQL } from 'drizzle-orm';
import { AppError, ERROR_CODES } from '@lastmile/domain';
import type { AnyTx } from './db-types.ts';
import { isRetryableConflict, sqlState } from './pg-errors.ts';

/**
 * Every write transaction of an organization takes its version row's lock **first**, before any
 * row it reads for update or writes (sync brief, principle 5: "a version counter row updated at
 * the start of every write transaction"). Writers of one organization therefore run one after
 * another and can never wait for each other's rows in opposite orders: no lock-order deadlock
 * between two pushes, or a push and an office edit, whatever rows, foreign keys or orders they
 * touch. The lock was held from the flush to the commit anyway (versions must become visible in
 * commit order); taking it at the start only moves the mutators' own statements under it.
 *
 * Only a brand-new organization has no row yet; its first writers may still race, which is what
 * `retryConflicts` is for.
 */
export async function lockOrgWrites(tx: AnyTx, orgId: string): Promise<void> {
  await tx.execute(orgWriteLock(orgId));
}

/** The lock as a query, for a statement that takes it first and then more (the push's first: process-push.ts). */
export function orgWriteLock(orgId: string): SQL {
  return sql`select 1 from sync_org_versions where org_id = ${orgId} for no key update`;
}

/** How often a write that lost a race (serialization failure, deadlock) runs again before a 503. */
export const CONFLICT_ATTEMPTS = 6;

export type RetryOptions = {
  /** Told of each retried conflict (an operator wants to know how often it happens). */
  log?: ((details: Record<string, unknown>, message: string) => void) | undefined;
  /** Waits between attempts; tests pass a no-op. */
  sleep?: ((ms: number) => Promise<void>) | undefined;
};

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Runs a whole transaction again when PostgreSQL aborted it for losing a race (40001, 40P01): it
 * had no effect, so running it again is safe. Only if it keeps losing does the caller get a 503
 * (`unavailable`), never a 500: the device keeps its change and retries later.
 */
export async function retryConflicts<T>(run: () => Promise<T>, options: RetryOptions = {}): Promise<T> {
  const sleep = options.sleep ?? wait;
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      if (!isRetryableConflict(error)) throw error;
      if (attempt >= CONFLICT_ATTEMPTS) {
        throw new AppError(
          ERROR_CODES.unavailable,
          'The server is busy with other changes to the same data; nothing of this request was stored. Try again.',
        );
      }
      options.log?.({ attempt, sqlState: sqlState(error) }, 'transaction lost a race with another; running it again');
      await sleep(Math.random() * 10 * 2 ** attempt);
    }
  }
}
