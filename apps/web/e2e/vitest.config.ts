import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/**
 * Browser end-to-end tests: a real API server (PGlite in a temp dir) serving the built PWA,
 * driven by the system Chromium through playwright-core. Run with `pnpm test:e2e`, which builds
 * the web app first. Each file starts its own server (on a copy of one demo database seeded by
 * global-setup.ts, its own port and data directory) and its own browser, so files share nothing
 * and two run at a time. On CI's 2 cores that gains little (the suite is CPU-bound there: 927 s
 * two at a time against 962–1,006 s one at a time in earlier runs, docs/benchmarks.md "CI time");
 * on more cores it gains more. E2E_WORKERS=1 runs them one at a time.
 */
export default defineConfig({
  test: {
    name: 'e2e',
    root: fileURLToPath(new URL('.', import.meta.url)),
    include: ['**/*.e2e.test.ts'],
    globalSetup: ['./global-setup.ts'],
    maxWorkers: Number(process.env['E2E_WORKERS'] ?? 2),
    // A hang guard, not a speed check: the ten-photo tests took over 60 s with two files at a
    // time on a machine at load 15.
    testTimeout: 120_000,
    hookTimeout: 180_000,
  },
});
