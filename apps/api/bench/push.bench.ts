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
import type { AddressInfo } from 'node:net';
import { eq, sql } from 'drizzle-orm';
import { newId, workScopes } from '@lastmile/domain';
import { queryRows, writeInOrg, type AnyDb } from '@lastmile/sync/server';
import { buildApp } from '../src/app.ts';
import { hashPassword } from '../src/auth/password.ts';
import { jobs, users } from '../src/db/schema/index.ts';
import { parseEnv } from '../src/env.ts';
import { toJobRow } from '../src/services/rows.ts';
import { buildWorld, type World } from '../src/sync/test-world.ts';
import { createTestDb, type TestDb } from '../src/test/test-db.ts';

const BATCH = 100;
const PUSH_BATCHED = Number(process.env['BENCH_PUSH_BATCHED'] ?? 5000);
const PUSH_SINGLE = Number(process.env['BENCH_PUSH_SINGLE'] ?? 1000);
const JOBS = 2500;
const GOAL_BATCHED = 5000;
const GOAL_SINGLE = 500;
const PASSWORD = 'bench-password-1';

// BENCH_DATABASE_URL wins; createTestDb makes (and drops) a throwaway database on that server.
if (process.env['BENCH_DATABASE_URL']) process.env['TEST_DATABASE_URL'] = process.env['BENCH_DATABASE_URL'];

type Row = { label: string; count: number; ms: number; goal?: string };

function table(title: string, rows: Row[]): void {
  console.log(`\n${title}`);
  console.log(`  ${'measurement'.padEnd(58)} ${'count'.padStart(7)} ${'time'.padStart(9)} ${'per second'.padStart(11)}  goal`);
  for (const r of rows) {
    const rate = (r.count / r.ms) * 1000;
    console.log(`  ${r.label.padEnd(58)} ${String(r.count).padStart(7)} ${`${(r.ms / 1000).toFixed(2)} s`.padStart(9)} ${Math.round(rate).toLocaleString('en-US').padStart(11)}  ${r.goal ?? ''}`);
  }
}

/** Jobs for the technician, written in bulk with their change-log rows (buildWorld makes one at a time). */
async function addJobs(db: AnyDb, world: World, count: number): Promise<string[]> {
  const [template] = await db.select().from(jobs).where(eq(jobs.id, world.jobIds[1]!));
  if (!template) throw new Error('world has no job to copy');
  const ids: string[] = [];
  await writeInOrg(db, world.orgId, async (tx, rec) => {
    for (let i = 0; i < count; i += 1000) {
      const values = Array.from({ length: Math.min(1000, count - i) }, (_, k) => ({
        ...template,
        id: newId(),
        number: `B-${String(i + k).padStart(6, '0')}`,
        assigneeId: world.actors.tech1.userId,
        title: `Bench job ${i + k}`,
        externalRef: null,
      }));
      const inserted = await tx.insert(jobs).values(values).returning();
      for (const row of inserted) {
        ids.push(row.id);
        rec.put('jobs', toJobRow(row), workScopes({ orgId: row.orgId, teamId: row.teamId, userIds: [row.assigneeId] }));
      }
    }
  });
  return ids;
}

class Api {
  constructor(
    readonly base: string,
    private cookie = '',
    private csrf = '',
  ) {}

