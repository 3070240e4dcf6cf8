/**
 * Runs inside Chromium (bundled by ../idb.bench.ts). Measures the client half of the sync
 * engine on real IndexedDB, through the app's own AppDb + DexieStore + SyncClient, with a
 * transport that serves pull pages generated in memory beforehand (no network, no server: the
 * figure is the client's cost alone). Every measurement has a raw-Dexie baseline from this run.
 */
import type Dexie from 'dexie';
import type { Actor, JobMessageRow, JobRow } from '@lastmile/domain';
import { formatCursor, type PullRequest, type PullResponse } from '@lastmile/sync';
import { SyncClient, type SyncTransport } from '@lastmile/sync/client';
import type { AppDb } from '../../src/local-db/app-db.ts';
import { DexieStore } from '../../src/sync/dexie-store.ts';
import { describeError, drop, freshDb, uuid } from './page-util.ts';

export type BenchOptions = { jobs: number; answers: number; pageSize: number; rounds: number; writes: number };
export type Timing = { label: string; rows: number; ms: number };
export type BenchResult = {
  /** Set when the app's DexieStore failed; the figures were then taken with the one-line fix. */
  storeError: string | null;
  sync: { engine: number[]; raw: number[]; rawPaged: number[]; reset: number[]; rows: number; pages: number };
  writes: { engine: number[]; raw: number[] };
  userAgent: string;
};

const ORG = '0190a000-0000-7000-8000-000000000001';
const TEAM = '0190a000-0000-7000-8000-000000000002';
const TECH: Actor = { userId: '0190a000-0000-7000-8000-000000000003', orgId: ORG, role: 'technician', teamId: TEAM };

function makeJobs(count: number): JobRow[] {
  const start = Date.UTC(2026, 10, 21, 8);
  return Array.from({ length: count }, (_, i) => ({
    id: uuid(1, i),
    orgId: ORG,
    number: `J-${String(i + 1).padStart(5, '0')}`,
    jobTypeId: uuid(9, 1),
    customerId: uuid(9, 2 + (i % 50)),
    siteId: uuid(9, 100 + (i % 400)),
    teamId: TEAM,
    assigneeId: TECH.userId,
    status: 'scheduled',
    priority: 'normal',
    scheduledStart: new Date(start + i * 3_600_000).toISOString(),
    scheduledEnd: new Date(start + (i + 1) * 3_600_000).toISOString(),
    title: `Job ${i}: replace the filter unit and check the pressure`,
    notes: 'Customer asked for a call 30 minutes before arrival. Gate code 4411.',
    statusReason: null,
    handoffNote: null,
    externalRef: null,
    updatedAt: new Date(start).toISOString(),
    updatedBy: null,
  }));
}

/**
 * Stand-ins for form answers (there is no answers table yet): jobMessages rows, the closest
 * existing entity in shape and size (id, org, job id, author, kind, a short text, a timestamp;
 * one compound index [jobId+createdAt], as an answers table keyed by job would have).
 */
function makeAnswers(count: number, jobs: JobRow[]): JobMessageRow[] {
  const start = Date.UTC(2026, 10, 21, 8);
  return Array.from({ length: count }, (_, i) => ({
    id: uuid(2, i),
    orgId: ORG,
    jobId: jobs[i % jobs.length]!.id,
    authorId: TECH.userId,
    kind: 'message',
    body: `Answer ${i % 10}: pressure 2.${i % 10} bar, ok`,
    createdAt: new Date(start + i * 1000).toISOString(),
  }));
}

/** The pages a server would send for a first sync: jobs first, then answers, `pageSize` changes each. */
function makePages(jobs: JobRow[], answers: JobMessageRow[], pageSize: number): PullResponse[] {
  const changes: PullResponse['changes'] = [
    ...jobs.map((row) => ({ op: 'put' as const, entity: 'jobs' as const, id: row.id, row })),
    ...answers.map((row) => ({ op: 'put' as const, entity: 'jobMessages' as const, id: row.id, row })),
  ];
  const pages: PullResponse[] = [];
  for (let i = 0; i < changes.length; i += pageSize) {
    const slice = changes.slice(i, i + pageSize);
    pages.push({
      reset: i === 0,
      changes: slice,
      cursor: formatCursor(1, i + slice.length, 'abcdef01'),
      more: i + pageSize < changes.length,
      lastMutationId: 0,
      refused: [],
    });
  }
  return pages;
}

