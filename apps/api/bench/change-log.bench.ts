/**
 * The change log at scale (issue 14 point 5): the pull query's plan and a first sync at 100,000
 * jobs and ≥ 600,000 log entries, bytes per mutation, and compaction.
 *
 *   TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test pnpm bench change-log
 *   (BENCH_LOG_JOBS, BENCH_LOG_EDITS, BENCH_ROUNDS to resize; PGlite works but takes long)
 *
 * The world: change-log-world.ts (office-world.ts's organization, its log written set-based).
 * Printed next to baselines measured in the same run on the same database:
 * - EXPLAIN (ANALYZE, BUFFERS) of one page (5,001 rows, from the middle of the log) with the
 *   previous query (`scope in (…) order by version, id`) and with the engine's (read-changes.ts);
 * - the office's and a technician's first sync through processPullJson (the engine's time up to
 *   the JSON text; no HTTP, the parse not counted), pages of 5,000, next to a raw SELECT * of the rows they receive (their jobs
 *   and the reference tables), and the previous query's time per page at three places;
 * - the change log's size (sync_changes + sync_change_rows, with indexes) per updateJobNotes pushed
 *   through processPush;
 * - compaction (services/sync-compaction): its time and batches, the table's size and entries
 *   before, after compaction + VACUUM, and whether pushes afterwards reuse the space;
 * - the office window (ADR 0040): jobs' last changes spread over 395 days up to now, the sweep's
 *   time, then the office's first sync next to a raw SELECT * of the rows it now receives (open
 *   jobs, closed ones changed in the last 90 days, the reference tables), with the sweep's
 *   tombstones still in the log and once compaction has dropped them.
 * No timing assertion; a wrong row count exits non-zero.
 */
import { randomBytes } from 'node:crypto';
import { loadavg } from 'node:os';
import { sql, type SQL } from 'drizzle-orm';
import { scopesForActor, type Actor } from '@lastmile/domain';
import { changesAfterQuery, processPullJson, processPush, queryRows, type AnyDb } from '@lastmile/sync/server';
import { pushUnitOfWork, serverMutators } from '../src/mutators/index.ts';
import { sweepOfficeWindow } from '../src/services/office-window/sweep-office-window.ts';
import { compactAllOrganizations } from '../src/services/sync-compaction/compact-all.ts';
import { describeEngine, openBenchDb, runBench } from './bench-kit.ts';
import { buildChangeLogWorld, type ChangeLogWorld } from './change-log-world.ts';

const JOBS = Number(process.env['BENCH_LOG_JOBS'] ?? 100_000);
const EDITS = Number(process.env['BENCH_LOG_EDITS'] ?? 150_000);
const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 3);
const PAGE = 5000;
const PUSHES = 20;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

function legacyPageQuery(orgId: string, scopes: string[], from: { version: number; id: number }): SQL {
  return sql`select c.version, c.id, c.scope, c.entity, c.entity_id, c.op, r.row::text as row from sync_changes c
             left join sync_change_rows r
               on c.op = 'put' and r.org_id = c.org_id and r.version = c.version and r.entity = c.entity and r.entity_id = c.entity_id
             where c.org_id = ${orgId} and c.scope in ${scopes} and (c.version, c.id) > (${from.version}, ${from.id})
             order by c.version, c.id limit ${PAGE + 1}`;
}

async function explain(db: AnyDb, query: SQL): Promise<string> {
  const rows = await queryRows<Record<string, string>>(db, sql`explain (analyze, buffers) ${query}`);
  return rows.map((r) => `    ${Object.values(r)[0]}`).join('\n');
}

/** The change log's size on disk: the entries and the rows they carry (ADR 0045), indexes included. */
async function tableBytes(db: AnyDb): Promise<number> {
  const [row] = await queryRows<{ n: string }>(
    db,
    sql`select pg_total_relation_size('sync_changes') + pg_total_relation_size('sync_change_rows') as n`,
  );
  return Number(row?.n);
}

