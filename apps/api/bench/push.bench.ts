/**
 * Push throughput over loopback HTTP against the real Fastify app, next to a raw INSERT baseline
 * measured in the same run on the same database.
 *
 *   pnpm bench push                      (PGlite in memory)
 *   TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test pnpm bench push
 *
 * A technician pushes `updateJobNotes` over their own jobs: PUSH_BATCHED mutations in requests
 * of 100, then PUSH_SINGLE mutations one per request. Each push is one transaction (client row
 * lock, job row lock + permission check, UPDATE, per-org version bump, change-log rows, NOTIFY).
 * Baselines: the same number of job-sized rows INSERTed raw, 100 rows per multi-row statement
 * (autocommit, so as many commits as push requests), and one single-row autocommit INSERT each.
 * No timing assertion; a functional error (non-2xx, a refused mutation) exits non-zero.
 */
import { randomBytes } from 'node:crypto';
import { loadavg } from 'node:os';
import { eq, sql } from 'drizzle-orm';
import { newId } from '@lastmile/domain';
import { queryRows, type AnyDb } from '@lastmile/sync/server';
import { jobs } from '../src/db/schema/index.ts';
import { buildWorld, type World } from '../src/sync/test-world.ts';
import type { TestDb } from '../src/test/test-db.ts';
import {
  addTechJobs,
  Api,
  benchLogin,
  describeEngine,
  openBenchDb,
  runBench,
  startBenchApp,
  table,
  type BenchApp,
} from './bench-kit.ts';

const BATCH = 100;
const PUSH_BATCHED = Number(process.env['BENCH_PUSH_BATCHED'] ?? 5000);
const PUSH_SINGLE = Number(process.env['BENCH_PUSH_SINGLE'] ?? 1000);
const JOBS = 2500;
const GOAL_BATCHED = 5000;
const GOAL_SINGLE = 500;

type PushResponse = { lastMutationId: number; results: { id: number; status: string; reason?: string }[] };

class Pusher {
  readonly clientId = `bench${randomBytes(8).toString('hex')}`;
  private nextId = 1;
  private nextJob = 0;
  constructor(
    private readonly api: Api,
    private readonly jobIds: string[],
  ) {}

  async push(size: number): Promise<void> {
    const clientTime = new Date().toISOString();
    const mutations = Array.from({ length: size }, () => ({
      id: this.nextId++,
      name: 'updateJobNotes',
      args: {
        jobId: this.jobIds[this.nextJob++ % this.jobIds.length]!,
        notes: `note ${this.nextId} ${'x'.repeat(60)}`,
      },
      clientTime,
      baseVersion: 0,
    }));
    const res = await this.api.post<PushResponse>('/api/sync/push', {
      schemaVersion: 1,
      clientId: this.clientId,
      mutations,
    });
    const refused = res.results.find((r) => r.status !== 'applied');
    if (refused || res.lastMutationId !== this.nextId - 1)
      throw new Error(`push not applied: ${JSON.stringify(refused ?? res)}`);
  }
}

