/**
 * On-device photo processing in real Chromium (issue 9): 12-megapixel JPEGs (4000×3000, shapes +
 * sensor noise, 3–5 MB, generated in the page) through the app's processPhoto at the default
 * settings (long edge 2048, JPEG 0.82, 320 px thumbnail), one after another:
 *   1. time per photo, p50/p95 — goal p95 ≤ 1.5 s;
 *   2. the main thread meanwhile: longest 'longtask' entry — goal never > 50 ms — and the longest
 *      gap of a setTimeout(0) chain (sees tasks under 50 ms too);
 *   3. the same with the CPU throttled 4× (CDP Emulation.setCPUThrottlingRate), as a mid-range phone —
 *      Chrome throttles only the page's main thread, so the phone's time per photo is read from the
 *      main-thread run (decode and encode partly run on Chrome's own threads, unthrottled: 4× the
 *      unthrottled worker time is printed as the upper bound), and the worker run shows the
 *      throttled main thread staying free;
 *   4. all photos picked at once (queued, one after another);
 *   5. IndexedDB space: 20 processed photos + thumbnails in a Dexie table, growth of
 *      navigator.storage.estimate() per photo next to the bytes stored.
 * Baseline in the same page and run: the same pipeline (decode, scale, encode, thumbnail, hash)
 * called on the main thread.
 *
 *   pnpm bench photo        (BENCH_PHOTOS=10 photos per phase; CHROMIUM_PATH overrides /usr/bin/chromium)
 *
 * No timing assertion; a functional error (no worker, wrong output size) exits non-zero.
 */
import { loadavg } from 'node:os';
import type { Page } from 'playwright-core';
import { median, percentile, withBenchPage } from './chromium-bench.ts';
import type { BatchResult, Mode, PhaseResult, SourceInfo, StorageResult } from './page/photo-page.ts';
import type { PhotoProcessingOptions } from '../src/attachments/process/process-photo.ts';

const PHOTOS = Number(process.env['BENCH_PHOTOS'] ?? 10);
const STORED_PHOTOS = 20;
const OPTIONS: PhotoProcessingOptions = { longEdge: 2048, encodeAs: 'image/jpeg' };
const GOAL_P95_MS = 1500;
const GOAL_TASK_MS = 50;

const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const mb = (bytes: number) => `${(bytes / 1e6).toFixed(2)} MB`;
const kb = (bytes: number) => `${Math.round(bytes / 1000).toLocaleString('en-US')} kB`;
const task = (ms: number) => (ms === 0 ? 'none > 50 ms' : `${ms.toFixed(0)} ms`);

function line(label: string, r: PhaseResult, goals: boolean): void {
  const p95 = percentile(r.times, 95);
  const goal = goals
    ? `   goals: p95 ${p95 <= GOAL_P95_MS ? 'met' : 'MISSED'}, main thread ${r.longestTask <= GOAL_TASK_MS ? 'met' : 'MISSED'}`
    : '';
  console.log(
    `  ${label.padEnd(50)} p50 ${s(median(r.times)).padStart(7)}  p95 ${s(p95).padStart(7)}  max ${s(Math.max(...r.times)).padStart(7)}   longest task ${task(r.longestTask).padStart(12)}   longest gap ${`${r.longestGap.toFixed(0)} ms`.padStart(7)}${goal}`,
  );
}

async function phase(page: Page, mode: Mode): Promise<PhaseResult> {
  const result = await page.evaluate(([m, n, o]) => window.lmPhoto.measure(m, n, o), [mode, PHOTOS, OPTIONS] as const);
  const { width, height } = result.output;
  if (Math.max(width, height) !== OPTIONS.longEdge) throw new Error(`${mode}: output is ${width}×${height}`);
  return result;
}

function reportStorage(r: StorageResult): void {
  const perPhoto = r.usageGrowth / r.count;
  const bytes = (r.blobBytes + r.thumbBytes) / r.count;
  console.log(`\nIndexedDB space, ${r.count} processed photos + thumbnails in a Dexie table (one put each)`);
  console.log(
    `  navigator.storage.estimate() growth per photo ${kb(perPhoto).padStart(10)}   bytes stored per photo ${kb(bytes)} (photo ${kb(r.blobBytes / r.count)} + thumbnail ${kb(r.thumbBytes / r.count)})   overhead ${(perPhoto / bytes).toFixed(2)}×`,
  );
}

