import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeInOrg } from '@lastmile/sync/server';
import { testDatabaseUrl } from '../../env.ts';
import { createOfficeWorld } from '../../test/office-fixtures.ts';
import { createTestApp, sessionFor, type TestApp } from '../../test/test-app.ts';

const ROWS = 100_000;

/** A full collection on demand, so the samples count what is kept, not garbage not yet collected. */
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

/**
 * A 100,000-job export over real HTTP on PostgreSQL (CI sets TEST_DATABASE_URL; PGlite would
 * spend its time on the inserts, not on the export). The client reads the stream chunk by chunk
 * and keeps nothing, so the heap of this process is the server's: it must stay flat.
 */
describe.skipIf(!testDatabaseUrl())('a 100,000-row jobs export', () => {
  let t: TestApp;
  let baseUrl = '';

  beforeAll(async () => {
    t = await createTestApp();
    const orgId = t.fixtures.orgA.id;
    const world = await createOfficeWorld(t.db, { orgId, teamId: null, assigneeId: null, jobCount: 0 });
    await writeInOrg(t.db, orgId, async (tx) => {
      await tx.execute(sql`
        insert into jobs (id, org_id, number, job_type_id, customer_id, site_id, status, priority,
                          scheduled_start, scheduled_end, title)
        select gen_random_uuid(), ${orgId}::uuid, 'J-' || lpad(g::text, 6, '0'), ${world.jobTypes.repair}::uuid,
               ${world.customers.acme}::uuid, ${world.sites.acmeMain}::uuid, 'scheduled', 'normal',
               timestamptz '2030-01-01' + (g / 7) * interval '1 minute',
               timestamptz '2030-01-01' + (g / 7) * interval '1 minute' + interval '1 hour',
               '=cmd|'' /C calc''!A0 — wizyta ' || g
        from generate_series(1, ${ROWS}) g`);
    });
    await t.db.execute(sql`analyze jobs`);
    baseUrl = await t.app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => {
    await t.close();
  });

  it('streams every row once with the heap staying flat', async () => {
    const credentials = await sessionFor(t.db, t.fixtures.orgA.users.office);
    collectGarbage();
    const before = process.memoryUsage();
    let peakHeap = before.heapUsed;
    let peakRss = before.rss;
    let chunks = 0;
    const response = await fetch(`${baseUrl}/api/exports/jobs.csv`, { headers: { cookie: credentials.cookie } });
    expect(response.status).toBe(200);
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    let lines = 0;
    let neutralized = 0;
    let tail = '';
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      const text = tail + decoder.decode(value, { stream: true });
      const parts = text.split('\r\n');
      tail = parts.pop() ?? '';
      lines += parts.length;
      for (const line of parts) if (line.includes(`,'=cmd|`)) neutralized += 1;
      if (++chunks % 25 !== 0) continue;
      collectGarbage();
      const now = process.memoryUsage();
      peakHeap = Math.max(peakHeap, now.heapUsed);
      peakRss = Math.max(peakRss, now.rss);
    }
    expect(tail).toBe('');
    // The header and one line per job; every hostile title turned into text.
    expect(lines).toBe(ROWS + 1);
    expect(neutralized).toBe(ROWS);
    const heapGrowthMb = (peakHeap - before.heapUsed) / 2 ** 20;
    // Loading all rows at once would keep ~100,000 row objects and a ~20 MB body; the stream keeps a page.
    expect(heapGrowthMb).toBeLessThan(32);
    expect((peakRss - before.rss) / 2 ** 20).toBeLessThan(128);
  });
});