async function time(fn: () => Promise<void>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

/** Raw baseline: job-sized rows into a scratch table with the jobs table's columns and indexes. */
async function rawInserts(db: AnyDb, world: World, total: number, perStatement: number): Promise<number> {
  await db.execute(sql`drop table if exists bench_raw_rows`);
  await db.execute(sql`create table bench_raw_rows (like jobs including defaults including indexes)`);
  const [template] = await db.select().from(jobs).where(eq(jobs.id, world.jobIds[1]!));
  if (!template) throw new Error('no template job');
  let n = 0;
  const rowSql = () => {
    const i = n++;
    return sql`(${newId()}, ${template.orgId}, ${`R-${i}`}, ${template.jobTypeId}, ${template.customerId}, ${template.siteId}, ${template.teamId}, ${template.assigneeId}, ${template.status}, ${template.priority}, ${template.scheduledStart}, ${template.scheduledEnd}, ${template.title}, ${`note ${i} ${'x'.repeat(60)}`}, now(), now(), ${template.assigneeId})`;
  };
  const ms = await time(async () => {
    for (let i = 0; i < total; i += perStatement) {
      const rows = Array.from({ length: Math.min(perStatement, total - i) }, rowSql);
      await db.execute(
        sql`insert into bench_raw_rows (id, org_id, number, job_type_id, customer_id, site_id, team_id, assignee_id, status, priority, scheduled_start, scheduled_end, title, notes, created_at, updated_at, updated_by) values ${sql.join(rows, sql`, `)}`,
      );
    }
  });
  await db.execute(sql`drop table bench_raw_rows`);
  return ms;
}

async function main(): Promise<void> {
  let testDb: TestDb | null = null;
  let app: BenchApp | null = null;
  try {
    const setupStart = performance.now();
    testDb = await openBenchDb();
    const { db } = testDb;
    console.log(
      `push benchmark — database: ${describeEngine(testDb)}; load average at start ${loadavg()[0]!.toFixed(2)} (2 cores: anything above ~0.5 means other work shares the CPU)`,
    );

    const world = await buildWorld(db, { jobCount: 2 });
    // Jobs for the technician in one transaction, 1,000 rows per INSERT.
    const jobIds = await addTechJobs(db, world, JOBS, {
      perTransaction: Number.POSITIVE_INFINITY,
      perInsert: 1000,
      fields: (n) => ({ title: `Bench job ${n}` }),
    });
    const login = await benchLogin(db, world.actors.tech1.userId);

    app = await startBenchApp(testDb);
    const api = Api.forApp(app);
    await api.signIn(login);
    console.log(
      `setup: ${JOBS} jobs for the technician, app on ${api.base} (${((performance.now() - setupStart) / 1000).toFixed(1)} s)`,
    );

    // Warm up both paths (JIT, connection pool, plan cache) before timing anything.
    const warm = new Pusher(api, jobIds);
    for (let i = 0; i < 5; i++) await warm.push(BATCH);
    for (let i = 0; i < 50; i++) await warm.push(1);

    const batched = new Pusher(api, jobIds);
    const batchedMs = await time(async () => {
      for (let i = 0; i < PUSH_BATCHED; i += BATCH) await batched.push(Math.min(BATCH, PUSH_BATCHED - i));
    });
    const single = new Pusher(api, jobIds);
    const singleMs = await time(async () => {
      for (let i = 0; i < PUSH_SINGLE; i++) await single.push(1);
    });

    const rawBatchedMs = await rawInserts(db, world, PUSH_BATCHED, BATCH);
    const rawSingleMs = await rawInserts(db, world, PUSH_SINGLE, 1);

    const [changes] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from sync_changes`);
    table(
      `Push (${testDb.kind}, loopback HTTP, updateJobNotes by a technician)`,
      [
        {
          label: `push, ${BATCH} mutations per request`,
          count: PUSH_BATCHED,
          ms: batchedMs,
          goal: `≥ ${GOAL_BATCHED.toLocaleString('en-US')}/s`,
        },
        {
          label: `  baseline: raw ${BATCH}-row INSERT per statement (autocommit)`,
          count: PUSH_BATCHED,
          ms: rawBatchedMs,
        },
        {
          label: 'push, 1 mutation per request',
          count: PUSH_SINGLE,
          ms: singleMs,
          goal: `≥ ${GOAL_SINGLE.toLocaleString('en-US')}/s`,
        },
        { label: '  baseline: raw single-row INSERT (autocommit)', count: PUSH_SINGLE, ms: rawSingleMs },
      ],
      { countHeader: 'count', secondsDigits: 2 },
    );
    const batchedRate = (PUSH_BATCHED / batchedMs) * 1000;
    const singleRate = (PUSH_SINGLE / singleMs) * 1000;
    console.log(
      `\n  push/raw time ratio: batched ${(batchedMs / rawBatchedMs).toFixed(1)}×, one per request ${(singleMs / rawSingleMs).toFixed(1)}×`,
    );
    console.log(
      `  goals: batched ${batchedRate >= GOAL_BATCHED ? 'met' : 'MISSED'}, one per request ${singleRate >= GOAL_SINGLE ? 'met' : 'MISSED'}  (change-log rows now: ${changes?.n}; load average ${loadavg()[0]!.toFixed(2)})`,
    );
  } finally {
    await app?.close();
    await testDb?.cleanup();
  }
}

runBench(main);
