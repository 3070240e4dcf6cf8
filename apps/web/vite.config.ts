import { readFileSync } from 'node:fs';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import { compileMessages } from './vite-plugins/compile-messages.ts';
import { precompress } from './vite-plugins/precompress.ts';

const THEME_COLOR = '#0b5cad';
const BACKGROUND_COLOR = '#f4f6f8';
/** Reported by each device in its sync requests (the admin's device registry). */
const APP_VERSION = (JSON.parse(readFileSync(new URL('package.json', import.meta.url), 'utf8')) as { version: string })
  .version;

export default defineConfig({
  define: { __APP_VERSION__: JSON.stringify(APP_VERSION) },
  plugins: [
    compileMessages(),
    react(),
    VitePWA({
      // Never swap the running app behind the user's back: a waiting worker is only activated
      // when the person taps "Update" (see src/app/update-prompt.tsx).
      registerType: 'prompt',
      // The app registers the worker itself through virtual:pwa-register/react.
      injectRegister: false,
      strategies: 'generateSW',
      includeAssets: ['icons/favicon-32.png', 'icons/apple-touch-icon-180.png'],
      manifest: {
        name: 'Lastmile',
        short_name: 'Lastmile',
        description: 'Field service jobs, forms and photos that keep working without signal.',
        lang: 'en',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        orientation: 'any',
        theme_color: THEME_COLOR,
        background_color: BACKGROUND_COLOR,
        icons: [
          { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
          { src: '/icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      workbox: {
        globPatterns: ['**/*.{js,css,html,png,svg,ico,woff,woff2,webmanifest}'],
        navigateFallback: 'index.html',
        // API calls must reach the network (or fail fast so the app falls back to local data).
        navigateFallbackDenylist: [/^\/api\//],
        cleanupOutdatedCaches: true,
        // Before workbox's own routes: a cold start of the technician home opens with the home
        // snapshot in its HTML (public/home-snapshot-sw.js, ADR 0034).
        importScripts: ['/home-snapshot-sw.js'],
        // A verified photo's bytes never change (ETag = SHA-256): once seen, it stays viewable
        // offline — the lead's thumbnails in the truck, a photo whose local copy was dropped for space.
        // Only successful responses are kept; a 409 "still uploading" is never cached.
        runtimeCaching: [
          {
            urlPattern: ({ url, request }) =>
              request.method === 'GET' && /^\/api\/attachments\/[0-9a-f-]{36}(\/thumbnail)?$/.test(url.pathname),
            handler: 'CacheFirst',
            options: {
              cacheName: 'lastmile-photos',
              cacheableResponse: { statuses: [200] },
              expiration: { maxEntries: 600, maxAgeSeconds: 60 * 24 * 60 * 60, purgeOnQuotaError: true },
            },
          },
        ],
      },
    }),
    precompress(),
  ],
  server: {
    proxy: { '/api': { target: 'http://localhost:3000', changeOrigin: false } },
  },
  preview: {
    proxy: { '/api': { target: 'http://localhost:3000', changeOrigin: false } },
  },
  // manifest.json: which chunks each entry and route pulls in (scripts/initial-js.ts measures it).
  build: {
    target: 'es2022',
    sourcemap: true,
    manifest: true,
    // One stylesheet for the whole app (49 kB, 9 kB brotli), linked from index.html: no lazy
    // screen waits on its CSS or paints unstyled, and the home snapshot needs no list of them
    // (ADR 0042).
    cssCodeSplit: false,
    // index.html keeps its <link rel="modulepreload"> for the entry's imports; a lazy import no
    // longer adds links at run time. Appending them cost up to 50 ms of main thread (200 ms at 4×)
    // in the start's first task, and the service worker serves a lazy chunk's imports at once
    // anyway (ADR 0042).
    modulePreload: { resolveDependencies: (_file, deps, { hostType }) => (hostType === 'html' ? deps : []) },
  },
});