function memoryTransport(pages: PullResponse[]): SyncTransport {
  return {
    push: () => Promise.reject(new Error('the benchmark transport does not push')),
    pull: (req: PullRequest) => {
      const index = req.cursor === null ? 0 : pages.findIndex((p) => p.cursor === req.cursor) + 1;
      const page = pages[index];
      return page ? Promise.resolve(page) : Promise.reject(new Error(`no page after cursor ${req.cursor}`));
    },
  };
}

/**
 * The app's DexieStore passes a plain (non-async) arrow to db.transaction, so Dexie does not
 * keep the transaction zone across the engine's native awaits and rejects with
 * PrematureCommitError after the work has committed. This variant differs only in making that
 * scope function `async`; it is used for the figures when the app's store fails the probe.
 */
function asyncScopeStore(db: AppDb): DexieStore {
  const store = new DexieStore(db);
  const internals = store as unknown as { db: AppDb; tables(): Dexie.Table[]; storeTx(): unknown };
  (store as { transact: DexieStore['transact'] }).transact = (fn) =>
    internals.db.transaction('rw', internals.tables(), async () => fn(internals.storeTx() as never));
  return store;
}

let useFixedStore = false;

function newClient(db: AppDb, pages: PullResponse[], pageSize: number): SyncClient {
  return new SyncClient({
    store: useFixedStore ? asyncScopeStore(db) : new DexieStore(db),
    transport: memoryTransport(pages),
    context: () => ({ actor: TECH, now: new Date().toISOString() }),
    pullLimit: pageSize,
  });
}

/**
 * The engine's pull of all pages into a fresh database (a first sync), or, with `held`, a reset
 * over a device that already holds them and 1,000 jobs the reset no longer delivers (a team
 * change): the rows stay until the last page, then the ones no page delivered are swept
 * (ADR 0048). Only the reset is timed.
 */
async function engineSync(pages: PullResponse[], options: BenchOptions, held = false): Promise<number> {
  const db = await freshDb();
  try {
    const client = newClient(db, pages, options.pageSize);
    if (held) {
      await client.pullAll();
      await db.jobs.bulkPut(makeJobs(options.jobs + 1000).slice(options.jobs));
      await db._meta.toCollection().modify((m) => {
        m.value = { ...m.value, cursor: null };
      });
    }
    const start = performance.now();
    await client.pullAll();
    const ms = performance.now() - start;
    const [jobs, answers] = await Promise.all([db.jobs.count(), db.jobMessages.count()]);
    if (jobs !== options.jobs || answers !== options.answers)
      throw new Error(`engine sync stored ${jobs} jobs and ${answers} answers`);
    return ms;
  } finally {
    await drop(db);
  }
}

async function rawBulkPut(jobs: JobRow[], answers: JobMessageRow[], pageSize: number | null): Promise<number> {
  const db = await freshDb();
  try {
    const start = performance.now();
    if (pageSize === null) {
      await db.jobs.bulkPut(jobs);
      await db.jobMessages.bulkPut(answers);
    } else {
      for (let i = 0; i < jobs.length; i += pageSize) await db.jobs.bulkPut(jobs.slice(i, i + pageSize));
      for (let i = 0; i < answers.length; i += pageSize) await db.jobMessages.bulkPut(answers.slice(i, i + pageSize));
    }
    const ms = performance.now() - start;
    if ((await db.jobs.count()) !== jobs.length || (await db.jobMessages.count()) !== answers.length)
      throw new Error('raw bulkPut lost rows');
    return ms;
  } finally {
    await drop(db);
  }
}

