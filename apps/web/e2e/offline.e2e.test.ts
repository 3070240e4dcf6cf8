import { describe, expect, it } from 'vitest';
import {
  DEMO_USERS,
  cachedSession,
  mainHeading,
  signIn,
  useE2eSuite,
  waitForServiceWorkerControl,
} from './harness/index.ts';

const suite = useE2eSuite();

describe('offline start', () => {
  it('reopens into the home screen without a connection after one online visit', async () => {
    const { context, page } = await suite.newPage();
    await signIn(page, DEMO_USERS.technician);
    await waitForServiceWorkerControl(page);
    expect(await cachedSession(page)).not.toBeNull();

    await context.setOffline(true);
    await page.reload();
    await expect.poll(() => mainHeading(page)).toBe('My jobs today');
    await expect(page.getByRole('banner').textContent()).resolves.toContain('Technician');

    // A new tab, still offline: the app shell and the session come from the device alone.
    const second = await context.newPage();
    await second.goto('/');
    await expect.poll(() => mainHeading(second)).toBe('My jobs today');
  });

  it('keeps the person signed in when revalidation fails for lack of network', async () => {
    const { context, page } = await suite.newPage();
    await signIn(page, DEMO_USERS.office);
    await waitForServiceWorkerControl(page);
    await context.setOffline(true);
    await page.reload();
    await expect.poll(() => mainHeading(page)).toBe('All jobs');
    // Reconnecting triggers a background check that succeeds; the app stays where it was. The
    // check starts with the `online` event, so the wait is set up before the reconnect.
    const checked = page.waitForResponse((response) => response.url().endsWith('/api/auth/me') && response.ok());
    await context.setOffline(false);
    await checked;
    await expect.poll(() => mainHeading(page)).toBe('All jobs');
  });
});
