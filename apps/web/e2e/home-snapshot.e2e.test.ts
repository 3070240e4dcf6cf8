import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  DEMO_USERS,
  cachedSession,
  mainHeading,
  signIn,
  useE2eSuite,
  waitForServiceWorkerControl,
} from './harness/index.ts';

/**
 * The technician home's content snapshot (ADR 0034): an offline cold start paints the day's
 * first job card from the HTML the service worker serves, before any script has run; it is only
 * ever the signed-in person's own, for today and this build, and gone after sign-out.
 */
const suite = useE2eSuite();
const SECOND_TECHNICIAN = 'tech2@demo.lastmile.app';

type Snapshot = { userId: string; day: string; build: string; styles: string[]; markup: string };

function storedSnapshot(page: Page): Promise<Snapshot | null> {
  return page.evaluate(async () => {
    const response = await (await caches.open('lastmile-home-snapshot')).match('/__home-snapshot');
    return response ? ((await response.json()) as Snapshot) : null;
  });
}

/** This person's snapshot of their list: one taken while the first sync had not yet brought any
 * job (the "no jobs on this device yet" state) is replaced once the list has settled. */
async function waitForSnapshotOf(page: Page, userId: string): Promise<Snapshot> {
  await expect
    .poll(
      async () => {
        const snapshot = await storedSnapshot(page);
        return snapshot?.markup.includes('job-card') ? snapshot.userId : null;
      },
      { timeout: 10_000 },
    )
    .toBe(userId);
  return (await storedSnapshot(page))!;
}

/** What the page held when the HTML had been parsed, before its (deferred) module scripts ran. */
type BeforeScripts = {
  snapshotUser: string | null;
  cards: number;
  liveCards: number;
  links: string[];
  buttons: number;
  enabledButtons: number;
};
declare global {
  interface Window {
    lmBeforeScripts?: BeforeScripts;
    lmLayoutShift?: number;
  }
}
function recordBeforeScripts(): void {
  window.lmLayoutShift = 0;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries() as (PerformanceEntry & { value: number; hadRecentInput: boolean })[])
      if (!entry.hadRecentInput) window.lmLayoutShift = (window.lmLayoutShift ?? 0) + entry.value;
  }).observe({ type: 'layout-shift', buffered: true });
  document.addEventListener('readystatechange', () => {
    if (document.readyState !== 'interactive' || window.lmBeforeScripts) return;
    window.lmBeforeScripts = {
      snapshotUser: document.getElementById('home-snapshot')?.getAttribute('data-user') ?? null,
      cards: document.querySelectorAll('.job-card').length,
      liveCards: document.querySelectorAll('#root .job-card').length,
      links: [...document.querySelectorAll('#home-snapshot .job-card a[href]')].map(
        (a) => a.getAttribute('href') ?? '',
      ),
      buttons: document.querySelectorAll('#home-snapshot button').length,
      enabledButtons: document.querySelectorAll('#home-snapshot button:not([disabled])').length,
    };
  });
}

async function signedInTechnician(email: string) {
  const { context, page } = await suite.newPage();
  await context.addInitScript(recordBeforeScripts);
  await signIn(page, email);
  await waitForServiceWorkerControl(page);
  await page.locator('.job-card').first().waitFor();
  const session = await cachedSession(page);
  return { context, page, userId: session!.user.id };
}

