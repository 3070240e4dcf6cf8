/**
 * Pull throughput of an initial sync over loopback HTTP against the real Fastify app, next to raw
 * SELECT baselines measured in the same run on the same database.
 *
 *   pnpm bench pull                      (PGlite in memory)
 *   TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test pnpm bench pull
 *
 * A technician with PULL_JOBS assigned jobs (written in chunks of 500 per transaction, with their
 * change-log rows for the org, team and user scopes, as createJob records them) plus HISTORY
 * later note edits pushed through the app, signs in on a new device and pulls from a null cursor
 * in pages of 5,000 (the client's default) until `more` is false. Rows = distinct rows the
 * client ends up with. Baselines: one raw SELECT of the same jobs from the jobs table, and the
 * same keyset query on sync_changes paged the same way but without HTTP, JSON or the engine.
 * No timing assertion; a wrong row count or a non-2xx exits non-zero.
 */
import { randomBytes } from 'node:crypto';
import { loadavg } from 'node:os';
import { sql } from 'drizzle-orm';
import { scopesForActor } from '@lastmile/domain';
import { queryRows as rows } from '@lastmile/sync/server';
import { buildWorld } from '../src/sync/test-world.ts';
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

const PULL_JOBS = Number(process.env['BENCH_PULL_JOBS'] ?? 10_000);
const HISTORY = 1000;
const PAGE = 5000;
const RUNS = 3;
const GOAL = 30_000;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

type PullResponse = {
  reset: boolean;
  changes: { op: string; entity: string; id: string }[];
  cursor: string;
  more: boolean;
};

/** What a new device does: pull from a null cursor until caught up, keeping the last state of each row. */
async function initialSync(
  api: Api,
): Promise<{ ms: number; rows: Map<string, string>; pages: number; changes: number }> {
  const clientId = `bench${randomBytes(8).toString('hex')}`;
  const rows = new Map<string, string>();
  let cursor: string | null = null;
  let pages = 0;
  let changes = 0;
  const start = performance.now();
  for (;;) {
    const res: PullResponse = await api.post<PullResponse>('/api/sync/pull', {
      schemaVersion: 1,
      clientId,
      cursor,
      pendingFrom: 1,
      limit: PAGE,
    });
    pages++;
    changes += res.changes.length;
    for (const c of res.changes) {
      if (c.op === 'put') rows.set(`${c.entity}:${c.id}`, c.entity);
      else rows.delete(`${c.entity}:${c.id}`);
    }
    cursor = res.cursor;
    if (!res.more) break;
  }
  return { ms: performance.now() - start, rows, pages, changes };
}

