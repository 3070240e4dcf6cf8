/**
 * Push throughput over loopback HTTP against the real Fastify app, next to a set-based raw
 * baseline of the same writes measured in the same run on the same database (issue 14 point 1).
 *
 *   pnpm bench push                      (PGlite in memory)
 *   TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test pnpm bench push
 *
 * A technician pushes `updateJobNotes` over their own jobs: PUSH_BATCHED mutations in requests
 * of 100, PUSH_SINGLE mutations one per request, PUSH_CONCURRENT one per request from PHONES
 * phones at once, and PUSH_BATCHED again in requests of 100 from BATCH_PHONES phones at once (each
 * its own client; pushes that queue behind the organization's lock then share a transaction,
 * ADR 0044). Each push alone is one transaction (client row,
 * device check, organization lock, jobs locked, permission check, the notes written, audit
 * entries, version bump + change-log rows + NOTIFY).
 * Baseline: the same notes updates in the same batches, one transaction each holding ONE
 * statement: `update jobs … from (values …)` plus the equivalent change log (the job's row once as
 * jsonb, an entry under each of its 3 scopes, into copies of the log's tables) and a version bump.
 * The phones-at-once baseline runs as many writers at once, one transaction each.
 * Push and baseline alternate in ROUNDS rounds, so load from other work hits both alike.
 * On PostgreSQL it also counts the statements each push sends (session check included).
 * No timing assertion; a functional error (non-2xx, a refused mutation) exits non-zero.
 */
import { randomBytes } from 'node:crypto';
import { loadavg } from 'node:os';
import { sql } from 'drizzle-orm';
import { workScopes } from '@lastmile/domain';
import { queryRows, type AnyDb } from '@lastmile/sync/server';
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
  StatementCounter,
  table,
  type BenchApp,
} from './bench-kit.ts';

const BATCH = 100;
const PUSH_BATCHED = Number(process.env['BENCH_PUSH_BATCHED'] ?? 5000);
const PUSH_SINGLE = Number(process.env['BENCH_PUSH_SINGLE'] ?? 1000);
const ROUNDS = 5;
/** Phones pushing one mutation per request at once (and as many baseline writers at once). */
const PHONES = Number(process.env['BENCH_PUSH_PHONES'] ?? 16);
const PUSH_CONCURRENT = Number(process.env['BENCH_PUSH_CONCURRENT'] ?? 3200);
/** Phones pushing batches of BATCH at once (a crew's phones back in signal with queued work). */
const BATCH_PHONES = Number(process.env['BENCH_PUSH_BATCH_PHONES'] ?? 4);
const JOBS = 2500;
const GOAL_BATCHED = 5000;
const GOAL_SINGLE = 800;

type PushResponse = { lastMutationId: number; results: { id: number; status: string; reason?: string }[] };

/** Hands out the technician's jobs round-robin, with a fresh note for each write. */
class Notes {
  private nextJob = 0;
  private n = 0;
  constructor(private readonly jobIds: string[]) {}

  take(size: number): { jobId: string; notes: string }[] {
    return Array.from({ length: size }, () => ({
      jobId: this.jobIds[this.nextJob++ % this.jobIds.length]!,
      notes: `note ${this.n++} ${'x'.repeat(60)}`,
    }));
  }
}

class Pusher {
  readonly clientId = `bench${randomBytes(8).toString('hex')}`;
  private nextId = 1;
  constructor(
    private readonly api: Api,
    private readonly notes: Notes,
  ) {}

