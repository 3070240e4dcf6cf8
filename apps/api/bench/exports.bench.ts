/**
 * The jobs CSV export with 100,000 jobs: time and memory kept while streaming it (what
 * GET /api/exports/jobs.csv sends), beside a baseline measured in the same run — the same rows
 * read in one query into memory, as an export without paging would.
 *
 *   pnpm bench exports                 (PGlite in memory)
 *   TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test pnpm bench exports
 *
 * Memory is sampled after forced collections (so it counts what is kept, not garbage); figures,
 * not assertions. routes/exports/exports-100k.test.ts keeps a bound in the test suite.
 */
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { eq, sql } from 'drizzle-orm';
import { newId } from '@lastmile/domain';
import { writeInOrg, type AnyDb } from '@lastmile/sync/server';
import { customers, jobs, jobTypes, sites } from '../src/db/schema/index.ts';
import { createOrganization } from '../src/services/create-organization.ts';
import { csvStream } from '../src/services/exports/csv-stream.ts';
import { JOBS_EXPORT_HEADER, jobsExportPages } from '../src/services/exports/export-jobs.ts';
import { describeEngine, openBenchDb, runBench } from './bench-kit.ts';

const JOBS = Number(process.env['BENCH_JOBS'] ?? 100_000);

setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

async function buildJobs(db: AnyDb): Promise<string> {
  const org = await createOrganization(db, { name: 'Export bench org' });
  const [type, customer, site] = [newId(), newId(), newId()];
  await db.insert(jobTypes).values({ id: type, orgId: org.id, name: 'Service' });
  await db.insert(customers).values({ id: customer, orgId: org.id, name: 'Zakład Wodociągów' });
  await db
    .insert(sites)
    .values({ id: site, orgId: org.id, customerId: customer, name: 'Main', address: '1 Quay Road' });
  await db.execute(sql`
    insert into jobs (id, org_id, number, job_type_id, customer_id, site_id, status, priority,
                      scheduled_start, scheduled_end, title)
    select gen_random_uuid(), ${org.id}::uuid, 'J-' || lpad(g::text, 6, '0'), ${type}::uuid, ${customer}::uuid,
           ${site}::uuid, 'scheduled', 'normal', timestamptz '2030-01-01' + g * interval '1 minute',
           timestamptz '2030-01-01' + g * interval '1 minute' + interval '1 hour', 'Service visit ' || g
    from generate_series(1, ${JOBS}) g`);
  await db.execute(sql`analyze jobs`);
  return org.id;
}

/** Runs `work` while sampling the heap after forced collections; returns time and the peak kept above the start. */
async function measure(work: (sample: () => void) => Promise<number>) {
  collectGarbage();
  const start = process.memoryUsage().heapUsed;
  let peak = start;
  const sample = () => {
    collectGarbage();
    peak = Math.max(peak, process.memoryUsage().heapUsed);
  };
  const t0 = performance.now();
  const count = await work(sample);
  const ms = performance.now() - t0;
  return { count, ms, keptMb: (peak - start) / 2 ** 20 };
}

async function main(): Promise<void> {
  const testDb = await openBenchDb();
  try {
    const t0 = performance.now();
    const orgId = await writeInOrg(testDb.db, newId(), async (tx) => buildJobs(tx));
    console.log(
      `\nJobs CSV export — ${JOBS.toLocaleString('en-US')} jobs on ${describeEngine(testDb)}, built in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
    );
    const baseline = await measure(async (sample) => {
      const rows = await testDb.db.select().from(jobs).where(eq(jobs.orgId, orgId));
      sample();
      return rows.length;
    });
    const streamed = await measure(async (sample) => {
      let bytes = 0;
      let chunks = 0;
      await pipeline(
        csvStream(JOBS_EXPORT_HEADER, jobsExportPages(testDb.db, orgId, {})),
        new Writable({
          write(chunk: Buffer, _encoding, done) {
            bytes += chunk.length;
            if (++chunks % 20 === 0) sample();
            done();
          },
        }),
      );
      sample();
      return bytes;
    });
    console.log(`  ${'measurement'.padEnd(52)} ${'time'.padStart(9)} ${'heap kept'.padStart(10)}`);
    const line = (label: string, r: { ms: number; keptMb: number }) =>
      console.log(
        `  ${label.padEnd(52)} ${`${(r.ms / 1000).toFixed(2)} s`.padStart(9)} ${`${r.keptMb.toFixed(1)} MB`.padStart(10)}`,
      );
    line(`baseline: all ${baseline.count.toLocaleString('en-US')} rows in one query`, baseline);
    line(`streamed export (${(streamed.count / 2 ** 20).toFixed(1)} MB of CSV, keyset pages of 1,000)`, streamed);
  } finally {
    await testDb.cleanup();
  }
}

runBench(main);
