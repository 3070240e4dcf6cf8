/**
 * Issue 10 point 2, in real Chromium against the real built app and API:
 *
 * 1. Offline cold start of the technician's home to the first job card, CPU slowed 4× (CDP
 *    `Emulation.setCPUThrottlingRate`, a mid-range phone) and at normal speed: a persistent
 *    profile signs in once online, then each round relaunches the browser on that profile
 *    (cold service worker, cold JavaScript), goes offline and opens `/`. Baseline in the same
 *    navigation: the moment the page's bare HTML has arrived from the service worker
 *    (`responseEnd`) and its first paint; the difference is what the app's JavaScript and
 *    IndexedDB cost. CLS over the start (layout shifts until 1 s after the first card).
 * 2. Long tasks while a technician with 2,000 jobs signs in on a new device and the first sync
 *    fills IndexedDB, at normal speed and at 4×.
 *
 *   pnpm --filter @lastmile/web build && pnpm bench cold-start
 *
 * Goals (issue 10): cold start ≤ 1.0 s median at 4×; CLS ≤ 0.05; no long task over 200 ms
 * during the initial sync of 2,000 jobs. No assertion on time; a functional failure (no job
 * card, sync not finished) exits non-zero.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { apiDevice } from '../e2e/harness/api-client.ts';
import { CHROMIUM_ARGS, PHONE } from '../e2e/harness/browser.ts';
import { findChromium } from '../e2e/harness/chromium.ts';
import { DEMO_USERS } from '../e2e/harness/demo.ts';
import { signIn, waitForServiceWorkerControl } from '../e2e/harness/pages.ts';
import { startServer, type TestServer } from '../e2e/harness/server.ts';
import { median } from './chromium-bench.ts';

const ROUNDS = Number(process.env['BENCH_COLD_ROUNDS'] ?? 7);
const SYNC_JOBS = Number(process.env['BENCH_SYNC_JOBS'] ?? 2000);
const SYNC_TECHNICIAN = 'tech2@demo.lastmile.app';

/** `card`: the first `.job-card` on screen, whatever drew it (the home snapshot in the HTML, ADR
 * 0034, or the app); `live`: the app's own card, rendered from IndexedDB and shown. */
type StartFigures = { html: number; fcp: number; card: number; live: number; cls: number };
type LongTasks = { count: number; over200: number; max: number; total: number; seconds: number; jobs: number };

declare global {
  interface Window {
    lmStart?: { card: number | null; live: number | null; cls: number; fcp: number | null };
    lmLongTasks?: { start: number; duration: number }[];
  }
}

/** Runs before the app's scripts: notes the first job card, first paint and layout shifts. */
function watchStart(): void {
  const state = { card: null as number | null, live: null as number | null, cls: 0, fcp: null as number | null };
  window.lmStart = state;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries() as (PerformanceEntry & { value: number; hadRecentInput: boolean })[]) {
      // Until 1 s after the app's own card: the hand-over from a snapshot counts too.
      if (!entry.hadRecentInput && (state.live === null || entry.startTime < state.live + 1000))
        state.cls += entry.value;
    }
  }).observe({ type: 'layout-shift', buffered: true });
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) if (entry.name === 'first-contentful-paint') state.fcp = entry.startTime;
  }).observe({ type: 'paint', buffered: true });
  // Inline callbacks only: tsx names `const f = () => …` with a helper the page does not have.
  new MutationObserver(() => {
    if (state.card === null && document.querySelector('.job-card')) state.card = performance.now();
    if (state.live === null && document.querySelector('#root:not([hidden]) .job-card')) state.live = performance.now();
  }).observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['hidden'] });
}

function watchLongTasks(): void {
  const tasks: { start: number; duration: number }[] = [];
  window.lmLongTasks = tasks;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) tasks.push({ start: entry.startTime, duration: entry.duration });
  }).observe({ type: 'longtask', buffered: true });
}

function launchProfile(dir: string, baseURL: string): Promise<BrowserContext> {
  return chromium.launchPersistentContext(dir, {
    executablePath: findChromium(),
    headless: true,
    args: CHROMIUM_ARGS,
    baseURL,
    viewport: PHONE,
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: 'en-GB',
    serviceWorkers: 'allow',
  });
}