/** `SyncClient.mutate` (optimistic row + shadow + outbox + meta in one transaction) vs a raw put. */
async function writeLatency(
  pages: PullResponse[],
  jobs: JobRow[],
  options: BenchOptions,
): Promise<{ engine: number[]; raw: number[] }> {
  const db = await freshDb();
  try {
    const client = newClient(db, pages, options.pageSize);
    await client.pullAll();
    const engine: number[] = [];
    const raw: number[] = [];
    for (let i = 0; i < 20; i++) await client.mutate('updateJobNotes', { jobId: jobs[i]!.id, notes: `warm-up ${i}` });
    for (let i = 0; i < options.writes; i++) {
      const job = jobs[(i * 37) % jobs.length]!;
      let start = performance.now();
      await client.mutate('updateJobNotes', { jobId: job.id, notes: `Visit ${i}: replaced the filter, pressure ok` });
      engine.push(performance.now() - start);
      start = performance.now();
      await db.jobs.put({ ...job, notes: `Raw ${i}` });
      raw.push(performance.now() - start);
    }
    const outbox = await db._outbox.count();
    if (outbox !== options.writes + 20)
      throw new Error(`outbox holds ${outbox} entries, expected ${options.writes + 20}`);
    return { engine, raw };
  } finally {
    await drop(db);
  }
}

async function run(options: BenchOptions): Promise<BenchResult> {
  const jobs = makeJobs(options.jobs);
  const answers = makeAnswers(options.answers, jobs);
  const pages = makePages(jobs, answers, options.pageSize);
  const log = (text: string) => console.log(text);
  const result: BenchResult = {
    storeError: null,
    sync: { engine: [], raw: [], rawPaged: [], reset: [], rows: jobs.length + answers.length, pages: pages.length },
    writes: { engine: [], raw: [] },
    userAgent: navigator.userAgent,
  };
  // Probe the app's own store first: pull, then a few local writes.
  try {
    const db = await freshDb();
    try {
      const client = newClient(
        db,
        pages.slice(0, 2).map((p, i) => ({ ...p, more: i === 0 })),
        options.pageSize,
      );
      await client.pullAll();
      for (let i = 0; i < 5; i++) await client.mutate('updateJobNotes', { jobId: jobs[i]!.id, notes: `probe ${i}` });
    } finally {
      await drop(db);
    }
    log('app DexieStore: pull and mutate work');
  } catch (error) {
    result.storeError = `${(error as Error).name}: ${(error as Error).message}`;
    useFixedStore = true;
    log(`FUNCTIONAL ERROR in the app's DexieStore: ${result.storeError}; measuring with the async-scope fix instead`);
  }
  // ABBA order per round so drift (disk cache, GC) does not favour either side.
  for (let round = 0; round < options.rounds; round++) {
    const raw1 = await rawBulkPut(jobs, answers, null);
    const engine1 = await engineSync(pages, options);
    const engine2 = await engineSync(pages, options);
    const raw2 = await rawBulkPut(jobs, answers, null);
    const paged = await rawBulkPut(jobs, answers, options.pageSize);
    const reset = await engineSync(pages, options, true);
    result.sync.raw.push(raw1, raw2);
    result.sync.engine.push(engine1, engine2);
    result.sync.rawPaged.push(paged);
    result.sync.reset.push(reset);
    log(
      `round ${round + 1}: raw ${raw1.toFixed(0)}/${raw2.toFixed(0)} ms, engine ${engine1.toFixed(0)}/${engine2.toFixed(0)} ms, raw paged ${paged.toFixed(0)} ms, reset over held rows ${reset.toFixed(0)} ms`,
    );
  }
  result.writes = await writeLatency(pages, jobs, options);
  return result;
}

declare global {
  interface Window {
    lmBench: { run: (options: BenchOptions) => Promise<BenchResult> };
  }
}
window.lmBench = {
  run: (options) =>
    run(options).catch((error: unknown) => {
      throw describeError(error);
    }),
};
