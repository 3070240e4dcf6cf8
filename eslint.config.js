// @ts-check
import { readdirSync } from 'node:fs';
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * Layering (docs/CODE_STYLE.md): dependencies flow one way, domain ← sync ← apps.
 * Each entry is one `no-restricted-imports` pattern group with the reason shown to the developer.
 * ESLint does not merge options of the same rule across config blocks (the later block wins), so
 * every block below lists its complete set of restrictions via `restrict(...)`.
 */
const layer = {
  drizzle: {
    group: [
      'drizzle-orm',
      'drizzle-orm/**',
      'drizzle-kit',
      'pg',
      'pg/**',
      '@electric-sql/pglite',
      '@electric-sql/pglite/**',
    ],
    message: 'Database access belongs in apps/api or packages/sync/src/server.',
  },
  fastify: {
    group: ['fastify', 'fastify/**', '@fastify/**'],
    message: 'HTTP server code belongs in apps/api.',
  },
  browser: {
    group: ['react', 'react/**', 'react-dom', 'react-dom/**', 'dexie', 'dexie/**', 'dexie-react-hooks'],
    message: 'UI and IndexedDB code belongs in apps/web.',
  },
  nodeIo: {
    group: [
      'node:fs',
      'node:fs/**',
      'fs',
      'fs/**',
      'node:net',
      'net',
      'node:http',
      'http',
      'node:https',
      'https',
      'node:child_process',
      'child_process',
      'node:dgram',
      'dgram',
      'node:tls',
      'tls',
    ],
    message: 'packages/domain is pure: no I/O.',
  },
  sync: {
    group: ['@lastmile/sync', '@lastmile/sync/**'],
    message: 'packages/domain sits below packages/sync and may not import it.',
  },
  apps: {
    group: ['@lastmile/api', '@lastmile/api/**', '@lastmile/web', '@lastmile/web/**', '**/apps/**'],
    message: 'Packages may not depend on apps.',
  },
  syncServer: {
    group: ['@lastmile/sync/server', '@lastmile/sync/server/**', '**/server', '**/server/**'],
    message: 'Client-side code may not import the server side of the sync engine.',
  },
  api: {
    group: ['@lastmile/api', '@lastmile/api/**', '**/apps/api/**', '**/api/src/**'],
    message: 'apps/web talks to the API over HTTP only.',
  },
};

const webRestrictions = [
  layer.drizzle,
  layer.fastify,
  layer.api,
  {
    group: ['@lastmile/sync/server', '@lastmile/sync/server/**'],
    message: 'apps/web may use @lastmile/sync and @lastmile/sync/client only.',
  },
];

/** The screens of apps/web, one folder each (apps/web/src/features/<feature>/). */
const webFeatures = readdirSync(new URL('apps/web/src/features/', import.meta.url), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);

/** @param {Array<{group: string[], message: string} | {regex: string, message: string}>} patterns */
const restrict = (...patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });

export default defineConfig(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '**/coverage/**',
      '**/data/**',
      '**/.tmp/**',
      'bench-results/**',
      'apps/api/src/db/migrations/**',
      'apps/web/dev-dist/**',
    ],
  },
  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      ecmaVersion: 2023,
      sourceType: 'module',
      globals: { ...globals.node },
      parserOptions: {
        // One TypeScript language service for the whole repo: each file is checked against the
        // nearest tsconfig.json that includes it (root tsconfig.json covers root-level configs).
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // Unawaited promises are the classic sync-engine bug (lost writes, unordered outbox).
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      // Async functions without `await` are normal when implementing an async interface
      // (e.g. the in-memory store behind the sync engine's storage contract).
      '@typescript-eslint/require-await': 'off',
      // Numbers and booleans in template strings are fine for log and error messages.
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true, allowBoolean: true }],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      'no-console': 'off',
    },
  },
  {
    // Plain JS files (configs, scripts) are not part of any typed program's strict checks.
    files: ['**/*.{js,mjs,cjs}'],
    extends: [tseslint.configs.disableTypeChecked],
  },
  {
    // Tests: vitest's `expect(obj.method)` and mocks trip unbound-method, and its asymmetric
    // matchers (`expect.any(String)`, `expect.stringMatching(…)`) are typed `any`.
    files: ['**/*.test.{ts,tsx}', '**/e2e/**/*.ts', '**/bench/**/*.ts'],
    rules: {
      '@typescript-eslint/unbound-method': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
    },
  },

  // ---- Layering -------------------------------------------------------------------------
  {
    files: ['packages/domain/**/*.{ts,tsx}'],
    rules: restrict(layer.drizzle, layer.fastify, layer.browser, layer.nodeIo, layer.sync, layer.apps),
  },
  {
    files: ['packages/sync/**/*.{ts,tsx}'],
    rules: restrict(layer.drizzle, layer.fastify, layer.browser, layer.apps),
  },
  {
    // The server half of the sync engine writes the change log with drizzle.
    files: ['packages/sync/src/server/**/*.ts'],
    rules: restrict(layer.fastify, layer.browser, layer.apps),
  },
  {
    files: ['packages/sync/src/client/**/*.{ts,tsx}'],
    rules: restrict(layer.drizzle, layer.fastify, layer.browser, layer.apps, layer.syncServer),
  },
  {
    // Test files of the sync package may run the server side on PGlite / PostgreSQL.
    files: ['packages/sync/**/*.test.ts', 'packages/sync/bench/**/*.ts'],
    rules: restrict(layer.fastify, layer.browser, layer.apps),
  },
  {
    files: ['apps/web/src/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: restrict(...webRestrictions),
  },
  // A feature (apps/web/src/features/<a>/) imports only downward — app-wide layers such as jobs/,
  // items/, sync/, attachments/, ui/, i18n/, local-db/ — never another feature, so that each
  // route stays one lazy chunk. Patterns see the import string, not the resolved file, so each
  // feature and each folder depth gets its own block: going up to `features/` and into a
  // different folder is the forbidden step.
  ...webFeatures.flatMap((feature) =>
    [1, 2, 3].map((depth) => ({
      files: [`apps/web/src/features/${feature}/${'*/'.repeat(depth - 1)}*.{ts,tsx}`],
      rules: restrict(...webRestrictions, {
        regex: `^(\\.\\./){${depth}}(?!${feature}/)[^./][^/]*/|^(\\.\\./){${depth + 1}}features/(?!${feature}/)`,
        message: `A feature may not import another feature (${feature} → …): move what both use into a shared layer below the features (src/jobs, src/items, ui/, sync/ …).`,
      }),
    })),
  ),
  {
    // src/ only: e2e helpers named use* (useE2eSuite) are vitest helpers, not React hooks.
    files: ['apps/web/src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules },
  },
  {
    files: ['apps/api/src/**/*.ts'],
    rules: restrict(layer.browser),
  },

  // ---- Configuration only through each app's env.ts --------------------------------------
  {
    files: ['apps/*/src/**/*.{ts,tsx}', 'packages/*/src/**/*.ts'],
    ignores: ['**/env.ts', '**/*.test.{ts,tsx}', '**/src/test/**'],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'Read configuration through the app’s env.ts.' },
      ],
    },
  },
);
