import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { appDbName } from '../src/local-db/open-app-db.ts';
import { axeViolations } from './a11y-checks.ts';
import { cachedSession, DEMO_USERS, localRows, mainHeading, signIn, useE2eSuite } from './harness/index.ts';

const suite = useE2eSuite();
const ADMIN = 'admin@demo.lastmile.app';
const TECHNICIAN = DEMO_USERS.technician;
const pending = (page: Page) => page.getByTestId('sync-pending').textContent();
const databases = (page: Page) =>
  page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name ?? '').filter(Boolean));

describe('revoking a lost phone', () => {
  it('the admin sees its pending change and revokes it; at its next contact the phone says why and erases itself', async () => {
    // The technician's phone, with their jobs on it.
    const phone = await suite.newPage();
    await signIn(phone.page, TECHNICIAN);
    await phone.page.locator('article.job-card').first().waitFor({ timeout: 20_000 });
    const techId = (await cachedSession(phone.page))!.user.id;
    // From the phone's own IndexedDB: a second API client would register a second device.
    const job = (await localRows(phone.page, techId, 'jobs')).find((j) => j.status === 'scheduled');
    await phone.page.goto(`/jobs/${job!.id}`);
    await phone.page.getByRole('button', { name: 'Start' }).waitFor();

    // On a bad connection the answers to its pushes are lost on the way back: the server receives
    // each push (and the report in it) while the phone still counts the change as pending.
    // The handler can outlive its route: the page may cancel the request (or the test unroute it)
    // while route.fetch() waits, and answering then throws "Route is already handled" as an
    // unhandled rejection that fails the whole run. Such a request has no one left to answer.
    await phone.page.route('**/api/sync/push', async (route) => {
      try {
        const response = await route.fetch();
        if (response.ok()) await route.abort('connectionreset');
        else await route.fulfill({ response });
      } catch (error) {
        if (!String(error).includes('already handled')) throw error;
      }
    });
    await phone.context.setOffline(true);
    await phone.page.getByRole('button', { name: 'Start' }).click();
    await expect.poll(() => pending(phone.page), { timeout: 10_000 }).toBe('1 change only on this phone');
    await phone.context.setOffline(false);

    // The admin finds the phone in the registry with what it reported.
    const admin = await suite.newPage();
    await admin.page.setViewportSize({ width: 1280, height: 800 });
    await signIn(admin.page, ADMIN);
    await admin.page.getByRole('link', { name: 'Devices' }).click();
    await expect.poll(() => mainHeading(admin.page)).toBe('Devices');
    await admin.page.getByLabel('Person').selectOption(techId);
    const card = admin.page.locator('article.device-card');
    await expect
      .poll(
        async () => {
          await admin.page.getByLabel('Order').selectOption('last_contact_asc');
          await admin.page.getByLabel('Order').selectOption('last_contact_desc');
          return card.allTextContents();
        },
        { timeout: 20_000 },
      )
      .toEqual([expect.stringContaining('1 change not yet synced')]);
    expect(await card.textContent()).toMatch(/Chrome \d+ on (Android|Linux)/);

    // Revoke, with a reason and a confirmation that warns about the pending change.
    await card.getByRole('button', { name: /^Revoke the device of/ }).click();
    const dialog = admin.page.getByRole('dialog', { name: 'Revoke this device?' });
    await dialog.getByText('At its last contact it had 1 change not yet synced').waitFor();
    await dialog.getByRole('button', { name: 'Revoke device' }).click();
    await dialog.getByRole('alert').getByText('Give a reason.').waitFor();
    await dialog.getByLabel(/^Reason/).fill('Phone lost on site');
    await dialog.getByRole('button', { name: 'Revoke device' }).click();
    await card.getByText(/Revoked .* by Morgan Reid/).waitFor();
    await card.getByText('Reason: Phone lost on site').waitFor();

    // The phone's next contact (its live-update stream was closed at once): refused, told why, erased.
    await phone.page.unrouteAll({ behavior: 'ignoreErrors' });
    await phone.page
      .getByRole('heading', { name: 'This device was removed from Lastmile' })
      .waitFor({ timeout: 30_000 });
    await phone.page.getByText('Reason given: Phone lost on site').waitFor();
    await phone.page.getByText(/^Erased\./).waitFor({ timeout: 15_000 });
    expect(await axeViolations(phone.page)).toEqual([]);
    const left = await databases(phone.page);
    expect(left).not.toContain(appDbName(techId));
    expect(left).not.toContain('lastmile-device');
    expect(left.filter((name) => name.startsWith('lastmile-'))).toEqual([]);
    // The service worker's app shell stays (the sign-in page opens); no cache of API answers does.
    const caches = await phone.page.evaluate(() => globalThis.caches.keys());
    expect(caches.filter((name) => !name.includes('precache'))).toEqual([]);

    // Signing in again makes it a new device; the revoked one stays revoked in the registry.
    await phone.page.getByRole('button', { name: 'Go to sign-in' }).click();
    await phone.page.getByRole('heading', { name: 'Sign in to Lastmile' }).waitFor();
    await signIn(phone.page, TECHNICIAN);
    await phone.page.locator('article.job-card').first().waitFor({ timeout: 20_000 });
    await admin.page.reload();
    await expect
      .poll(async () => (await admin.page.locator('article.device-card').allTextContents()).length, {
        timeout: 20_000,
      })
      .toBe(2);
    expect(await admin.page.locator('article.device-card--revoked').count()).toBe(1);
  });
});
