/**
 * Shared plumbing for the Chromium benchmarks (Node side): bundle a page module with Vite (lib
 * mode) into a temporary directory, serve it from 127.0.0.1 (IndexedDB needs an http origin),
 * launch Chromium with the e2e harness's flags, and clean everything up afterwards. Also the
 * percentile helpers the reports use.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { build } from 'vite';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from '../e2e/harness/browser.ts';

const BENCH_DIR = fileURLToPath(new URL('.', import.meta.url));

/** Bundles `page/<entry>` as `bench.js` (+ `bench.css` when it imports CSS) and an index.html that loads it. */
async function bundle(entry: string, outDir: string): Promise<void> {
  await build({
    configFile: false,
    logLevel: 'warn',
    root: BENCH_DIR,
    plugins: [react()],
    // Lib mode leaves process.env.NODE_ENV to the consumer: measure React's production build.
    define: { 'process.env.NODE_ENV': JSON.stringify('production') },
    build: {
      outDir,
      emptyOutDir: false,
      minify: false,
      target: 'es2022',
      cssCodeSplit: false,
      lib: {
        entry: join(BENCH_DIR, 'page', entry),
        formats: ['es'],
        fileName: () => 'bench.js',
        cssFileName: 'bench',
      },
    },
  });
  const css = existsSync(join(outDir, 'bench.css')) ? '<link rel="stylesheet" href="/bench.css">' : '';
  writeFileSync(
    join(outDir, 'index.html'),
    `<!doctype html><meta charset="utf-8"><title>lastmile bench</title>${css}<script type="module" src="/bench.js"></script>\n`,
  );
}

function serve(dir: string): Promise<Server> {
  const types: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };
  const server = createServer((req, res) => {
    const name = (req.url ?? '/').split('?')[0] === '/' ? 'index.html' : (req.url ?? '').split('?')[0]!.slice(1);
    if (name === 'favicon.ico') return void res.writeHead(204).end();
    // Bundled workers (new Worker(new URL(…))) are emitted under assets/.
    if (!/^(assets\/)?[\w.-]+$/.test(name)) return void res.writeHead(404).end();
    try {
      const body = readFileSync(join(dir, name));
      res
        .writeHead(200, { 'content-type': types[name.slice(name.lastIndexOf('.'))] ?? 'application/octet-stream' })
        .end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

export type BenchPage = {
  browser: Browser;
  url: string;
  newPage: (options?: Parameters<Browser['newPage']>[0]) => Promise<Page>;
};

/**
 * Bundles `page/<entry>`, serves it and launches Chromium, then calls `fn`. `newPage` opens the
 * bundle in a fresh page (own context) that forwards console output and page errors, and waits
 * until the page module has set `window[global]`.
 */
export async function withBenchPage<T>(
  entry: string,
  global: string,
  fn: (bench: BenchPage) => Promise<T>,
): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'lm-bench-'));
  let server: Server | null = null;
  let browser: Browser | null = null;
  try {
    await bundle(entry, dir);
    server = await serve(dir);
    browser = await launchBrowser();
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    const open = browser;
    const newPage = async (options?: Parameters<Browser['newPage']>[0]) => {
      const page = await open.newPage(options);
      // Dexie warns "delete was blocked" while a just-closed connection winds down: not news.
      page.on('console', (message) => {
        if (!/was blocked/.test(message.text())) console.log(`  [page] ${message.text()}`);
      });
      page.on('pageerror', (error) => console.error(`  [page error] ${error.message}`));
      await page.goto(url);
      await page.waitForFunction((name) => name in window, global);
      return page;
    };
    return await fn({ browser, url, newPage });
  } finally {
    await browser?.close();
    server?.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Nearest-rank percentile. */
export function percentile(xs: readonly number[], p: number): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export const median = (xs: readonly number[]): number => percentile(xs, 50);