async function entries(db: AnyDb, orgId: string): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from sync_changes where org_id = ${orgId}`,
  );
  return row?.n ?? 0;
}

/** A new device's first sync through the engine: pages until `more` is false; distinct rows held. */
async function firstSync(db: AnyDb, actor: Actor): Promise<{ ms: number; rows: number; pages: number }> {
  const clientId = `bench${randomBytes(8).toString('hex')}`;
  const held = new Set<string>();
  let cursor: string | null = null;
  let pages = 0;
  let ms = 0;
  for (;;) {
    // Timed: the server's work up to the JSON text; parsing it is the device's.
    const start = performance.now();
    const json = await processPullJson(db, actor, { schemaVersion: 1, clientId, cursor, pendingFrom: 0, limit: PAGE });
    ms += performance.now() - start;
    const page = JSON.parse(json) as {
      changes: { op: string; entity: string; id: string }[];
      cursor: string;
      more: boolean;
    };
    pages++;
    for (const c of page.changes) {
      if (c.op === 'put') held.add(`${c.entity}:${c.id}`);
      else held.delete(`${c.entity}:${c.id}`);
    }
    cursor = page.cursor;
    if (!page.more) break;
  }
  return { ms, rows: held.size, pages };
}

/** Raw SELECT * of what the actor receives: its jobs and the organization's reference rows. */
async function rawSelect(
  db: AnyDb,
  world: ChangeLogWorld,
  actor: Actor,
  windowFrom?: string,
): Promise<{ ms: number; rows: number }> {
  const start = performance.now();
  const jobs =
    actor.role !== 'office'
      ? await queryRows(db, sql`select * from jobs where org_id = ${world.orgId} and assignee_id = ${actor.userId}`)
      : windowFrom
        ? await queryRows(
            db,
            sql`select * from jobs where org_id = ${world.orgId}
                 and (status not in ('approved', 'cancelled') or updated_at >= ${windowFrom}::timestamptz)`,
          )
        : await queryRows(db, sql`select * from jobs where org_id = ${world.orgId}`);
  let rows = jobs.length;
  for (const table of ['customers', 'sites', 'users', 'teams', 'job_types']) {
    rows += (await queryRows(db, sql`select * from ${sql.identifier(table)} where org_id = ${world.orgId}`)).length;
  }
  return { ms: performance.now() - start, rows };
}

/** The previous query's time for one page at `from`, the median of three. */
async function legacyPage(db: AnyDb, world: ChangeLogWorld, scopes: string[], from: { version: number; id: number }) {
  const times: number[] = [];
  for (let i = 0; i < 3; i++) {
    const start = performance.now();
    await queryRows(db, legacyPageQuery(world.orgId, scopes, from));
    times.push(performance.now() - start);
  }
  return median(times);
}

async function pushNotes(db: AnyDb, actor: Actor, jobIds: string[], perPush: number, clientId: string, first: number) {
  for (let p = 0; p < PUSHES; p++) {
    const mutations = Array.from({ length: perPush }, (_, k) => ({
      id: first + p * perPush + k,
      name: 'updateJobNotes',
      args: { jobId: jobIds[(p * perPush + k) % jobIds.length]!, notes: `Edited on site, visit ${p}.${k}` },
      clientTime: new Date().toISOString(),
      baseVersion: 0,
    }));
    const res = await processPush(db, actor, { schemaVersion: 1, clientId, mutations }, serverMutators, {
      unitOfWork: pushUnitOfWork,
    });
    if (res.results.some((r) => r.status !== 'applied'))
      throw new Error(`a push was refused: ${JSON.stringify(res.results)}`);
  }
  return first + PUSHES * perPush;
}

async function main(): Promise<void> {
  const testDb = await openBenchDb();
  const { db } = testDb;
  try {
    console.log(
      `change-log benchmark — database: ${describeEngine(testDb)}; load average at start ${loadavg()[0]!.toFixed(2)} (2 cores)`,
    );
    let start = performance.now();
    const world = await buildChangeLogWorld(db, JOBS, EDITS);
    console.log(
      `setup: ${JOBS.toLocaleString('en-US')} jobs, ${EDITS.toLocaleString('en-US')} edits, ${world.logRows.toLocaleString('en-US')} log entries, ${mb(await tableBytes(db))} (${s(performance.now() - start)})`,
    );
    const officeScopes = scopesForActor(world.office);
    const mid = { version: Math.floor(world.version / 2), id: 0 };

    console.log(`\nOne office page of ${PAGE + 1} from version ${mid.version} — previous query:`);
    console.log(await explain(db, legacyPageQuery(world.orgId, officeScopes, mid)));
    console.log(`\nThe same page — the engine's query (read-changes.ts):`);
    console.log(await explain(db, changesAfterQuery(world.orgId, officeScopes, mid, PAGE + 1)));

    const firstSyncs = async (label: string) => {
      const office: number[] = [];
      const officeRaw: number[] = [];
      const tech: number[] = [];
      const techRaw: number[] = [];
      let shape = { office: { rows: 0, pages: 0 }, tech: { rows: 0, pages: 0 }, officeRaw: 0, techRaw: 0 };
      for (let round = 0; round <= ROUNDS; round++) {
        const o = await firstSync(db, world.office);
        const or = await rawSelect(db, world, world.office);
        const t = await firstSync(db, world.tech);
        const tr = await rawSelect(db, world, world.tech);
        if (o.rows !== or.rows) throw new Error(`the office's first sync held ${o.rows} rows, expected ${or.rows}`);
        if (t.rows !== tr.rows) throw new Error(`the technician's first sync held ${t.rows} rows, expected ${tr.rows}`);
        shape = { office: o, tech: t, officeRaw: or.rows, techRaw: tr.rows };
        if (round === 0) continue; // warm-up
        office.push(o.ms);
        officeRaw.push(or.ms);
        tech.push(t.ms);
        techRaw.push(tr.ms);
      }
      console.log(`\nFirst sync ${label} (median of ${ROUNDS} interleaved rounds after a warm-up)`);
      console.log(
        `  office:      ${s(median(office))} for ${shape.office.rows.toLocaleString('en-US')} rows in ${shape.office.pages} pages; raw SELECT * of ${shape.officeRaw.toLocaleString('en-US')} rows ${s(median(officeRaw))} → ${(median(office) / median(officeRaw)).toFixed(1)}× (goal ≤ 2×)`,
      );
      console.log(
        `  technician:  ${s(median(tech))} for ${shape.tech.rows.toLocaleString('en-US')} rows in ${shape.tech.pages} pages; raw SELECT * of ${shape.techRaw.toLocaleString('en-US')} rows ${s(median(techRaw))} → ${(median(tech) / median(techRaw)).toFixed(1)}×`,
      );
      return shape.office.pages;
    };
    const officePages = await firstSyncs('before compaction');

    const [quarter, half, threeQuarters] = [0.01, 0.5, 0.75].map((f) => ({
      version: Math.floor(world.version * f),
      id: 0,
    }));
    const legacy = [
      await legacyPage(db, world, officeScopes, quarter!),
      await legacyPage(db, world, officeScopes, half!),
      await legacyPage(db, world, officeScopes, threeQuarters!),
    ];
    console.log(
      `  previous query, one office page at the start / middle / three quarters of the log: ${legacy.map((ms) => `${ms.toFixed(0)} ms`).join(' / ')} → about ${s((legacy.reduce((a, b) => a + b) / 3) * officePages)} for the ${officePages} pages (the query alone)`,
    );

    // Bytes per mutation: updateJobNotes through the engine, on jobs of every team.
    const jobIds = (
      await queryRows<{ id: string }>(
        db,
        sql`select id from jobs where org_id = ${world.orgId} and assignee_id is not null order by number limit 5000`,
      )
    ).map((r) => r.id);
    const clientId = `bench${randomBytes(8).toString('hex')}`;
    await db.execute(sql`vacuum sync_changes, sync_change_rows`);
    let before = await tableBytes(db);
    let entriesBefore = await entries(db, world.orgId);
    let next = await pushNotes(db, world.office, jobIds, 100, clientId, 1);
    let after = await tableBytes(db);
    const perMutation = (after - before) / (PUSHES * 100);
    const entriesPerMutation = ((await entries(db, world.orgId)) - entriesBefore) / (PUSHES * 100);
    // The same number of mutations on 10 jobs per push: the flush keeps one entry per (scope, row).
    before = after;
    entriesBefore = await entries(db, world.orgId);
    const tenJobs = jobIds.slice(0, 10);
    next = await pushNotes(db, world.office, tenJobs, 100, clientId, next);
    after = await tableBytes(db);
    console.log(
      `\nChange log per updateJobNotes (${PUSHES} pushes of 100, processPush, job rows as the app writes them)`,
    );
    console.log(
      `  distinct jobs: ${entriesPerMutation.toFixed(2)} entries, ${Math.round(perMutation).toLocaleString('en-US')} bytes of change log per mutation`,
    );
    console.log(
      `  10 jobs edited 10 times per push: ${(((await entries(db, world.orgId)) - entriesBefore) / (PUSHES * 100)).toFixed(2)} entries, ${Math.round((after - before) / (PUSHES * 100)).toLocaleString('en-US')} bytes per mutation (one entry per scope and job per push)`,
    );

    // Compaction as the scheduler runs it, then VACUUM, then whether new writes reuse the space.
    const sizeBefore = await tableBytes(db);
    const entriesAtStart = await entries(db, world.orgId);
    start = performance.now();
    const run = await compactAllOrganizations(db, new Map());
    const compactMs = performance.now() - start;
    if (run === 'busy') throw new Error('another process holds the compaction lock');
    start = performance.now();
    await db.execute(sql`vacuum sync_changes, sync_change_rows`);
    const vacuumMs = performance.now() - start;
    const sizeAfterVacuum = await tableBytes(db);
    await pushNotes(db, world.office, jobIds, 100, clientId, next);
    const sizeAfterMore = await tableBytes(db);
    console.log(`\nCompaction (compactAllOrganizations, batches of 2,000 entries)`);
    console.log(
      `  ${entriesAtStart.toLocaleString('en-US')} → ${(await entries(db, world.orgId)).toLocaleString('en-US')} entries in ${s(compactMs)} (${run.batches} transactions, ${(compactMs / run.batches).toFixed(1)} ms each on average); VACUUM ${s(vacuumMs)}`,
    );
    console.log(
      `  change log: ${mb(sizeBefore)} before; ${mb(sizeAfterVacuum)} after compaction + VACUUM (freed pages stay with the table for reuse); ${mb(sizeAfterMore)} after ${PUSHES * 100} more mutations (space reused: +${mb(sizeAfterMore - sizeAfterVacuum)})`,
    );
    await db.execute(sql`vacuum full sync_changes, sync_change_rows`);
    console.log(`  VACUUM FULL (a rewrite, for the live size): ${mb(await tableBytes(db))}`);
    await db.execute(sql`analyze sync_changes, sync_change_rows`);
    await firstSyncs('after compaction');

    // The office window (ADR 0040): jobs last changed over the past 395 days (the latest today, in
    // the order of their schedule); closed ones last changed more than 90 days ago leave the office.
    await db.execute(
      sql`update jobs set updated_at = now() - ((select max(scheduled_end) from jobs where org_id = ${world.orgId}) - scheduled_end)
           where org_id = ${world.orgId}`,
    );
    console.log(`\nOffice window (90 days; load average ${loadavg()[0]!.toFixed(2)})`);
    start = performance.now();
    const swept = await sweepOfficeWindow(db);
    if (swept === 'busy') throw new Error('another process holds the office-window lock');
    console.log(
      `  sweep: ${swept.departed.toLocaleString('en-US')} jobs taken off office devices in ${s(performance.now() - start)}`,
    );
    const windowFrom = new Date(Date.now() - 90 * 86_400_000).toISOString();
    const officeWindowSyncs = async (label: string) => {
      const synced: number[] = [];
      const raw: number[] = [];
      let shape = { rows: 0, pages: 0, raw: 0 };
      for (let round = 0; round <= ROUNDS; round++) {
        const o = await firstSync(db, world.office);
        const r = await rawSelect(db, world, world.office, windowFrom);
        if (o.rows !== r.rows) throw new Error(`the office's first sync held ${o.rows} rows, expected ${r.rows}`);
        shape = { rows: o.rows, pages: o.pages, raw: r.rows };
        if (round === 0) continue;
        synced.push(o.ms);
        raw.push(r.ms);
      }
      console.log(
        `  office first sync ${label}: ${s(median(synced))} for ${shape.rows.toLocaleString('en-US')} rows in ${shape.pages} pages; raw SELECT * of the same ${shape.raw.toLocaleString('en-US')} rows ${s(median(raw))} → ${(median(synced) / median(raw)).toFixed(1)}× (goal ≤ 2×; load average ${loadavg()[0]!.toFixed(2)})`,
      );
    };
    await compactAllOrganizations(db, new Map());
    await db.execute(sql`vacuum analyze sync_changes, sync_change_rows`);
    await officeWindowSyncs("with the sweep's tombstones");
    await compactAllOrganizations(db, new Map(), { keep: { versions: 0, days: 0 } });
    await db.execute(sql`vacuum analyze sync_changes, sync_change_rows`);
    await officeWindowSyncs('once compaction dropped them');
    console.log(`\nload average at end ${loadavg()[0]!.toFixed(2)}`);
  } finally {
    await testDb.cleanup();
  }
}

runBench(main);