  async signIn(email: string, password: string): Promise<void> {
    const res = await fetch(`${this.base}/api/auth/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
    if (!res.ok) throw new Error(`sign-in failed: ${res.status} ${await res.text()}`);
    const setCookie = res.headers.getSetCookie().find((c) => c.startsWith('lm_session='));
    if (!setCookie) throw new Error('sign-in set no lm_session cookie');
    this.cookie = setCookie.split(';')[0]!;
    this.csrf = ((await res.json()) as { csrfToken: string }).csrfToken;
  }

  async post<T>(path: string, body: unknown): Promise<T> {
    const res = await fetch(`${this.base}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: this.cookie, 'x-csrf-token': this.csrf },
      body: JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${path} answered ${res.status}: ${text}`);
    return JSON.parse(text) as T;
  }
}

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
      args: { jobId: this.jobIds[this.nextJob++ % this.jobIds.length]!, notes: `note ${this.nextId} ${'x'.repeat(60)}` },
      clientTime,
      baseVersion: 0,
    }));
    const res = await this.api.post<PushResponse>('/api/sync/push', { schemaVersion: 1, clientId: this.clientId, mutations });
    const refused = res.results.find((r) => r.status !== 'applied');
    if (refused || res.lastMutationId !== this.nextId - 1) throw new Error(`push not applied: ${JSON.stringify(refused ?? res)}`);
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
      await db.execute(sql`insert into bench_raw_rows (id, org_id, number, job_type_id, customer_id, site_id, team_id, assignee_id, status, priority, scheduled_start, scheduled_end, title, notes, created_at, updated_at, updated_by) values ${sql.join(rows, sql`, `)}`);
    }
  });
  await db.execute(sql`drop table bench_raw_rows`);
  return ms;
}

async function main(): Promise<void> {
  let testDb: TestDb | null = null;
  let app: Awaited<ReturnType<typeof buildApp>> | null = null;
  try {
    const setupStart = performance.now();
    testDb = await createTestDb();
    const { db } = testDb;
    const engine = testDb.kind === 'postgres' ? `PostgreSQL (throwaway database on ${new URL(process.env['TEST_DATABASE_URL']!).host})` : 'PGlite (in-memory WASM Postgres: set TEST_DATABASE_URL for real PostgreSQL)';
    console.log(`push benchmark — database: ${engine}; load average at start ${loadavg()[0]!.toFixed(2)} (2 cores: anything above ~0.5 means other work shares the CPU)`);

    const world = await buildWorld(db, { jobCount: 2 });
    const jobIds = await addJobs(db, world, JOBS);
    const email = `bench-tech-${newId()}@bench.lastmile.app`;
    await db.update(users).set({ email, passwordHash: await hashPassword(PASSWORD) }).where(eq(users.id, world.actors.tech1.userId));

    app = await buildApp({ db, config: { ...parseEnv({}), logLevel: 'silent' }, listen: testDb.listen, logger: false });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const api = new Api(`http://127.0.0.1:${(app.server.address() as AddressInfo).port}`);
    await api.signIn(email, PASSWORD);
    console.log(`setup: ${JOBS} jobs for the technician, app on ${api.base} (${((performance.now() - setupStart) / 1000).toFixed(1)} s)`);

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
    table(`Push (${testDb.kind}, loopback HTTP, updateJobNotes by a technician)`, [
      { label: `push, ${BATCH} mutations per request`, count: PUSH_BATCHED, ms: batchedMs, goal: `≥ ${GOAL_BATCHED.toLocaleString('en-US')}/s` },
      { label: `  baseline: raw ${BATCH}-row INSERT per statement (autocommit)`, count: PUSH_BATCHED, ms: rawBatchedMs },
      { label: 'push, 1 mutation per request', count: PUSH_SINGLE, ms: singleMs, goal: `≥ ${GOAL_SINGLE.toLocaleString('en-US')}/s` },
      { label: '  baseline: raw single-row INSERT (autocommit)', count: PUSH_SINGLE, ms: rawSingleMs },
    ]);
    const batchedRate = (PUSH_BATCHED / batchedMs) * 1000;
    const singleRate = (PUSH_SINGLE / singleMs) * 1000;
    console.log(`\n  push/raw time ratio: batched ${(batchedMs / rawBatchedMs).toFixed(1)}×, one per request ${(singleMs / rawSingleMs).toFixed(1)}×`);
    console.log(`  goals: batched ${batchedRate >= GOAL_BATCHED ? 'met' : 'MISSED'}, one per request ${singleRate >= GOAL_SINGLE ? 'met' : 'MISSED'}  (change-log rows now: ${changes?.n}; load average ${loadavg()[0]!.toFixed(2)})`);
  } finally {
    await app?.close();
    await testDb?.cleanup();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
