import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rateLimits } from '../db/schema/index.ts';
import { createTestDb, type TestDb } from '../test/test-db.ts';
import {
  countHit,
  currentHits,
  deleteEndedRateLimitWindows,
  forgetHits,
  pgRateLimitStore,
} from './pg-rate-limit-store.ts';

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(() => t.cleanup());

describe('rate limit counters in the database', () => {
  it('counts hits in a window and starts a new window when it ends', async () => {
    expect((await countHit(t.db, 'a', 60_000)).current).toBe(1);
    expect((await countHit(t.db, 'a', 60_000)).current).toBe(2);
    const hit = await countHit(t.db, 'a', 60_000);
    expect(hit.current).toBe(3);
    expect(hit.ttl).toBeGreaterThan(0);
    expect(hit.ttl).toBeLessThanOrEqual(60_000);
    expect((await currentHits(t.db, 'a')).current).toBe(3);

    await countHit(t.db, 'short', 1);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect((await currentHits(t.db, 'short')).current).toBe(0);
    expect((await countHit(t.db, 'short', 60_000)).current).toBe(1);
  });

  it('loses no hit when many requests (or processes) count the same key at once', async () => {
    const hits = await Promise.all(Array.from({ length: 40 }, () => countHit(t.db, 'burst', 60_000)));
    expect(hits.map((h) => h.current).sort((x, y) => x - y)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
  });

  it('stores a hash of the key, never the address or email itself', async () => {
    await countHit(t.db, 'sign-in:account:someone@example.com', 60_000);
    const keys = (await t.db.select({ key: rateLimits.key }).from(rateLimits)).map((r) => r.key);
    expect(keys.some((k) => k.includes('example.com'))).toBe(false);
  });

  it('forgets a key, and prunes ended windows only', async () => {
    await countHit(t.db, 'gone', 60_000);
    await forgetHits(t.db, 'gone');
    expect((await currentHits(t.db, 'gone')).current).toBe(0);
    await countHit(t.db, 'ended', 1);
    await new Promise((resolve) => setTimeout(resolve, 20));
    await deleteEndedRateLimitWindows(t.db);
    expect((await currentHits(t.db, 'a')).current).toBe(3);
    expect((await t.db.select().from(rateLimits)).length).toBeGreaterThan(0);
  });

  it('serves @fastify/rate-limit as its store', async () => {
    const Store = pgRateLimitStore(t.db);
    const store = new Store().child({});
    const results = await Promise.all(
      [1, 2].map(
        () =>
          new Promise<number>((resolve, reject) =>
            store.incr(
              'plugin',
              (error, hit) => (error || !hit ? reject(error ?? new Error('no hit')) : resolve(hit.current)),
              60_000,
              10,
            ),
          ),
      ),
    );
    expect(results.sort()).toEqual([1, 2]);
  });
});
