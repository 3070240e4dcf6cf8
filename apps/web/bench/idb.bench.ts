/**
 * Client-side sync benchmarks in real Chromium (IndexedDB), next to raw Dexie baselines measured
 * in the same page in the same run:
 *   1. initial sync of 10,000 jobs + 100,000 answer-sized rows through AppDb + DexieStore +
 *      SyncClient.pullAll (pages served from memory inside the page) vs a raw Dexie bulkPut of
 *      the same rows; goal ≤ 1.5× the raw time;
 *      and the same pages as a reset over a device that holds them (marks + sweep, ADR 0048),
 *      next to that first sync;
 *   2. local write latency of SyncClient.mutate (optimistic row + shadow + outbox + meta in one
 *      transaction) over 500 writes vs a raw single-row put; goal p95 ≤ 16 ms.
 *
 *   pnpm bench idb          (CHROMIUM_PATH overrides /usr/bin/chromium)
 *
 * The page code (page/idb-page.ts) is bundled with Vite into a temporary directory and served
 * from 127.0.0.1 (IndexedDB needs an http origin). No timing assertion; a functional error
 * (rows missing, outbox wrong) exits non-zero.
 */
import { loadavg } from 'node:os';
import { median, percentile, withBenchPage } from './chromium-bench.ts';
import type { BenchOptions, BenchResult } from './page/idb-page.ts';

const OPTIONS: BenchOptions = {
  jobs: Number(process.env['BENCH_IDB_JOBS'] ?? 10_000),
  answers: Number(process.env['BENCH_IDB_ANSWERS'] ?? 100_000),
  pageSize: 5000,
  rounds: Number(process.env['BENCH_IDB_ROUNDS'] ?? 2),
  writes: 500,
};
const GOAL_RATIO = 1.5;
const GOAL_P95_MS = 16;

function report(r: BenchResult): void {
  const { sync, writes } = r;
  const store = r.storeError ? 'DexieStore + async-scope fix' : 'DexieStore';
  const raw = median(sync.raw);
  const ours = median(sync.engine);
  const paged = median(sync.rawPaged);
  const rate = (ms: number) => Math.round((sync.rows / ms) * 1000).toLocaleString('en-US');
  const line = (label: string, ms: number, extra: string) =>
    console.log(
      `  ${label.padEnd(62)} ${`${(ms / 1000).toFixed(2)} s`.padStart(8)} ${rate(ms).padStart(9)} rows/s  ${extra}`,
    );
  console.log(
    `\nInitial sync into IndexedDB: ${OPTIONS.jobs.toLocaleString('en-US')} jobs + ${OPTIONS.answers.toLocaleString('en-US')} answers (jobMessages rows stand in for answers: same shape class, one compound index), ${sync.pages} pages of ${OPTIONS.pageSize}; median of ${sync.engine.length}`,
  );
  line(
    `SyncClient.pullAll → ${store} (memory transport)`,
    ours,
    `${(ours / raw).toFixed(2)}× raw   goal ≤ ${GOAL_RATIO}× raw`,
  );
  line('  baseline: raw Dexie bulkPut, one call per table', raw, '1.00×');
  line(`  baseline: raw Dexie bulkPut in ${OPTIONS.pageSize}-row calls`, paged, `${(paged / raw).toFixed(2)}× raw`);
  const reset = median(sync.reset);
  line(
    'the same pages as a reset over a device holding them (ADR 0048)',
    reset,
    `${(reset / ours).toFixed(2)}× the first sync (rows kept until the last page, then 1,000 swept)`,
  );
  console.log(
    `  all runs (ms): engine ${sync.engine.map((x) => x.toFixed(0)).join(', ')}; raw ${sync.raw.map((x) => x.toFixed(0)).join(', ')}; raw paged ${sync.rawPaged.map((x) => x.toFixed(0)).join(', ')}; reset over held rows ${sync.reset.map((x) => x.toFixed(0)).join(', ')}`,
  );

  const fmt = (xs: number[]) =>
    `p50 ${median(xs).toFixed(2)} ms   p95 ${percentile(xs, 95).toFixed(2)} ms   max ${Math.max(...xs).toFixed(2)} ms`;
  console.log(
    `\nLocal write latency, ${writes.engine.length} writes into the synced database (${OPTIONS.jobs.toLocaleString('en-US')} jobs + ${OPTIONS.answers.toLocaleString('en-US')} answers)`,
  );
  console.log(
    `  ${'SyncClient.mutate(updateJobNotes): row + shadow + outbox + meta'.padEnd(64)} ${fmt(writes.engine)}   goal p95 ≤ ${GOAL_P95_MS} ms`,
  );
  console.log(`  ${'  baseline: raw Dexie put of the job row (own transaction)'.padEnd(64)} ${fmt(writes.raw)}`);
  const syncOk = ours / raw <= GOAL_RATIO;
  const writeOk = percentile(writes.engine, 95) <= GOAL_P95_MS;
  console.log(
    `\n  goals: initial sync ${syncOk ? 'met' : 'MISSED'}, local write p95 ${writeOk ? 'met' : 'MISSED'}  (load average ${loadavg()[0]!.toFixed(2)})`,
  );
}

async function main(): Promise<void> {
  console.log(`IndexedDB benchmark — load average at start ${loadavg()[0]!.toFixed(2)} (2 cores)`);
  await withBenchPage('idb-page.ts', 'lmBench', async ({ browser, newPage }) => {
    const page = await newPage();
    console.log(`Chromium ${browser.version()}; ${OPTIONS.rounds} rounds of raw, engine, engine, raw (+ raw paged)`);
    const result = await page.evaluate((options) => window.lmBench.run(options), OPTIONS);
    report(result);
    if (result.storeError) {
      console.error(
        `\nFUNCTIONAL ERROR: the app's DexieStore (apps/web/src/sync/dexie-store.ts) fails in Chromium: ${result.storeError}.`,
      );
      console.error(
        'The figures above were taken with its transact() scope function made async (see page/idb-page.ts asyncScopeStore).',
      );
      process.exitCode = 1;
    }
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
