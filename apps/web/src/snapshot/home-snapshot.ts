/**
 * The technician home's content snapshot (ADR 0034): once the home has rendered from IndexedDB,
 * its markup is kept in Cache Storage for public/home-snapshot-sw.js, which puts it into the next
 * cold start's HTML, so the first job card paints before any script has run. React renders into
 * the hidden #root meanwhile; revealLiveApp() swaps the two once the live home has drawn.
 *
 * Who may see it: only the person it was taken for. It is taken only while one person (the
 * phone's own) holds the phone, never with a crew; every sign-in, sign-out, expiry, revocation,
 * device wipe and crew join deletes it; the worker serves it only for today and for the running
 * build; and should the session that loads belong to someone else, it goes at once.
 */

const CACHE = 'lastmile-home-snapshot';
const URL_KEY = '/__home-snapshot';
const SNAPSHOT_ID = 'home-snapshot';
/** Taking one reads the whole page: after the list settles, not on every change. */
const SAVE_DELAY_MS = 800;

export type HomeSnapshot = {
  userId: string;
  /** The local day it shows (YYYY-MM-DD); the worker serves it on that day only. */
  day: string;
  /** The page's entry script: the worker serves it only with the same build. */
  build: string;
  /** The lazy screens' stylesheets the home had loaded (the entry's own is in index.html). */
  styles: string[];
  markup: string;
};

/** Whether a snapshot may be taken now, set by the shell: one person, the phone's own, no crew. */
let allowedFor: string | null = null;

export function allowHomeSnapshot(userId: string | null): void {
  allowedFor = userId;
}

function cacheStorage(): CacheStorage | null {
  return typeof caches === 'undefined' ? null : caches;
}

export function localDayKey(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** Deletes the snapshot; resolves once it is gone (or there was none). */
export async function deleteHomeSnapshot(): Promise<void> {
  await cacheStorage()
    ?.delete(CACHE)
    .catch(() => false);
}

/**
 * The page as it is now, without what a strict CSP would refuse in served HTML (style
 * attributes) and without anything a person could type into. Its buttons are disabled: no script
 * stands behind them until the live app replaces the snapshot, and a tap that silently does
 * nothing (Sign out, a tab, Sync) is worse than a button that says it is not ready yet. Links
 * stay: they are real addresses and work before any script has run.
 */
export function snapshotMarkup(root: HTMLElement): string {
  const copy = root.cloneNode(true) as HTMLElement;
  for (const element of copy.querySelectorAll('[style]')) element.removeAttribute('style');
  for (const element of copy.querySelectorAll('script, dialog, input, textarea, select')) element.remove();
  for (const button of copy.querySelectorAll('button')) button.setAttribute('disabled', '');
  return copy.innerHTML;
}

/**
 * The app's stylesheets the page has loaded, as paths (`/assets/x.css`). index.html's own links
 * hold paths, but the ones the bundler's loader adds for lazy screens hold absolute URLs: reading
 * the attribute missed those (the header's own CSS among them), so the snapshot painted an
 * unstyled header that collapsed when the live app's CSS arrived (a 0.096 layout shift).
 */
export function snapshotStyles(doc: Document): string[] {
  const paths = [...doc.querySelectorAll<HTMLLinkElement>('link[rel="stylesheet"]')].flatMap((link) => {
    const url = new URL(link.href, doc.baseURI);
    const own = url.origin === new URL(doc.baseURI).origin && /^\/assets\/[\w.-]+\.css$/.test(url.pathname);
    return own ? [url.pathname] : [];
  });
  return [...new Set(paths)];
}

function takeSnapshot(userId: string): HomeSnapshot | null {
  const root = document.getElementById('root');
  const build = document.querySelector('script[type="module"][src]')?.getAttribute('src');
  if (!root || !build || !root.querySelector('.job-card, .empty-state')) return null;
  return {
    userId,
    day: localDayKey(new Date()),
    build,
    styles: snapshotStyles(document),
    markup: snapshotMarkup(root),
  };
}

let pending: ReturnType<typeof setTimeout> | null = null;

/**
 * The home has drawn this person's list: keep it for the next cold start, a moment later. Only
 * for the person the shell allowed; anyone else's list (a crew member's) is never kept.
 */
export function offerHomeSnapshot(userId: string): void {
  if (pending) clearTimeout(pending);
  pending = setTimeout(() => {
    pending = null;
    if (allowedFor !== userId) return;
    const snapshot = takeSnapshot(userId);
    const storage = cacheStorage();
    if (!snapshot || !storage) return;
    void storage
      .open(CACHE)
      .then(async (cache) => {
        // Checked again after the await: a sign-out or crew join in between wins.
        if (allowedFor !== userId) return;
        await cache.put(
          URL_KEY,
          new Response(JSON.stringify(snapshot), { headers: { 'content-type': 'application/json' } }),
        );
        if (allowedFor !== userId) await deleteHomeSnapshot();
      })
      .catch(() => undefined);
  }, SAVE_DELAY_MS);
}

/** Stops a snapshot that was about to be taken (sign-out, crew join). */
export function cancelHomeSnapshot(): void {
  if (pending) clearTimeout(pending);
  pending = null;
  allowedFor = null;
}

/** The person whose snapshot this page opened with, or null when it opened without one. */
export function shownSnapshotUser(): string | null {
  return document.getElementById(SNAPSHOT_ID)?.getAttribute('data-user') ?? null;
}

/** Replaces the snapshot with the live app (its own home, the sign-in page, whatever it shows). */
export function revealLiveApp(): void {
  document.getElementById(SNAPSHOT_ID)?.remove();
  const root = document.getElementById('root');
  if (root?.hidden) root.hidden = false;
}