async function throttle(page: Page, rate: number): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate });
}

async function coldStart(profile: string, baseURL: string, rate: number): Promise<StartFigures> {
  const context = await launchProfile(profile, baseURL);
  try {
    await context.addInitScript(watchStart);
    await context.setOffline(true);
    const page = context.pages()[0] ?? (await context.newPage());
    await throttle(page, rate);
    await page.goto('/');
    await page.locator('.job-card').first().waitFor({ timeout: 30_000 });
    await page.locator('#root:not([hidden]) .job-card').first().waitFor({ timeout: 30_000 });
    await page.waitForTimeout(1000 * rate);
    return await page.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
      const s = window.lmStart!;
      return {
        html: nav.responseEnd,
        fcp: s.fcp ?? Number.NaN,
        card: s.card ?? Number.NaN,
        live: s.live ?? Number.NaN,
        cls: s.cls,
      };
    });
  } finally {
    await context.close();
  }
}

/** 2,000 jobs for one technician, through the office's CSV import (the real write path). */
async function giveJobs(server: TestServer, count: number): Promise<void> {
  const office = await apiDevice(server.url, DEMO_USERS.office);
  const header = 'external_ref,title,job_type,customer,site_address,scheduled_start,duration_minutes,technician,notes';
  // Spread over the coming 60 days (about 33 a day): what a busy technician's phone holds, and
  // the home shows one day of it. Past jobs still open would all be carried over into "Today".
  const day = (i: number) => {
    const d = new Date(Date.now() + (i % 60) * 86_400_000);
    return `${d.toISOString().slice(0, 10)} ${String(7 + (i % 10)).padStart(2, '0')}:00`;
  };
  const rows = Array.from(
    { length: count },
    (_, i) =>
      `BENCH-${i},Annual service ${i},Boiler service,Bench Customer ${i % 50},"${i % 400} Bench Street, Leeds",${day(i)},60,${SYNC_TECHNICIAN},Gate code ${i}`,
  );
  const response = await office.request('/api/jobs/import/commit', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ csv: [header, ...rows].join('\n'), timeZone: 'Europe/London', onlyValid: false }),
  });
  if (!response.ok) throw new Error(`import failed: ${response.status} ${await response.text()}`);
}

