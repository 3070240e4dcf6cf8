/**
 * Issue 10 point 3: Lighthouse (mobile preset, pinned version) on the sign-in page and the
 * technician's home, served by the real API from the last build, in the Chromium the e2e tests
 * use. There is no bare-HTML baseline to print beside it: the app draws nothing without its
 * scripts (a run with scripts blocked has no first paint, and Lighthouse gives no scores), so
 * the figures stand next to the goals and to the issue's "before" (sign-in performance 53–71).
 *
 *   pnpm --filter @lastmile/web build && pnpm bench lighthouse
 *
 * Lighthouse runs through `npx lighthouse@<LIGHTHOUSE_VERSION>` (fetched from the npm registry
 * the first time, not a dependency of the app). The technician's home needs a signed-in device:
 * a persistent profile signs in once with Playwright, then Lighthouse opens that profile with
 * `--disable-storage-reset` so the session and the jobs in IndexedDB stay.
 *
 * Goals: performance ≥ 95, accessibility 100, best practices 100, SEO ≥ 95. Performance depends
 * on the machine's load (Lighthouse's simulated throttling still measures the CPU); the other
 * three do not. No assertion; a run that yields no report exits non-zero.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, PHONE } from '../e2e/harness/browser.ts';
import { findChromium } from '../e2e/harness/chromium.ts';
import { DEMO_USERS } from '../e2e/harness/demo.ts';
import { signIn, waitForServiceWorkerControl } from '../e2e/harness/pages.ts';
import { startServer } from '../e2e/harness/server.ts';

const LIGHTHOUSE_VERSION = '12.8.2';
const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const;
const GOALS: Record<(typeof CATEGORIES)[number], number> = {
  performance: 95,
  accessibility: 100,
  'best-practices': 100,
  seo: 95,
};
const METRICS = [
  'first-contentful-paint',
  'largest-contentful-paint',
  'total-blocking-time',
  'cumulative-layout-shift',
];

type Audit = {
  score: number | null;
  displayValue?: string;
  title: string;
  details?: { items?: { url?: string; duration?: number; startTime?: number }[] };
};
type Report = {
  runtimeError?: { code: string; message: string };
  runWarnings?: string[];
  finalDisplayedUrl?: string;
  categories: Record<string, { score: number | null; auditRefs: { id: string; weight: number }[] }>;
  audits: Record<string, Audit>;
};

let reportsKept = 0;

function lighthouse(url: string, profile: string | null, extra: string[] = []): Report {
  const out = join(tmpdir(), `lastmile-lh-${process.pid}-${Date.now()}.json`);
  const chromeFlags = ['--headless=new', ...CHROMIUM_ARGS.filter((f) => f !== '--headless')];
  if (profile) chromeFlags.push(`--user-data-dir=${profile}`);
  const args = [
    '--yes',
    `lighthouse@${LIGHTHOUSE_VERSION}`,
    url,
    '--quiet',
    '--output=json',
    `--output-path=${out}`,
    `--chrome-flags=${chromeFlags.join(' ')}`,
    `--only-categories=${CATEGORIES.join(',')}`,
    ...(profile ? ['--disable-storage-reset'] : []),
    ...extra,
  ];
  const run = spawnSync('npx', args, {
    env: { ...process.env, CHROME_PATH: findChromium() },
    encoding: 'utf8',
    timeout: 300_000,
  });
  try {
    const text = readFileSync(out, 'utf8');
    // BENCH_LH_KEEP=<dir> keeps each whole report, to see more than the figures printed here.
    const keep = process.env.BENCH_LH_KEEP;
    if (keep) writeFileSync(join(keep, `${reportsKept++}.json`), text);
    return JSON.parse(text) as Report;
  } catch {
    throw new Error(`lighthouse produced no report for ${url}:\n${run.stderr.slice(-2000)}`);
  } finally {
    rmSync(out, { force: true });
  }
}

const score = (r: Report, c: string) => Math.round((r.categories[c]?.score ?? 0) * 100);

function print(name: string, report: Report): void {
  console.log(`\n${name}`);
  // A run that could not measure says why (Lighthouse then scores the page 0).
  if (report.runtimeError)
    console.log(`  lighthouse error ${report.runtimeError.code}: ${report.runtimeError.message}`);
  for (const warning of report.runWarnings ?? []) console.log(`  lighthouse warning: ${warning}`);
  if (report.finalDisplayedUrl) console.log(`  page shown: ${new URL(report.finalDisplayedUrl).pathname}`);
  for (const c of CATEGORIES) {
    const value = score(report, c);
    const verdict = value >= GOALS[c] ? 'met' : 'MISSED';
    console.log(`  ${c.padEnd(15)} ${String(value).padStart(4)}   goal ≥ ${GOALS[c]} ${verdict}`);
  }
  console.log(
    `  ${METRICS.map((m) => `${m.replaceAll('-', ' ')} ${report.audits[m]?.displayValue ?? '?'}`).join('; ')}`,
  );
  // Where the blocking time comes from: Lighthouse's own list of the page's long main-thread tasks.
  const tasks = (report.audits['long-tasks']?.details?.items ?? []).slice(0, 5);
  for (const task of tasks) {
    const where = (task.url ?? '?').replace(/^https?:\/\/[^/]+/, '');
    console.log(
      `    long task ${Math.round(task.duration ?? 0)} ms at ${Math.round(task.startTime ?? 0)} ms: ${where}`,
    );
  }
  for (const c of CATEGORIES) {
    for (const ref of report.categories[c]?.auditRefs ?? []) {
      const audit = report.audits[ref.id];
      if (ref.weight > 0 && audit && audit.score !== null && audit.score < 1 && c !== 'performance') {
        console.log(`    ${c}: ${audit.title} (${audit.score})`);
      }
    }
  }
}

async function main(): Promise<void> {
  console.log(
    `Lighthouse ${LIGHTHOUSE_VERSION}, mobile preset — load average at start ${loadavg()[0]!.toFixed(2)} (2 cores)`,
  );
  const server = await startServer();
  const profile = mkdtempSync(join(tmpdir(), 'lastmile-bench-lh-'));
  try {
    const signInUrl = `${server.url}/`;
    print('sign-in page', lighthouse(signInUrl, null));

    const openProfile = () =>
      chromium.launchPersistentContext(profile, {
        executablePath: findChromium(),
        headless: true,
        args: CHROMIUM_ARGS,
        baseURL: server.url,
        viewport: PHONE,
        serviceWorkers: 'allow',
      });
    const context = await openProfile();
    const page = context.pages()[0] ?? (await context.newPage());
    await signIn(page, DEMO_USERS.technician);
    await waitForServiceWorkerControl(page);
    await page.locator('.job-card').first().waitFor();
    // The home keeps its snapshot (ADR 0034) once its list has settled after the first sync:
    // waited for, so that this case is what it says and not a race with closing the browser.
    await page.waitForFunction(
      async () => (await caches.open('lastmile-home-snapshot')).match('/__home-snapshot').then(Boolean),
      null,
      { timeout: 60_000 },
    );
    await context.close();
    print(
      "technician's home, opened again today (jobs on the device, the home's snapshot kept)",
      lighthouse(signInUrl, profile),
    );

    // The first open of a day: the snapshot is for the day it was taken, so the page is the app's
    // own. Deleted from a page of the origin that does not run the app (which would keep a new one).
    const again = await openProfile();
    const second = again.pages()[0] ?? (await again.newPage());
    await second.goto('/api/health');
    const stillThere = await second.evaluate(async () => {
      await caches.delete('lastmile-home-snapshot');
      return caches.has('lastmile-home-snapshot');
    });
    if (stillThere) throw new Error('the home snapshot could not be deleted');
    await again.close();
    print("technician's home, first open of the day (jobs on the device, no snapshot)", lighthouse(signInUrl, profile));
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
