/**
 * Issue 4's benchmark, in real Chromium: the technician's "Today" and the lead's board open in
 * under 100 ms from IndexedDB with 10,000 jobs on the device, beside a raw Dexie query of the
 * same rows measured in the same page in the same run.
 *
 *   pnpm bench home-open          (CHROMIUM_PATH overrides /usr/bin/chromium)
 *
 * The page (page/home-open-page.tsx) fills the app's AppDb with a demo-like organization
 * (2 teams, 2 leads, 6 technicians, 200 customers, 400 sites, 3 job types) and 10,000 jobs over
 * ±7 days, then renders the app's HomeScreen for a technician and for a lead into a fresh div,
 * each on a fresh connection, timing render() → job rows in the DOM (and + forced layout).
 * Phone viewport (360 px: the board shows the current day) and desktop (1280 px: the board's
 * five days). No timing assertion; a functional error (rows missing, wrong count on screen)
 * exits non-zero.
 */
import { loadavg } from 'node:os';
import { median, percentile, withBenchPage } from './chromium-bench.ts';
import { PHONE } from '../e2e/harness/browser.ts';
import type { HomeOpenOptions, HomeOpenResult, ScreenSeries } from './page/home-open-page.tsx';

const JOBS = Number(process.env['BENCH_HOME_JOBS'] ?? 10_000);
const RUNS = Number(process.env['BENCH_HOME_RUNS'] ?? 30);
const GOAL_MS = 100;

const ms = (x: number) => `${x.toFixed(1)} ms`;

function row(label: string, s: ScreenSeries, what: string): void {
  const p50 = median(s.dom);
  const p95 = percentile(s.dom, 95);
  const cells = [
    label.padEnd(44),
    `${ms(p50).padStart(9)} ${ms(p95).padStart(9)}`,
    `${ms(median(s.layout)).padStart(9)} ${ms(percentile(s.layout, 95)).padStart(9)}`,
    `${ms(median(s.raw)).padStart(8)} ${ms(percentile(s.raw, 95)).padStart(8)}`,
    `${(p50 / median(s.raw)).toFixed(1).padStart(5)}×`,
    `< ${GOAL_MS} ms ${p95 < GOAL_MS ? 'met' : p50 < GOAL_MS ? 'p50 only' : 'MISSED'}`,
  ];
  console.log(`  ${cells.join('  ')}`);
  console.log(`    ${what}: ${s.shown} jobs on screen, ${s.rawRows} rows read by the baseline`);
}

function report(viewport: string, r: HomeOpenResult): void {
  console.log(
    `\n${viewport} (${r.viewport}): ${r.fill.jobs.toLocaleString('en-US')} jobs on the device (technician ${r.fill.perTechnician}, team ${r.fill.perTeam}), filled in ${(r.fill.ms / 1000).toFixed(2)} s; ${RUNS} runs each`,
  );
  console.log(
    `  ${'screen'.padEnd(44)}  ${'rows in DOM p50/p95'.padEnd(19)}  ${'+ layout p50/p95'.padEnd(19)}  ${'raw Dexie p50/p95'.padEnd(17)}  ratio  goal`,
  );
  if (r.today) row("technician's Today (HomeScreen)", r.today, 'Today tab (today + carried-over open jobs)');
  if (r.board) row(`lead's board, one team (HomeScreen)`, r.board, 'board chips (tray + technicians)');
  for (const [name, steps] of [
    ['Today', r.steps.today],
    ['board', r.steps.board],
  ] as const) {
    if (!steps) continue;
    const parts = Object.entries(steps).map(([step, xs]) => `${step} ${ms(median(xs))}`);
    console.log(`  ${name} query outside React, p50 per step: ${parts.join('; ')}`);
  }
}

async function main(): Promise<void> {
  console.log(`Home screens open benchmark — load average at start ${loadavg()[0]!.toFixed(2)} (2 cores)`);
  await withBenchPage('home-open-page.tsx', 'lmHomeBench', async ({ browser, newPage }) => {
    console.log(`Chromium ${browser.version()}`);
    const runs: [string, { width: number; height: number }, HomeOpenOptions['screens']][] = [
      ['Phone', PHONE, ['today', 'board']],
      ['Desktop, board over 5 days', { width: 1280, height: 800 }, ['board']],
    ];
    for (const [label, viewport, screens] of runs) {
      const page = await newPage({ viewport });
      const options: HomeOpenOptions = { jobs: JOBS, runs: RUNS, warmup: 3, screens };
      const result = await page.evaluate((o) => window.lmHomeBench.run(o), options);
      await page.close();
      report(label, result);
    }
    console.log(`\n  load average at end ${loadavg()[0]!.toFixed(2)}`);
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