async function main(): Promise<void> {
  console.log(`Photo processing benchmark — load average at start ${loadavg()[0]!.toFixed(2)} (2 cores)`);
  await withBenchPage('photo-page.ts', 'lmPhoto', async ({ browser, newPage }) => {
    const page = await newPage();
    const sources: SourceInfo = await page.evaluate((n) => window.lmPhoto.generate(n, 4000, 3000), PHOTOS);
    console.log(
      `Chromium ${browser.version()}; ${PHOTOS} distinct ${sources.width}×${sources.height} JPEGs (${mb(Math.min(...sources.sizes))}–${mb(Math.max(...sources.sizes))}, made in ${s(sources.ms)}); settings: long edge ${OPTIONS.longEdge}, ${OPTIONS.encodeAs}, quality 0.82, thumbnail 320`,
    );
    // The first call starts the worker; not counted.
    const first = await page.evaluate((o) => window.lmPhoto.measure('worker', 1, o), OPTIONS);
    if (!page.workers().some((w) => /photo-worker/.test(w.url())))
      throw new Error('processPhoto did not use the photo worker (it fell back to the main thread)');

    const worker = await phase(page, 'worker');
    const mainThread = await phase(page, 'main');
    const batch: BatchResult = await page.evaluate((o) => window.lmPhoto.batch(o), OPTIONS);
    if (!batch.inOrder) throw new Error('photos picked at once did not finish in order');

    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    const slowWorker = await phase(page, 'worker');
    const slowMain = await phase(page, 'main');
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });

    const storage: StorageResult = await page.evaluate((n) => window.lmPhoto.storeInIndexedDb(n), STORED_PHOTOS);

    const out = worker.output;
    console.log(
      `\nPer 12-MP photo, ${PHOTOS} one after another → ${out.width}×${out.height} ${kb(out.size)} + thumbnail ${kb(out.thumb)} (first call, starting the worker: ${s(first.times[0]!)})`,
    );
    line('processPhoto (photo worker)', worker, true);
    line('  baseline: same pipeline on the main thread', mainThread, false);
    console.log(
      `  ${PHOTOS} picked at once (queued): ${s(batch.ms)} in all, ${s(batch.ms / batch.count)} per photo, finished in order, longest task ${task(batch.longestTask)}`,
    );
    console.log(
      `\nCPU throttled 4× (Emulation.setCPUThrottlingRate), as a mid-range phone. Chrome throttles the page's main\nthread only ("Operation is only supported for pages, not workers"), so the worker's time below is unthrottled;\nthe main-thread run is the same work on a throttled thread: read its time as the phone's time per photo.`,
    );
    line('processPhoto (worker unthrottled; main throttled)', slowWorker, false);
    line('same pipeline on the throttled main thread', slowMain, false);
    const slowP95 = percentile(slowMain.times, 95);
    console.log(
      `  goals at 4×: time per photo (throttled pipeline) p95 ${s(slowP95)} ${slowP95 <= GOAL_P95_MS ? 'met' : 'MISSED'}; main thread while the worker works ${slowWorker.longestTask <= GOAL_TASK_MS ? 'met' : 'MISSED'}`,
    );
    // Decoding and encoding partly run on Chrome's own threads, which the throttle does not reach either.
    const bound = worker.times.map((ms) => ms * 4);
    console.log(
      `  upper bound, every thread 4× slower (4 × the unthrottled worker times): p50 ${s(median(bound))}  p95 ${s(percentile(bound, 95))}  goal p95 ≤ ${s(GOAL_P95_MS)} ${percentile(bound, 95) <= GOAL_P95_MS ? 'met' : 'MISSED'}`,
    );
    console.log(
      `  all runs (ms): worker ${worker.times.map((x) => x.toFixed(0)).join(', ')}; main ${mainThread.times.map((x) => x.toFixed(0)).join(', ')}; throttled worker ${slowWorker.times.map((x) => x.toFixed(0)).join(', ')}; throttled main ${slowMain.times.map((x) => x.toFixed(0)).join(', ')}`,
    );
    reportStorage(storage);
    console.log(`\n  (load average at end ${loadavg()[0]!.toFixed(2)})`);
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
