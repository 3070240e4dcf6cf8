/* global self, caches, location */
/**
 * The technician home's content snapshot, served by the service worker (ADR 0034). Imported by
 * the generated service worker (vite.config.ts, workbox.importScripts) before workbox's own
 * routes, so this listener sees a navigation first.
 *
 * On a navigation to exactly `/`, the worker answers with the precached index.html; when the app
 * has left a snapshot of this person's home (src/snapshot/home-snapshot.ts) that is for today and
 * for this build, its markup goes into the page ahead of the (hidden) #root, so the first job card
 * paints with the HTML, before any script runs. The app removes it once its own home has
 * rendered. Everything else is workbox's: other paths, and `/` when the worker cannot read its
 * own copy of index.html.
 *
 * Plain JavaScript on purpose: it runs inside the generated worker, not through the app's build.
 */
const SNAPSHOT_CACHE = 'lastmile-home-snapshot';
const SNAPSHOT_URL = '/__home-snapshot';
const PRECACHE_PREFIX = 'workbox-precache-v2-';
const ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const STYLESHEET = /^\/assets\/[\w.-]+\.css$/;
const ROOT = '<div id="root"></div>';

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.mode !== 'navigate' || request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== location.origin || url.pathname !== '/' || url.search !== '') return;
  const shell = precachedShell();
  // Decided before answering: without our own index.html, workbox's routes answer as before.
  event.respondWith(
    shell
      .then((response) => (response ? withSnapshot(response) : self.fetch(request)))
      .catch(() => self.fetch(request)),
  );
  event.stopImmediatePropagation();
});

/**
 * index.html from workbox's precache. While an update waits, the cache holds the running and the
 * waiting version's copies; entries keep the order they were stored in, so the first is the
 * running worker's (the waiting one's was added later; activation deletes the older).
 */
async function precachedShell() {
  const names = await caches.keys();
  const name = names.find((n) => n.startsWith(PRECACHE_PREFIX));
  if (!name) return null;
  const cache = await caches.open(name);
  const keys = await cache.keys();
  const key = keys.find((k) => new URL(k.url).pathname === '/index.html');
  return key ? ((await cache.match(key)) ?? null) : null;
}

/** The local calendar day, as the app's "today" (src/jobs/use-day-jobs.ts) counts it. */
function today() {
  const now = new Date();
  const pad = (n) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** The entry script of a page: the build the snapshot must have been taken with. */
function entryScript(html) {
  const match = /<script type="module"[^>]*\ssrc="([^"]+)"/.exec(html);
  return match ? match[1] : null;
}

async function readSnapshot() {
  const cache = await caches.open(SNAPSHOT_CACHE);
  const response = await cache.match(SNAPSHOT_URL);
  if (!response) return null;
  const snapshot = await response.json();
  const valid =
    snapshot &&
    typeof snapshot.markup === 'string' &&
    typeof snapshot.userId === 'string' &&
    ID.test(snapshot.userId) &&
    typeof snapshot.day === 'string' &&
    typeof snapshot.build === 'string' &&
    Array.isArray(snapshot.styles) &&
    snapshot.styles.every((href) => typeof href === 'string' && STYLESHEET.test(href));
  return valid ? snapshot : null;
}

async function withSnapshot(shell) {
  const html = await shell.clone().text();
  // An unreadable snapshot means the plain page.
  const snapshot = await readSnapshot().catch(() => null);
  if (!snapshot || snapshot.day !== today() || snapshot.build !== entryScript(html) || !html.includes(ROOT)) {
    return shell;
  }
  const styles = snapshot.styles.map((href) => `<link rel="stylesheet" href="${href}">`).join('');
  const page = html
    .replace('</head>', `${styles}</head>`)
    .replace(
      ROOT,
      `<div id="home-snapshot" data-user="${snapshot.userId}">${snapshot.markup}</div><div id="root" hidden></div>`,
    );
  const headers = new Headers(shell.headers);
  headers.delete('content-length');
  headers.delete('content-encoding');
  return new Response(page, { status: 200, headers });
}
