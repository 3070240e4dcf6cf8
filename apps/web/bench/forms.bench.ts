/**
 * Form filling in real Chromium: the app's FormView with a 150-field template and 20
 * conditions, every section open (the worst case; on the phone they start folded away).
 *   1. first render (React commit + layout), median over rounds: sections folded (as the phone
 *      opens it) and all open;
 *   2. one keystroke — input event → setState → visibility re-evaluated → re-render → layout —
 *      p50/p95 over N keystrokes that flip conditions both ways; goal ≤ 16 ms (one frame).
 * Baselines in the same page and run: the same template without conditions (same keystrokes),
 * and the bare evaluateVisibility call over the same sequence of answers.
 *
 *   pnpm bench forms          (CHROMIUM_PATH overrides /usr/bin/chromium)
 *
 * No timing assertion; a functional error (no field rendered, page error) exits non-zero.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { build } from 'vite';
import type { Browser } from 'playwright-core';
import { launchBrowser, PHONE } from '../e2e/harness/browser.ts';
import type { FormsBenchOptions, FormsBenchResult } from './page/forms-page.tsx';

const OPTIONS: FormsBenchOptions = {
  keystrokes: Number(process.env['BENCH_FORMS_KEYSTROKES'] ?? 200),
  rounds: Number(process.env['BENCH_FORMS_ROUNDS'] ?? 3),
};
const GOAL_MS = 16;

async function bundle(outDir: string): Promise<void> {
  await build({
    configFile: false,
    logLevel: 'warn',
    plugins: [react()],
    // Library mode leaves NODE_ENV alone; the app ships React's production build, so measure that.
    define: { 'process.env.NODE_ENV': JSON.stringify('production') },
    root: fileURLToPath(new URL('.', import.meta.url)),
    build: {
      outDir,
      emptyOutDir: false,
      minify: true,
      target: 'es2022',
      cssCodeSplit: false,
      lib: {
        entry: fileURLToPath(new URL('./page/forms-page.tsx', import.meta.url)),
        formats: ['es'],
        fileName: () => 'bench.js',
      },
    },
  });
  const css = readdirSync(outDir).filter((f) => f.endsWith('.css'));
  const links = ['../src/ui/theme.css', ...css]
    .map((href) => `<link rel="stylesheet" href="/${href.split('/').pop()}">`)
    .join('');
  writeFileSync(
    join(outDir, 'theme.css'),
    readFileSync(fileURLToPath(new URL('../src/ui/theme.css', import.meta.url))),
  );
  writeFileSync(
    join(outDir, 'index.html'),
    `<!doctype html><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>lastmile forms bench</title>${links}<main class="app-main"></main><script type="module" src="/bench.js"></script>\n`,
  );
}

function serve(dir: string): Promise<Server> {
  const types: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };
  const server = createServer((req, res) => {
    const name = (req.url ?? '/').split('?')[0] === '/' ? 'index.html' : (req.url ?? '').split('?')[0]!.slice(1);
    if (name === 'favicon.ico') return void res.writeHead(204).end();
    if (!/^[\w.-]+$/.test(name)) return void res.writeHead(404).end();
    let body: Buffer;
    try {
      body = readFileSync(join(dir, name));
    } catch {
      return void res.writeHead(404).end();
    }
    res
      .writeHead(200, { 'content-type': types[name.slice(name.lastIndexOf('.'))] ?? 'application/octet-stream' })
      .end(body);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

function percentile(xs: number[], p: number): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}
const fmt = (xs: number[]) =>
  `p50 ${percentile(xs, 50).toFixed(2)} ms   p95 ${percentile(xs, 95).toFixed(2)} ms   max ${Math.max(...xs).toFixed(2)} ms   (n=${xs.length})`;

function report(r: FormsBenchResult): void {
  console.log(
    `\nTemplate: ${r.fields} fields in 10 sections, ${r.conditions} conditions; all sections open; ${r.shownAtEnd} fields shown after the last keystroke`,
  );
  console.log('\nFirst render (React commit + layout), all runs:');
  console.log(
    `  ${'as the phone opens it (sections folded)'.padEnd(44)} median ${percentile(r.render.folded, 50).toFixed(1)} ms   runs ${r.render.folded.map((x) => x.toFixed(1)).join(', ')}`,
  );
  console.log(
    `  ${'with conditions'.padEnd(44)} median ${percentile(r.render.conditional, 50).toFixed(1)} ms   runs ${r.render.conditional.map((x) => x.toFixed(1)).join(', ')}`,
  );
  console.log(
    `  ${'  baseline: same template, no conditions'.padEnd(44)} median ${percentile(r.render.plain, 50).toFixed(1)} ms   runs ${r.render.plain.map((x) => x.toFixed(1)).join(', ')}`,
  );
  console.log(
    `\nKeystroke → re-evaluated visibility → re-render → layout (${OPTIONS.keystrokes} keystrokes × ${OPTIONS.rounds} rounds):`,
  );
  console.log(`  ${'with conditions'.padEnd(44)} ${fmt(r.keystroke.conditional)}   goal p95 ≤ ${GOAL_MS} ms`);
  console.log(`  ${'  baseline: same keystrokes, no conditions'.padEnd(44)} ${fmt(r.keystroke.plain)}`);
  console.log(`  ${'  baseline: bare evaluateVisibility call'.padEnd(44)} ${fmt(r.keystroke.evaluateOnly)}`);
  const keystrokeOk = percentile(r.keystroke.conditional, 95) <= GOAL_MS;
  const foldedOk = percentile(r.render.folded, 50) <= GOAL_MS;
  const openOk = percentile(r.render.conditional, 50) <= GOAL_MS;
  console.log(
    `\n  goals (≤ ${GOAL_MS} ms): keystroke p95 ${keystrokeOk ? 'met' : 'MISSED'}, first render folded ${foldedOk ? 'met' : 'MISSED'}, first render all open ${openOk ? 'met' : 'MISSED'}  (load average ${loadavg()[0]!.toFixed(2)})`,
  );
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'lm-forms-bench-'));
  let server: Server | null = null;
  let browser: Browser | null = null;
  try {
    console.log(`Forms benchmark — load average at start ${loadavg()[0]!.toFixed(2)}`);
    await bundle(dir);
    server = await serve(dir);
    browser = await launchBrowser();
    const page = await browser.newPage({ viewport: PHONE });
    let pageError: string | null = null;
    page.on('console', (message) => console.log(`  [page] ${message.text()}`));
    page.on('pageerror', (error) => {
      pageError = error.message;
      console.error(`  [page error] ${error.message}`);
    });
    await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    await page.waitForFunction(() => 'lmFormsBench' in window);
    console.log(`Chromium ${browser.version()}, viewport ${PHONE.width}×${PHONE.height}`);
    const result = await page.evaluate((options) => window.lmFormsBench.run(options), OPTIONS);
    report(result);
    if (pageError || result.shownAtEnd === 0 || result.conditions !== 20) {
      console.error(
        `\nFUNCTIONAL ERROR: ${pageError ?? `rendered ${result.shownAtEnd} fields, ${result.conditions} conditions`}`,
      );
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
