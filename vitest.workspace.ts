import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

/**
 * The root test config (vitest 4 uses `test.projects`; the file keeps the workspace name the
 * repository layout asks for). `pnpm test` runs every project; browser end-to-end tests have
 * their own config in apps/web/e2e and run with `pnpm test:e2e`.
 */
export default defineConfig({
  test: {
    // Vitest's default is one worker per core but one, which is a single worker on a 2-core
    // machine (CI's). Most files here wait on PostgreSQL or a spawned API process rather than
    // compute, so two workers finish the suite well ahead of one even on two cores.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    projects: [
      // Timeouts here catch a hang, not slowness: property tests and 10,000-row IndexedDB tests
      // take 1–2 s on a quiet machine and passed 5 s on a loaded one.
      { test: { name: 'domain', root: 'packages/domain', include: ['src/**/*.test.ts'], testTimeout: 60_000 } },
      {
        test: {
          name: 'sync',
          root: 'packages/sync',
          include: ['src/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'api',
          root: 'apps/api',
          include: ['src/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'web',
          root: 'apps/web',
          include: ['src/**/*.test.{ts,tsx}'],
          setupFiles: ['fake-indexeddb/auto'],
          testTimeout: 60_000,
        },
      },
    ],
  },
});
