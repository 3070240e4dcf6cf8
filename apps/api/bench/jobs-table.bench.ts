/**
 * The office jobs table with 100,000 jobs in one organization: p50/p95 of typical table queries
 * (findJobsPage, the code behind GET /api/jobs: page + total) next to a baseline measured in the
 * same run, `select count(*) from jobs where org_id = …`.
 *
 *   pnpm bench jobs-table                 (PGlite in memory)
 *   TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test pnpm bench jobs-table
 *
 * Jobs are bulk-inserted (no change log: the table reads only `jobs` and its references) over
 * 200 customers, 400 sites, 4 job types, 5 teams of 6 technicians, 13 months of schedule.
 * Figures, not assertions: the goal is a page in well under 100 ms.
 */
import { sql } from 'drizzle-orm';
import { jobsQuerySchema, newId } from '@lastmile/domain';
import { writeInOrg } from '@lastmile/sync/server';
import { findJobsPage } from '../src/services/find-jobs-page.ts';
import { openBenchDb, runBench } from './bench-kit.ts';
import { buildOfficeWorld } from './office-world.ts';

const JOBS = Number(process.env['BENCH_JOBS'] ?? 100_000);
const RUNS = Number(process.env['BENCH_RUNS'] ?? 30);

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function measure(fn: () => Promise<unknown>): Promise<{ p50: number; p95: number; extra: string }> {
  let extra = '';
  const first = await fn();
  if (first && typeof first === 'object' && 'total' in first)
    extra = `total ${String((first as { total: number }).total)}`;
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p95: percentile(times, 95), extra };
}

async function main(): Promise<void> {
  const testDb = await openBenchDb();
  try {
    const t0 = performance.now();
    const world = await writeInOrg(testDb.db, newId(), async (tx) => buildOfficeWorld(tx, JOBS));
    console.log(
      `\nOffice jobs table — ${JOBS.toLocaleString('en-US')} jobs on ${testDb.kind}, built in ${((performance.now() - t0) / 1000).toFixed(1)} s; ${RUNS} runs each after one warm-up`,
    );
    const page = (query: Record<string, unknown>) => () =>
      findJobsPage(testDb.db, world.orgId, jobsQuerySchema.parse(query));
    const cases: [string, () => Promise<unknown>][] = [
      [
        'baseline: select count(*) from jobs where org_id',
        () => testDb.db.execute(sql`select count(*) from jobs where org_id = ${world.orgId}`),
      ],
      ['first page, by scheduled start (50)', page({})],
      ['page 500 of 2,000, by scheduled start', page({ page: 500 })],
      ['last page, by start desc, pageSize 200', page({ direction: 'desc', pageSize: 200 })],
      ['status scheduled+paused, by start', page({ status: ['scheduled', 'paused'] })],
      ['one technician, by start', page({ assigneeId: world.techIds[3] })],
      [
        'one team + one job type + a month',
        page({
          teamId: world.teamIds[1],
          jobTypeId: world.jobTypeIds[1],
          from: '2030-06-01T00:00:00Z',
          to: '2030-07-01T00:00:00Z',
        }),
      ],
      ['one customer, by start desc', page({ customerId: world.customerIds[42], direction: 'desc' })],
      ['search "harbour" (address, 1 in 8 jobs)', page({ search: 'harbour' })],
      ['search "customer 042" (customer name)', page({ search: 'customer 042' })],
      ['search "erp-4242" (external ref)', page({ search: 'erp-4242' })],
      ['search "J-0999" (number prefix)', page({ search: 'J-0999' })],
      ['sort by customer name', page({ sort: 'customer' })],
      ['sort by priority desc', page({ sort: 'priority', direction: 'desc' })],
      ['sort by number desc', page({ sort: 'number', direction: 'desc' })],
      ['sort by status, filtered to one team', page({ sort: 'status', teamId: world.teamIds[2] })],
    ];
    console.log(`  ${'query'.padEnd(48)} ${'p50'.padStart(9)} ${'p95'.padStart(9)}  rows matched`);
    for (const [label, fn] of cases) {
      const r = await measure(fn);
      console.log(
        `  ${label.padEnd(48)} ${`${r.p50.toFixed(1)} ms`.padStart(9)} ${`${r.p95.toFixed(1)} ms`.padStart(9)}  ${r.extra}`,
      );
    }
  } finally {
    await testDb.cleanup();
  }
}

runBench(main);
