import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { queryRows } from '@lastmile/sync/server';
import { buildWorld, type World } from '../sync/test-world.ts';
import { createTestDb, type TestDb } from '../test/test-db.ts';

/**
 * A notes edit changes no indexed column of `jobs` (a push writes notes, updated_at, updated_by),
 * so when the job's page has room PostgreSQL updates it in place (HOT) and writes none of the
 * table's 13 indexes (ADR 0046). Jobs written in bulk (an import, a day's schedule) fill their
 * pages; without the free space migration 0019 leaves (fillfactor 85), the first edit of such a job
 * moved it to another page and inserted into every index.
 */
let testDb: TestDb;
let world: World;
beforeAll(async () => {
  testDb = await createTestDb();
  world = await buildWorld(testDb.db, { jobCount: 1 });
});
afterAll(async () => {
  await testDb.cleanup();
});

it('leaves room on every page of bulk-written jobs for an edit that stays on the page', async () => {
  // 600 jobs in one statement: copies of the world's job, as an import writes them.
  await testDb.db.execute(sql`
    insert into jobs (id, org_id, number, job_type_id, customer_id, site_id, team_id, assignee_id, title, notes,
                      status, priority, scheduled_start, scheduled_end, created_at, updated_at, search_text)
    select gen_random_uuid(), org_id, 'FF-' || n, job_type_id, customer_id, site_id, team_id, assignee_id, title,
           repeat('Customer asked for a call before arrival. ', 8), status, priority, scheduled_start, scheduled_end,
           now(), now(), search_text
    from jobs, generate_series(1, 600) n where id = ${world.jobIds[0]!}`);
  const counts = await testDb.db.transaction(async (tx) => {
    // One job of each page, edited as a push edits notes.
    await tx.execute(sql`
      update jobs set notes = notes || ' Gate code 4411.', updated_at = now(), updated_by = assignee_id
      where id in (
        select distinct on ((ctid::text::point)[0]) id from jobs
        where org_id = ${world.orgId} and number like 'FF-%' order by (ctid::text::point)[0]
      )`);
    // This transaction's own counts: exact, and there at once (the cumulative view is flushed later).
    const [row] = await queryRows<{ pages: number; updated: number; hot: number }>(
      tx,
      sql`select count(distinct (ctid::text::point)[0])::int as pages,
                 pg_stat_get_xact_tuples_updated('jobs'::regclass)::int as updated,
                 pg_stat_get_xact_tuples_hot_updated('jobs'::regclass)::int as hot
          from jobs where org_id = ${world.orgId} and number like 'FF-%'`,
    );
    return row!;
  });
  expect(counts.pages).toBeGreaterThan(10);
  expect(counts.updated).toBeGreaterThan(10);
  expect(counts.hot).toBe(counts.updated);
});