async function initialSync(baseURL: string, rate: number): Promise<LongTasks> {
  const profile = mkdtempSync(join(tmpdir(), 'lastmile-bench-sync-'));
  const context = await launchProfile(profile, baseURL);
  try {
    await context.addInitScript(watchLongTasks);
    const page = context.pages()[0] ?? (await context.newPage());
    await throttle(page, rate);
    const started = Date.now();
    // The sign-in page's own start-up (parsing the app's scripts) is the cold-start figure's
    // business; count what happens from the moment the person taps "Sign in".
    await page.goto('/');
    await page.getByLabel('Email').waitFor();
    const tapped = await page.evaluate(() => performance.now());
    await signIn(page, SYNC_TECHNICIAN);
    // The first sync is done when the device holds every job of this person and says so.
    let jobs = 0;
    for (;;) {
      jobs = await page.evaluate(async () => {
        const names = (await indexedDB.databases()).map((d) => d.name ?? '').filter((n) => n.startsWith('lastmile-'));
        let most = 0;
        for (const name of names) {
          const db = await new Promise<IDBDatabase>((resolve, reject) => {
            const open = indexedDB.open(name);
            open.onsuccess = () => resolve(open.result);
            open.onerror = () => reject(new Error(String(open.error)));
          });
          if (db.objectStoreNames.contains('jobs')) {
            const count = await new Promise<number>((resolve) => {
              const request = db.transaction('jobs').objectStore('jobs').count();
              request.onsuccess = () => resolve(request.result);
            });
            most = Math.max(most, count);
          }
          db.close();
        }
        return most;
      });
      if (jobs >= SYNC_JOBS) break;
      if (Date.now() - started > 180_000) throw new Error(`initial sync unfinished after 3 min: ${jobs} jobs`);
      await page.waitForTimeout(250);
    }
    await page.getByTestId('sync-pending').waitFor({ state: 'attached' });
    await page.waitForTimeout(500);
    const tasks = (await page.evaluate(() => window.lmLongTasks ?? []))
      .filter((task) => task.start >= tapped)
      .map((task) => task.duration);
    return {
      count: tasks.length,
      over200: tasks.filter((d) => d > 200).length,
      max: tasks.length ? Math.max(...tasks) : 0,
      total: tasks.reduce((a, b) => a + b, 0),
      seconds: (Date.now() - started) / 1000,
      jobs,
    };
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

const ms = (x: number) => `${Math.round(x)} ms`.padStart(8);

async function main(): Promise<void> {
  console.log(`Cold start and initial sync — load average at start ${loadavg()[0]!.toFixed(2)} (2 cores)`);
  const server = await startServer();
  const profile = mkdtempSync(join(tmpdir(), 'lastmile-bench-cold-'));
  try {
    // Sign in once online; the next start of this profile is offline and cold.
    const first = await launchProfile(profile, server.url);
    const page = first.pages()[0] ?? (await first.newPage());
    await signIn(page, DEMO_USERS.technician);
    await waitForServiceWorkerControl(page);
    await page.locator('.job-card').first().waitFor();
    // The home keeps its snapshot for the next cold start a moment after it has drawn (ADR
    // 0034); let it, as a person would by looking at their day, so every round starts alike.
    await page
      .waitForFunction(async () => (await caches.open('lastmile-home-snapshot').then((c) => c.keys())).length > 0, {
        timeout: 5000,
      })
      .catch(() => undefined);
    console.log(`Chromium ${first.browser()?.version() ?? '(persistent profile)'}; ${ROUNDS} rounds per speed`);
    await first.close();

    console.log('\nOffline cold start, technician home → first job card (median of rounds, rates interleaved)');
    console.log(
      `  ${'CPU'.padEnd(10)} ${'HTML (baseline)'.padStart(16)} ${'first paint'.padStart(12)} ${'first job card'.padStart(15)} ${'app cost'.padStart(9)} ${'live card'.padStart(10)} ${'CLS'.padStart(6)}  goal`,
    );
    const series = new Map<number, StartFigures[]>([
      [1, []],
      [4, []],
    ]);
    for (let round = 0; round < ROUNDS; round++) {
      for (const rate of series.keys()) series.get(rate)!.push(await coldStart(profile, server.url, rate));
    }
    for (const [rate, runs] of series) {
      const card = median(runs.map((r) => r.card));
      const html = median(runs.map((r) => r.html));
      const cls = Math.max(...runs.map((r) => r.cls));
      const goal =
        rate === 4 ? `≤ 1000 ms ${card <= 1000 ? 'met' : 'MISSED'}; CLS ≤ 0.05 ${cls <= 0.05 ? 'met' : 'MISSED'}` : '';
      console.log(
        `  ${`${rate}×`.padEnd(10)} ${ms(html).padStart(16)} ${ms(median(runs.map((r) => r.fcp))).padStart(12)} ${ms(card).padStart(15)} ${ms(card - html).padStart(9)} ${ms(median(runs.map((r) => r.live))).padStart(10)} ${cls.toFixed(3).padStart(6)}  ${goal}`,
      );
    }

    await giveJobs(server, SYNC_JOBS);
    console.log(
      `\nInitial sync of ${SYNC_JOBS.toLocaleString('en-US')} jobs on a new device (${SYNC_TECHNICIAN}), long tasks`,
    );
    for (const rate of [1, 4]) {
      const r = await initialSync(server.url, rate);
      console.log(
        `  ${`${rate}×`.padEnd(4)} ${r.jobs} jobs in ${r.seconds.toFixed(1)} s: ${r.count} long tasks, longest ${ms(r.max)}, ${r.over200} over 200 ms, ${ms(r.total)} in all  goal: none over 200 ms ${r.over200 === 0 ? 'met' : 'MISSED'}`,
      );
    }
    console.log(`\n  load average at end ${loadavg()[0]!.toFixed(2)}`);
  } finally {
    rmSync(profile, { recursive: true, force: true });
    await server.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