describe('home snapshot', () => {
  it('paints the first job card from the HTML on an offline cold start, then the live home takes over', async () => {
    const { context, page, userId } = await signedInTechnician(DEMO_USERS.technician);
    const snapshot = await waitForSnapshotOf(page, userId);
    expect(snapshot.markup).toContain('job-card');
    expect(snapshot.markup).not.toMatch(/\sstyle="/); // the CSP (style-src 'self') would refuse it
    // Every stylesheet the live home had, any a lazy screen added too (such links hold absolute
    // URLs): a snapshot without the header's CSS painted an unstyled header that collapsed when
    // the app's CSS arrived, a layout shift of 0.096 on a 412 px phone (pnpm bench lighthouse).
    const liveStyles = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLLinkElement>('link[rel="stylesheet"]')]
        .map((link) => new URL(link.href).pathname)
        .filter((path) => path.startsWith('/assets/')),
    );
    expect(liveStyles.length).toBeGreaterThan(0);
    expect([...snapshot.styles].sort()).toEqual([...new Set(liveStyles)].sort());

    await context.setOffline(true);
    await page.reload();
    const before = await page.evaluate(() => window.lmBeforeScripts);
    // Before any script ran: this person's cards, from the service worker's HTML alone…
    expect(before?.snapshotUser).toBe(userId);
    expect(before?.cards).toBeGreaterThan(0);
    expect(before?.liveCards).toBe(0);
    // …with real links, so a tap before the app has started still opens the job.
    expect(before?.links.length).toBeGreaterThan(0);
    for (const href of before!.links) expect(href).toMatch(/^\/jobs\/[0-9a-f-]{36}$/);
    // Its buttons (Sign out, Sync, the day tabs) say they are not ready: no script is behind them yet.
    expect(before?.buttons).toBeGreaterThan(0);
    expect(before?.enabledButtons).toBe(0);

    // The app renders its own home from IndexedDB and replaces the snapshot.
    await page.locator('#root:not([hidden]) .job-card').first().waitFor();
    expect(await page.locator('#home-snapshot').count()).toBe(0);
    // Nothing moved on the way: not the snapshot as the app's CSS arrived, not the hand-over.
    expect(await page.evaluate(() => window.lmLayoutShift)).toBeLessThan(0.05);
    await expect.poll(() => mainHeading(page)).toBe('My jobs today');
  });

  it('is not served for another day or another build of the app', async () => {
    const { context, page, userId } = await signedInTechnician(DEMO_USERS.technician);
    const snapshot = await waitForSnapshotOf(page, userId);
    const replace = (changed: Snapshot) =>
      page.evaluate(async (value) => {
        // Put in while the page is closed to saving: the home re-saves only on changes.
        const cache = await caches.open('lastmile-home-snapshot');
        await cache.put('/__home-snapshot', new Response(JSON.stringify(value)));
      }, changed);
    await context.setOffline(true);

    for (const changed of [
      { ...snapshot, day: '2001-01-01' },
      { ...snapshot, build: '/assets/index-OLDBUILD.js' },
    ]) {
      await replace(changed);
      await page.reload();
      expect(await page.evaluate(() => window.lmBeforeScripts)).toMatchObject({ snapshotUser: null, cards: 0 });
      await page.locator('#root .job-card').first().waitFor();
      // The live home keeps a fresh one (today's, this build's) before the next change goes in.
      await expect
        .poll(async () => {
          const stored = await storedSnapshot(page);
          return stored?.day === snapshot.day && stored.build === snapshot.build;
        })
        .toBe(true);
    }
  });

  it('goes with sign-out: the next person never sees the previous person’s day', async () => {
    const { context, page, userId: first } = await signedInTechnician(DEMO_USERS.technician);
    await waitForSnapshotOf(page, first);
    const firstJobs = await page
      .locator('.job-card a[href^="/jobs/"]')
      .evaluateAll((links) => links.map((link) => link.getAttribute('href') ?? ''));
    expect(firstJobs.length).toBeGreaterThan(0);

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('Email').waitFor();
    expect(await storedSnapshot(page)).toBeNull();

    // Offline, a cold start now opens the sign-in page with no one's jobs in it.
    await context.setOffline(true);
    await page.reload();
    expect(await page.evaluate(() => window.lmBeforeScripts)).toMatchObject({ snapshotUser: null, cards: 0 });
    await page.getByLabel('Email').waitFor();

    // The next technician signs in: only their own day is ever kept and served.
    await context.setOffline(false);
    await signIn(page, SECOND_TECHNICIAN);
    await expect.poll(() => mainHeading(page)).toBe('My jobs today');
    const second = (await cachedSession(page))!.user.id;
    expect(second).not.toBe(first);
    const snapshot = await waitForSnapshotOf(page, second);
    for (const href of firstJobs) expect(snapshot.markup).not.toContain(href);

    await context.setOffline(true);
    await page.reload();
    expect((await page.evaluate(() => window.lmBeforeScripts))?.snapshotUser).toBe(second);
  });
});
