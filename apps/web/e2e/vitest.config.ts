import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/**
 * Browser end-to-end tests: a real API server (PGlite in a temp dir) serving the built PWA,
 * driven by the system Chromium through playwright-core. Run with `pnpm test:e2e`, which builds
 * the web app first. Files run one after another: each starts its own server (on a copy of one
 * demo database seeded by global-setup.ts) and browser.
 */
export default defineConfig({
  test: {
    name: 'e2e',
    root: fileURLToPath(new URL('.', import.meta.url)),
    include: ['**/*.e2e.test.ts'],
    globalSetup: ['./global-setup.ts'],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 180_000,
  },
});
