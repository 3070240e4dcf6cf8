import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { scope, type Actor } from '@lastmile/domain';
import { processPull, writeInOrg } from '@lastmile/sync/server';
import { createTestDb, type TestDb } from '../test/test-db.ts';
import { buildWorld } from './test-world.ts';

/**
 * Sync principle 5 under real concurrency: PostgreSQL transactions commit out of order, so a log
 * read by a bare sequence lets a reader pass a row that commits later with a smaller number and
 * never see it. Here many writers commit changes while holding their transaction open for a random
 * time *after* their version was taken (the widest window a skip could use), some roll back, and a
 * reader pulls continuously in small pages. Every committed change must be served exactly once,
 * each writer's changes in its commit order, and nothing rolled back may ever be served.
 * Meaningful only on PostgreSQL (PGlite runs one transaction at a time).
 */
const onPostgres = Boolean(process.env['TEST_DATABASE_URL']);
const WRITERS = 8;
const WRITES_EACH = 30;
let testDb: TestDb;

beforeAll(async () => {
  if (onPostgres) testDb = await createTestDb();
});
afterAll(async () => {
  if (onPostgres) await testDb.cleanup();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

it.skipIf(!onPostgres)(
  'a reader pulling while writers commit out of order sees every committed change exactly once, in order',
  async () => {
    const world = await buildWorld(testDb.db, { jobCount: 1 });
    const office: Actor = world.actors.office;
    const scopes = [scope.org(world.orgId), scope.ref(world.orgId)];
    const committed: string[][] = Array.from({ length: WRITERS }, () => []);
    const rolledBack = new Set<string>();

    const writer = async (w: number) => {
      for (let n = 0; n < WRITES_EACH; n++) {
        const id = `w${w}-${n}`;
        const abort = (w * 31 + n * 7) % 9 === 0;
        try {
          await writeInOrg(testDb.db, world.orgId, async (tx, recorder) => {
            // One change under one of two scopes, so the reader merges two streams of the log.
            recorder.put('jobs', { id, n, w } as unknown as { id: string }, [scopes[n % 2]!]);
            // Runs after the version is taken, before the commit: hold the transaction open.
            recorder.atVersion(async (t) => {
              await t.execute(sql`select pg_sleep(${Math.random() * 0.015})`);
              if (abort) throw new Error('roll back');
            });
            return tx;
          });
          committed[w]!.push(id);
        } catch (error) {
          if ((error as Error).message !== 'roll back') throw error;
          rolledBack.add(id);
        }
      }
    };

    const served: string[] = [];
    let cursor: string | null = null;
    const pullOnce = async () => {
      for (;;) {
        const page = await processPull(testDb.db, office, {
          schemaVersion: 1,
          clientId: 'log-order-reader',
          cursor,
          limit: 7,
        });
        cursor = page.cursor;
        for (const c of page.changes) if (c.entity === 'jobs' && c.id.startsWith('w')) served.push(c.id);
        if (!page.more) return;
      }
    };

    let writing = true;
    const reader = (async () => {
      while (writing) {
        await pullOnce();
        await sleep(Math.random() * 3);
      }
      await pullOnce(); // once every writer has committed: the rest of the log
    })();
    await Promise.all(Array.from({ length: WRITERS }, (_, w) => writer(w)));
    writing = false;
    await reader;

    const all = committed.flat();
    expect(rolledBack.size).toBeGreaterThan(0);
    expect(all.length).toBe(WRITERS * WRITES_EACH - rolledBack.size);
    // Exactly once: no duplicates, nothing missing, nothing that was rolled back.
    expect(new Set(served).size).toBe(served.length);
    expect([...served].sort()).toEqual([...all].sort());
    for (const id of served) expect(rolledBack.has(id)).toBe(false);
    // In commit order per writer (a writer's commits are sequential, so their versions increase).
    for (let w = 0; w < WRITERS; w++) {
      expect(served.filter((id) => id.startsWith(`w${w}-`))).toEqual(committed[w]);
    }
  },
  60_000,
);
