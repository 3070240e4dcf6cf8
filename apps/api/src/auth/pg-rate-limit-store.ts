import { createHash } from 'node:crypto';
import { eq, lt, sql } from 'drizzle-orm';
import { queryRows, type DbOrTx } from '@lastmile/sync/server';
import { rateLimits } from '../db/schema/index.ts';

type Hit = { current: number; ttl: number };
type Callback = (error: Error | null, result?: Hit) => void;

/** What @fastify/rate-limit asks of a store (its LocalStore and RedisStore have the same shape). */
export type RateLimitStore = {
  incr(key: string, callback: Callback, timeWindow: number, max: number): void;
  child(routeOptions: unknown): RateLimitStore;
};

/** The key as stored: a hash, so addresses and typed emails never sit in the table. */
export function storedKey(key: string): string {
  return createHash('sha256').update(key).digest('base64url');
}

/**
 * One counter per key and fixed window, counted by PostgreSQL in a single upsert, so several
 * API processes behind a load balancer share one allowance (an in-memory store would give each
 * process its own). The database's clock decides windows, so processes with drifting clocks
 * still agree. A store error lets the request through: an unavailable database fails the
 * sign-in itself a moment later with a clear error, and a limiter must not be what locks
 * everyone out.
 */
export function pgRateLimitStore(db: DbOrTx): new () => RateLimitStore {
  return class PgRateLimitStore implements RateLimitStore {
    incr(key: string, callback: Callback, timeWindow: number): void {
      countHit(db, key, timeWindow).then(
        (hit) => callback(null, hit),
        () => callback(null, { current: 0, ttl: timeWindow }),
      );
    }
    child(): RateLimitStore {
      return new PgRateLimitStore();
    }
  };
}

/** Counts one hit on `key` in its current window (a new window when the last one ended). */
export async function countHit(db: DbOrTx, key: string, windowMs: number): Promise<Hit> {
  const [row] = await queryRows<{ hits: number; ttl: number | string }>(
    db,
    sql`insert into rate_limits (key, hits, window_ends_at)
          values (${storedKey(key)}, 1, now() + ${windowMs}::integer * interval '1 millisecond')
          on conflict (key) do update set
            hits = case when rate_limits.window_ends_at <= now() then 1 else rate_limits.hits + 1 end,
            window_ends_at = case when rate_limits.window_ends_at <= now()
                                  then excluded.window_ends_at else rate_limits.window_ends_at end
        returning hits, ceil(extract(epoch from (window_ends_at - now())) * 1000) as ttl`,
  );
  return { current: Number(row?.hits ?? 1), ttl: Math.max(0, Number(row?.ttl ?? windowMs)) };
}

/** Hits on `key` in a window that has not ended yet (0 when none), without counting one. */
export async function currentHits(db: DbOrTx, key: string): Promise<Hit> {
  const [row] = await queryRows<{ hits: number; ttl: number | string }>(
    db,
    sql`select hits, ceil(extract(epoch from (window_ends_at - now())) * 1000) as ttl
        from rate_limits where key = ${storedKey(key)} and window_ends_at > now()`,
  );
  return row ? { current: Number(row.hits), ttl: Number(row.ttl) } : { current: 0, ttl: 0 };
}

export async function forgetHits(db: DbOrTx, key: string): Promise<void> {
  await db.delete(rateLimits).where(eq(rateLimits.key, storedKey(key)));
}

/** Windows that ended are only rows; the periodic clean-up removes them. */
export async function deleteEndedRateLimitWindows(db: DbOrTx, now = new Date()): Promise<void> {
  await db.delete(rateLimits).where(lt(rateLimits.windowEndsAt, now));
}