async function main(): Promise<void> {
  let testDb: TestDb | null = null;
  let app: BenchApp | null = null;
  try {
    const setupStart = performance.now();
    testDb = await openBenchDb();
    const { db } = testDb;
    console.log(
      `pull benchmark — database: ${describeEngine(testDb)}; load average at start ${loadavg()[0]!.toFixed(2)} (2 cores)`,
    );

    const world = await buildWorld(db, { jobCount: 2 });
    const tech = world.actors.tech1;
    // Jobs for the technician in bulk, 500 per transaction.
    const jobIds = await addTechJobs(db, world, PULL_JOBS, {
      perTransaction: 500,
      perInsert: 500,
      fields: (n) => ({
        title: `Bench job ${n}: replace the filter unit and check the pressure`,
        notes: 'Customer asked for a call 30 minutes before arrival. Gate code 4411.',
      }),
    });
    const login = await benchLogin(db, tech.userId);

    app = await startBenchApp(testDb);
    const api = Api.forApp(app);
    await api.signIn(login);

    // History: later edits on the same jobs, through the real push path (as the log looks in use).
    const pushClient = `bench${randomBytes(8).toString('hex')}`;
    for (let i = 0; i < HISTORY; i += 100) {
      const mutations = Array.from({ length: 100 }, (_, k) => ({
        id: i + k + 1,
        name: 'updateJobNotes',
        args: { jobId: jobIds[((i + k) * 7) % jobIds.length]!, notes: `Edited on site, visit ${i + k}` },
        clientTime: new Date().toISOString(),
        baseVersion: 0,
      }));
      await api.post('/api/sync/push', { schemaVersion: 1, clientId: pushClient, mutations });
    }
    await db.execute(sql`analyze`);
    const scopes = scopesForActor(tech);
    const [logRows] = await rows<{ n: number }>(
      db,
      sql`select count(*)::int as n from sync_changes where org_id = ${world.orgId} and scope in ${scopes}`,
    );
    console.log(
      `setup: ${PULL_JOBS.toLocaleString('en-US')} jobs + ${HISTORY} note edits; ${logRows?.n.toLocaleString('en-US')} change-log rows in the technician's scopes (${((performance.now() - setupStart) / 1000).toFixed(1)} s)`,
    );

    // Expected result: every job of the technician, the organization's reference rows, and the
    // customers and sites of the technician's jobs (they follow the jobs, ADR 0037).
    const [refRows] = await rows<{ n: number }>(
      db,
      sql`select count(distinct (entity, entity_id))::int as n from sync_changes where org_id = ${world.orgId} and scope = ${scopes[0]!}`,
    );
    const [followers] = await rows<{ n: number }>(
      db,
      sql`select (count(distinct customer_id) + count(distinct site_id))::int as n from jobs
          where org_id = ${world.orgId} and assignee_id = ${tech.userId}`,
    );
    const expected = PULL_JOBS + 1 + (refRows?.n ?? 0) + (followers?.n ?? 0); // + the world's own job of tech1

    await initialSync(api); // warm-up
    const runs = [];
    for (let i = 0; i < RUNS; i++) {
      const run = await initialSync(api);
      if (run.rows.size !== expected)
        throw new Error(`initial sync delivered ${run.rows.size} rows, expected ${expected}`);
      runs.push(run);
    }
    const ours = median(runs.map((r) => r.ms));
    const { pages, changes } = runs[0]!;

    const rawJobs: number[] = [];
    const rawLog: number[] = [];
    let rawLogRows = 0;
    for (let i = 0; i < RUNS + 1; i++) {
      let start = performance.now();
      const selected = await rows<{ id: string }>(
        db,
        sql`select * from jobs where org_id = ${world.orgId} and assignee_id = ${tech.userId}`,
      );
      if (i > 0) rawJobs.push(performance.now() - start);
      if (selected.length !== PULL_JOBS + 1) throw new Error(`raw select found ${selected.length} jobs`);
      start = performance.now();
      let from = { version: 0, id: 0 };
      rawLogRows = 0;
      for (;;) {
        const page = await rows<{ version: number; id: number }>(
          db,
          sql`select c.version, c.id, c.scope, c.entity, c.entity_id, c.op, r.row from sync_changes c
              left join sync_change_rows r
                on c.op = 'put' and r.org_id = c.org_id and r.version = c.version and r.entity = c.entity and r.entity_id = c.entity_id
              where c.org_id = ${world.orgId} and c.scope in ${scopes} and (c.version, c.id) > (${from.version}, ${from.id})
              order by c.version, c.id limit ${PAGE + 1}`,
        );
        const kept = page.slice(0, PAGE);
        rawLogRows += kept.length;
        if (page.length <= PAGE) break;
        from = { version: Number(kept.at(-1)!.version), id: Number(kept.at(-1)!.id) };
      }
      if (i > 0) rawLog.push(performance.now() - start);
    }

    table(
      `Pull: initial sync of a technician (${testDb.kind}, loopback HTTP, pages of ${PAGE}), median of ${RUNS}`,
      [
        {
          label: `initial sync, ${pages} pages, ${changes.toLocaleString('en-US')} changes → distinct rows`,
          count: expected,
          ms: ours,
          goal: `≥ ${GOAL.toLocaleString('en-US')} rows/s`,
        },
        { label: '  baseline: raw SELECT * of the same jobs (one query)', count: PULL_JOBS + 1, ms: median(rawJobs) },
        {
          label: `  baseline: raw keyset SELECT of the change log (${PAGE}/page)`,
          count: rawLogRows,
          ms: median(rawLog),
        },
      ],
      { countHeader: 'rows', secondsDigits: 3 },
    );
    const rate = (expected / ours) * 1000;
    console.log(
      `\n  pull/raw-log time ratio ${(ours / median(rawLog)).toFixed(1)}×; runs: ${runs.map((r) => `${r.ms.toFixed(0)} ms`).join(', ')}`,
    );
    console.log(`  goal ${rate >= GOAL ? 'met' : 'MISSED'} (load average ${loadavg()[0]!.toFixed(2)})`);
  } finally {
    await app?.close();
    await testDb?.cleanup();
  }
}

runBench(main);
