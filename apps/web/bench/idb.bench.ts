/**
 * Client-side sync benchmarks in real Chromium (IndexedDB), next to raw Dexie baselines measured
 * in the same page in the same run:
 *   1. initial sync of 10,000 jobs + 100,000 answer-sized rows through AppDb + DexieStore +
 *      SyncClient.pullAll (pages served from memory inside the page) vs a raw Dexie bulkPut of
 *      the same rows; goal ≤ 1.5× the raw time;
 *   2. local write latency of SyncClient.mutate (optimistic row + shadow + outbox + meta in one
 *      transaction) over 500 writes vs a raw single-row put; goal p95 ≤ 16 ms.
 *
 *   pnpm bench idb          (CHROMIUM_PATH overrides /usr/bin/chromium)
 *
 * The page code (page/idb-page.ts) is bundled with Vite into a temporary directory and served
 * from 127.0.0.1 (IndexedDB needs an http origin). No timing assertion; a functional error
 * (rows missing, outbox wrong) exits non-zero.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import type { Browser } from 'playwright-core';
import { launchBrowser } from '../e2e/harness/browser.ts';
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

async function bundle(outDir: string): Promise<void> {
  await build({
    configFile: false,
    logLevel: 'warn',
    root: fileURLToPath(new URL('.', import.meta.url)),
    build: {
      outDir,
      emptyOutDir: false,
      minify: false,
      target: 'es2022',
      lib: { entry: fileURLToPath(new URL('./page/idb-page.ts', import.meta.url)), formats: ['es'], fileName: () => 'bench.js' },
    },
  });
  writeFileSync(join(outDir, 'index.html'), '<!doctype html><meta charset="utf-8"><title>lastmile bench</title><script type="module" src="/bench.js"></script>\n');
}

function serve(dir: string): Promise<Server> {
  const types: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript' };
  const server = createServer((req, res) => {
    const name = (req.url ?? '/').split('?')[0] === '/' ? 'index.html' : (req.url ?? '').split('?')[0]!.slice(1);
    if (name === 'favicon.ico') return void res.writeHead(204).end();
    if (!/^[\w.-]+$/.test(name)) return void res.writeHead(404).end();
    try {
      const body = readFileSync(join(dir, name));
      res.writeHead(200, { 'content-type': types[name.slice(name.lastIndexOf('.'))] ?? 'application/octet-stream' }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

const median = (xs: number[]) => percentile(xs, 50);
function percentile(xs: number[], p: number): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

function report(r: BenchResult): void {
  const { sync, writes } = r;
  const store = r.storeError ? 'DexieStore + async-scope fix' : 'DexieStore';
  const raw = median(sync.raw);
  const ours = median(sync.engine);
  const paged = median(sync.rawPaged);
  const rate = (ms: number) => Math.round((sync.rows / ms) * 1000).toLocaleString('en-US');
  const line = (label: string, ms: number, extra: string) =>
    console.log(`  ${label.padEnd(62)} ${`${(ms / 1000).toFixed(2)} s`.padStart(8)} ${rate(ms).padStart(9)} rows/s  ${extra}`);
  console.log(`\nInitial sync into IndexedDB: ${OPTIONS.jobs.toLocaleString('en-US')} jobs + ${OPTIONS.answers.toLocaleString('en-US')} answers (jobMessages rows stand in for answers: same shape class, one compound index), ${sync.pages} pages of ${OPTIONS.pageSize}; median of ${sync.engine.length}`);
  line(`SyncClient.pullAll → ${store} (memory transport)`, ours, `${(ours / raw).toFixed(2)}× raw   goal ≤ ${GOAL_RATIO}× raw`);
  line('  baseline: raw Dexie bulkPut, one call per table', raw, '1.00×');
  line(`  baseline: raw Dexie bulkPut in ${OPTIONS.pageSize}-row calls`, paged, `${(paged / raw).toFixed(2)}× raw`);
  console.log(`  all runs (ms): engine ${sync.engine.map((x) => x.toFixed(0)).join(', ')}; raw ${sync.raw.map((x) => x.toFixed(0)).join(', ')}; raw paged ${sync.rawPaged.map((x) => x.toFixed(0)).join(', ')}`);

  const fmt = (xs: number[]) => `p50 ${median(xs).toFixed(2)} ms   p95 ${percentile(xs, 95).toFixed(2)} ms   max ${Math.max(...xs).toFixed(2)} ms`;
  console.log(`\nLocal write latency, ${writes.engine.length} writes into the synced database (${OPTIONS.jobs.toLocaleString('en-US')} jobs + ${OPTIONS.answers.toLocaleString('en-US')} answers)`);
  console.log(`  ${'SyncClient.mutate(updateJobNotes): row + shadow + outbox + meta'.padEnd(64)} ${fmt(writes.engine)}   goal p95 ≤ ${GOAL_P95_MS} ms`);
  console.log(`  ${'  baseline: raw Dexie put of the job row (own transaction)'.padEnd(64)} ${fmt(writes.raw)}`);
  const syncOk = ours / raw <= GOAL_RATIO;
  const writeOk = percentile(writes.engine, 95) <= GOAL_P95_MS;
  console.log(`\n  goals: initial sync ${syncOk ? 'met' : 'MISSED'}, local write p95 ${writeOk ? 'met' : 'MISSED'}  (load average ${loadavg()[0]!.toFixed(2)})`);
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'lm-idb-bench-'));
  let server: Server | null = null;
  let browser: Browser | null = null;
  try {
    console.log(`IndexedDB benchmark — load average at start ${loadavg()[0]!.toFixed(2)} (2 cores)`);
    await bundle(dir);
    server = await serve(dir);
    browser = await launchBrowser();
    const page = await browser.newPage();
    // Dexie warns "delete was blocked" while a just-closed connection winds down: not news.
    page.on('console', (message) => {
      if (!/was blocked/.test(message.text())) console.log(`  [page] ${message.text()}`);
    });
    page.on('pageerror', (error) => console.error(`  [page error] ${error.message}`));
    await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    await page.waitForFunction(() => 'lmBench' in window);
    console.log(`Chromium ${browser.version()}; ${OPTIONS.rounds} rounds of raw, engine, engine, raw (+ raw paged)`);
    const result = await page.evaluate((options) => window.lmBench.run(options), OPTIONS);
    report(result);
    if (result.storeError) {
      console.error(`\nFUNCTIONAL ERROR: the app's DexieStore (apps/web/src/sync/dexie-store.ts) fails in Chromium: ${result.storeError}.`);
      console.error('The figures above were taken with its transact() scope function made async (see page/idb-page.ts asyncScopeStore).');
      process.exitCode = 1;
    }
  } finally {
    await browser?.close();
    server?.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
