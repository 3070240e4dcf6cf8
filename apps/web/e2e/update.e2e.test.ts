import { readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { apiDevice, DEMO_USERS, signIn, useE2eSuite, waitForServiceWorkerControl } from './harness/index.ts';
import { WEB_DIST } from './harness/paths.ts';

const suite = useE2eSuite();
const SW = join(WEB_DIST, 'sw.js');
const original = readFileSync(SW, 'utf8');
const ASSETS = join(WEB_DIST, 'assets');
/** Chunk files a simulated deployment took away, to put back after the test. */
const removed: [from: string, to: string][] = [];
afterEach(() => {
  writeFileSync(SW, original);
  for (const [from, to] of removed.splice(0)) renameSync(to, from);
});

/**
 * Deploys a "new build" of one lazy chunk: the old file (and its .br/.gz/.map) leaves the server
 * and a file with a new hash takes its place, in sw.js's precache list too — as after a real build.
 */
function redeployChunk(prefix: string): { oldFile: string } {
  // `<name>-<8-character hash>.js`: technician- must not match technician-home-.
  const oldFile = readdirSync(ASSETS).find((name) => new RegExp(`^${prefix}[\\w-]{8}\\.js$`).test(name));
  if (!oldFile) throw new Error(`no ${prefix}*.js in ${ASSETS}`);
  const newFile = `${prefix}NEWBUILD.js`;
  for (const suffix of ['', '.br', '.gz', '.map']) {
    const from = join(ASSETS, oldFile + suffix);
    const to = join(ASSETS, newFile + suffix);
    try {
      renameSync(from, to);
      removed.push([from, to]);
    } catch {
      // not every chunk has a .br/.gz (too small to gain)
    }
  }
  writeFileSync(SW, original.replaceAll(oldFile, newFile));
  return { oldFile };
}

describe('app updates', () => {
  it('offers a new version but does not let it take over while changes are only on this phone', async () => {
    const { context, page } = await suite.newPage();
    await signIn(page, DEMO_USERS.technician);
    await waitForServiceWorkerControl(page);
    const firstWorker = await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL);

    // The server is unreachable for pushes: a change stays on the phone.
    await context.route('**/api/sync/push', (route) => route.abort('connectionrefused'));
    const job = (await (await apiDevice(suite.server().url, DEMO_USERS.technician)).jobs()).find(
      (j) => j.status === 'scheduled',
    );
    await page.goto(`/jobs/${job!.id}`);
    await page.getByRole('button', { name: 'Start' }).click();
    await expect
      .poll(() => page.getByTestId('sync-pending').textContent(), { timeout: 10_000 })
      .toBe('1 change only on this phone');

    // A new release is deployed: the browser installs it in the background, and it waits.
    writeFileSync(SW, `${original}\n// release ${Date.now()}\n`);
    await page.evaluate(async () => {
      const registration = await navigator.serviceWorker.getRegistration();
      await registration?.update();
    });
    await page.getByText('An update to Lastmile is ready.').waitFor({ timeout: 15_000 });
    await page.getByText('The update waits until 1 change has synced.').waitFor();
    const update = page.getByRole('button', { name: 'Update now' });
    expect(await update.isDisabled()).toBe(true);
    expect(await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL)).toBe(firstWorker);

    // Once the change has reached the server, the person may update.
    await context.unroute('**/api/sync/push');
    await page.getByRole('button', { name: 'Sync now' }).click();
    await expect
      .poll(() => page.getByTestId('sync-pending').textContent(), { timeout: 15_000 })
      .toBe('All changes synced');
    await expect.poll(() => update.isEnabled(), { timeout: 5000 }).toBe(true);
    await Promise.all([page.waitForEvent('load'), update.click()]);
    await page.getByRole('heading', { level: 1 }).waitFor();
    const office = await apiDevice(suite.server().url, DEMO_USERS.office);
    expect((await office.jobs()).find((j) => j.id === job!.id)?.status).toBe('in_progress');
  });

  it("keeps the running version's lazy screens openable after a new version is deployed, until the update is applied", async () => {
    const { page } = await suite.newPage();
    await signIn(page, DEMO_USERS.technician);
    await waitForServiceWorkerControl(page);
    await page.locator('.job-card__link').first().waitFor();

    // The job screen's chunk has not been loaded yet; the new release replaces it on the server.
    const { oldFile } = redeployChunk('technician-');
    await page.evaluate(async () => {
      const registration = await navigator.serviceWorker.getRegistration();
      await registration?.update();
    });
    await page.getByText('An update to Lastmile is ready.').waitFor({ timeout: 15_000 });
    expect((await fetch(`${suite.server().url}/assets/${oldFile}`)).status).not.toBe(200);

    // Still running the old version, the person opens a job: the old chunk comes from the precache.
    const chunk = page.waitForResponse((response) => response.url().endsWith(`/assets/${oldFile}`));
    await page.locator('.job-card__link').first().click();
    expect((await chunk).fromServiceWorker()).toBe(true);
    await page.getByRole('link', { name: '← Back' }).waitFor({ timeout: 10_000 });
    expect(await page.getByText('This screen could not be opened').count()).toBe(0);
  });
});