  async push(size: number): Promise<void> {
    const clientTime = new Date().toISOString();
    const mutations = this.notes.take(size).map((args) => ({
      id: this.nextId++,
      name: 'updateJobNotes',
      args,
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

/**
 * The set-based baseline: the same notes updates, one transaction and ONE statement per batch —
 * the jobs updated from a VALUES list, the version bumped, each updated row logged once as jsonb and
 * an entry under each of the job's 3 scopes (into copies of sync_change_rows and sync_changes, so
 * the app's log is not touched: the layout of ADR 0045).
 */
class RawNotes {
  private constructor(
    private readonly db: AnyDb,
    private readonly world: World,
    private readonly notes: Notes,
    private readonly scopes: string,
  ) {}

  static async create(db: AnyDb, world: World, notes: Notes): Promise<RawNotes> {
    await db.execute(sql`create table bench_raw_changes (like sync_changes including defaults including indexes)`);
    await db.execute(
      sql`create table bench_raw_change_rows (like sync_change_rows including defaults including indexes)`,
    );
    await db.execute(sql`create table bench_raw_version (version bigint not null)`);
    await db.execute(sql`insert into bench_raw_version values (0)`);
    const { tech1 } = world.actors;
    const scopes = workScopes({ orgId: world.orgId, teamId: tech1.teamId, userIds: [tech1.userId] });
    return new RawNotes(db, world, notes, `{${scopes.join(',')}}`);
  }

  async write(size: number): Promise<void> {
    const values = this.notes.take(size).map(({ jobId, notes }) => sql`(${jobId}::uuid, ${notes})`);
    await this.db.transaction(async (tx) => {
      await tx.execute(sql`
        with u as (
          update jobs set notes = v.notes, updated_at = now(), updated_by = ${this.world.actors.tech1.userId}
          from (values ${sql.join(values, sql`, `)}) as v(id, notes)
          where jobs.id = v.id
          returning jobs.*
        ), ver as (
          update bench_raw_version set version = version + 1 returning version
        )
        , rw as (
          insert into bench_raw_change_rows (org_id, version, entity, entity_id, row)
          select u.org_id, ver.version, 'jobs', u.id, to_jsonb(u) from u, ver
        )
        insert into bench_raw_changes (org_id, version, scope, entity, entity_id, op)
        select u.org_id, ver.version, s.scope, 'jobs', u.id, 'put'
        from u, ver, unnest(${this.scopes}::text[]) as s(scope)`);
    });
  }

  async drop(): Promise<void> {
    await this.db.execute(sql`drop table bench_raw_changes, bench_raw_change_rows, bench_raw_version`);
  }
}

type Totals = { pushMs: number; rawMs: number; statements: number | null; floorMs: number };

/**
 * `total` writes in pushes of `size` by several phones at once (each its own client, each waiting
 * for its answer before its next push), and by as many baseline writers at once, alternating in
 * ROUNDS rounds.
 */
async function concurrent(
  total: number,
  size: number,
  pushers: Pusher[],
  raw: RawNotes,
): Promise<Totals & { count: number }> {
  const perWriter = Math.ceil(total / ROUNDS / pushers.length / size);
  const each = (write: (i: number) => Promise<void>) =>
    Promise.all(
      pushers.map(async (_, i) => {
        for (let k = 0; k < perWriter; k++) await write(i);
      }),
    );
  const totals = {
    pushMs: 0,
    rawMs: 0,
    statements: null,
    floorMs: 0,
    count: perWriter * size * pushers.length * ROUNDS,
  };
  for (let round = 0; round < ROUNDS; round++) {
    totals.pushMs += await time(() => each((i) => pushers[i]!.push(size)).then(() => undefined));
    totals.rawMs += await time(() => each(() => raw.write(size)).then(() => undefined));
  }
  return totals;
}

/**
 * `total` writes in batches of `size`, push and raw alternating in ROUNDS rounds; with `floor`,
 * also as many of those calls per round (one per push), timed the same way.
 */
async function interleaved(
  total: number,
  size: number,
  pusher: Pusher,
  raw: RawNotes,
  counter: StatementCounter | null,
  floor?: () => Promise<void>,
): Promise<Totals> {
  const totals: Totals = { pushMs: 0, rawMs: 0, statements: counter ? 0 : null, floorMs: 0 };
  const perRound = Math.ceil(total / ROUNDS);
  for (let done = 0; done < total; done += perRound) {
    const n = Math.min(perRound, total - done);
    const pushes = async () => {
      for (let i = 0; i < n; i += size) await pusher.push(Math.min(size, n - i));
    };
    const pushMs = await time(async () => {
      if (counter) totals.statements! += await counter.measure(pushes);
      else await pushes();
    });
    totals.pushMs += pushMs;
    totals.rawMs += await time(async () => {
      for (let i = 0; i < n; i += size) await raw.write(Math.min(size, n - i));
    });
    if (floor) {
      totals.floorMs += await time(async () => {
        for (let i = 0; i < n; i += size) await floor();
      });
    }
  }
  return totals;
}

async function main(): Promise<void> {
  let testDb: TestDb | null = null;
  let app: BenchApp | null = null;
  try {
    const setupStart = performance.now();
    testDb = await openBenchDb();
    const { db } = testDb;
    const counter = StatementCounter.install(testDb);
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

    // Push and baseline write the same jobs in the same order, so both see the same table.
    const notes = new Notes(jobIds);
    const raw = await RawNotes.create(db, world, notes);
    // Warm up both paths (JIT, connection pool, plan cache) before timing anything.
    const warm = new Pusher(api, notes);
    for (let i = 0; i < 5; i++) await warm.push(BATCH);
    for (let i = 0; i < 50; i++) await warm.push(1);
    for (let i = 0; i < 5; i++) await raw.write(BATCH);
    for (let i = 0; i < 50; i++) await raw.write(1);

    const batched = await interleaved(PUSH_BATCHED, BATCH, new Pusher(api, notes), raw, counter);
    // The floor under a push of one: a signed-in request that does nothing but check its session.
    const signedInRequest = () => api.get('/api/auth/me').then(() => undefined);
    for (let i = 0; i < 50; i++) await signedInRequest();
    const single = await interleaved(PUSH_SINGLE, 1, new Pusher(api, notes), raw, counter, signedInRequest);
    const phones = Array.from({ length: PHONES }, () => new Pusher(api, notes));
    const atOnce = await concurrent(PUSH_CONCURRENT, 1, phones, raw);
    const batchPhones = Array.from({ length: BATCH_PHONES }, () => new Pusher(api, notes));
    const batchedAtOnce = await concurrent(PUSH_BATCHED, BATCH, batchPhones, raw);
    await raw.drop();

    const [changes] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from sync_changes`);
    table(
      `Push (${testDb.kind}, loopback HTTP, updateJobNotes by a technician; push and baseline alternating in ${ROUNDS} rounds)`,
      [
        {
          label: `push, ${BATCH} mutations per request`,
          count: PUSH_BATCHED,
          ms: batched.pushMs,
          goal: `≥ ${GOAL_BATCHED.toLocaleString('en-US')}/s, ≤ 2× baseline`,
        },
        { label: `  baseline: one set-based statement per ${BATCH} (+ log)`, count: PUSH_BATCHED, ms: batched.rawMs },
        {
          label: 'push, 1 mutation per request',
          count: PUSH_SINGLE,
          ms: single.pushMs,
          goal: `≥ ${GOAL_SINGLE.toLocaleString('en-US')}/s, ≤ 2× baseline`,
        },
        { label: '  baseline: one statement per transaction (+ log)', count: PUSH_SINGLE, ms: single.rawMs },
        { label: '  floor: a signed-in request doing nothing', count: PUSH_SINGLE, ms: single.floorMs },
        {
          label: `push, 1 mutation per request, ${PHONES} phones at once`,
          count: atOnce.count,
          ms: atOnce.pushMs,
          goal: `≥ ${GOAL_SINGLE.toLocaleString('en-US')}/s, ≤ 2× baseline`,
        },
        {
          label: `  baseline: one statement per transaction, ${PHONES} at once`,
          count: atOnce.count,
          ms: atOnce.rawMs,
        },
        {
          label: `push, ${BATCH} per request, ${BATCH_PHONES} phones at once`,
          count: batchedAtOnce.count,
          ms: batchedAtOnce.pushMs,
          goal: `≥ ${GOAL_BATCHED.toLocaleString('en-US')}/s, ≤ 2× baseline`,
        },
        {
          label: `  baseline: one set-based statement per ${BATCH}, ${BATCH_PHONES} at once`,
          count: batchedAtOnce.count,
          ms: batchedAtOnce.rawMs,
        },
      ],
      { countHeader: 'count', secondsDigits: 2 },
    );
    const batchedRate = (PUSH_BATCHED / batched.pushMs) * 1000;
    const singleRate = (PUSH_SINGLE / single.pushMs) * 1000;
    const concurrentRate = (atOnce.count / atOnce.pushMs) * 1000;
    const batchedAtOnceRate = (batchedAtOnce.count / batchedAtOnce.pushMs) * 1000;
    const perPush = (t: Totals, pushes: number) =>
      t.statements === null ? 'not counted on PGlite' : (t.statements / pushes).toFixed(1);
    console.log(
      `\n  push/baseline time ratio: batched ${(batched.pushMs / batched.rawMs).toFixed(1)}×, one per request ${(single.pushMs / single.rawMs).toFixed(1)}×, ${PHONES} phones at once ${(atOnce.pushMs / atOnce.rawMs).toFixed(1)}×, batched from ${BATCH_PHONES} at once ${(batchedAtOnce.pushMs / batchedAtOnce.rawMs).toFixed(1)}×`,
    );
    // A push of one is at least a signed-in request plus a transaction with the baseline's write.
    const floorRatio = (single.floorMs + single.rawMs) / single.rawMs;
    console.log(
      `  one per request, floor (signed-in request + the baseline's transaction): ${((single.floorMs + single.rawMs) / PUSH_SINGLE).toFixed(2)} ms per push = ${floorRatio.toFixed(1)}× baseline, ${Math.round((PUSH_SINGLE / (single.floorMs + single.rawMs)) * 1000).toLocaleString('en-US')}/s at most; the push: ${(single.pushMs / PUSH_SINGLE).toFixed(2)} ms`,
    );
    console.log(
      `  statements per push (session check and device contact included): batched ${perPush(batched, PUSH_BATCHED / BATCH)}, one per request ${perPush(single, PUSH_SINGLE)}`,
    );
    console.log(
      `  goals: batched ${batchedRate >= GOAL_BATCHED ? 'met' : 'MISSED'} from one phone, ${batchedAtOnceRate >= GOAL_BATCHED ? 'met' : 'MISSED'} from ${BATCH_PHONES}, one per request ${singleRate >= GOAL_SINGLE ? 'met' : 'MISSED'} from one phone, ${concurrentRate >= GOAL_SINGLE ? 'met' : 'MISSED'} from ${PHONES}  (change-log rows now: ${changes?.n}; load average ${loadavg()[0]!.toFixed(2)})`,
    );
  } finally {
    await app?.close();
    await testDb?.cleanup();
  }
}

runBench(main);
