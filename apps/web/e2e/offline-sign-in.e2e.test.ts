import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  DEMO_PASSWORD,
  DEMO_USERS,
  mainHeading,
  signIn,
  submitSignIn,
  useE2eSuite,
  waitForServiceWorkerControl,
} from './harness/index.ts';

const suite = useE2eSuite();
const jobTitles = (page: Page) => page.locator('article.job-card .job-card__title');
const heading = (page: Page, name: string) => page.getByRole('heading', { level: 1, name }).waitFor();

/** Accepts the next confirmation and returns what it said. */
function acceptNextDialog(page: Page): Promise<string> {
  return new Promise((resolve) => {
    page.once('dialog', (dialog) => {
      resolve(dialog.message());
      void dialog.accept();
    });
  });
}

describe('never locked out offline', () => {
  it('signs back in offline after signing out offline, into the same jobs', async () => {
    const { context, page } = await suite.newPage();
    await signIn(page, DEMO_USERS.technician);
    await waitForServiceWorkerControl(page);
    await jobTitles(page).first().waitFor();
    const jobs = await jobTitles(page).allTextContents();

    await context.setOffline(true);
    const asked = acceptNextDialog(page);
    await page.getByRole('button', { name: 'Sign out' }).click();
    expect(await asked).toContain('sign in on this phone with the same email and password');
    await page.getByRole('heading', { name: 'Sign in to Lastmile' }).waitFor();

    await submitSignIn(page, DEMO_USERS.technician, 'not-the-password');
    await page.getByRole('alert').getByText('do not match anyone who signed in on this phone').waitFor();

    await submitSignIn(page, DEMO_USERS.technician, DEMO_PASSWORD);
    await heading(page, 'My jobs today');
    await jobTitles(page).first().waitFor();
    expect(await jobTitles(page).allTextContents()).toEqual(jobs);

    // The server session was never ended (the sign-out could not reach it): it carries on.
    const confirmed = page.waitForResponse((response) => response.url().endsWith('/api/auth/me') && response.ok());
    await context.setOffline(false);
    await confirmed;
    await expect.poll(() => mainHeading(page)).toBe('My jobs today');
    expect(await jobTitles(page).allTextContents()).toEqual(jobs);
  });

  it('asks for an online sign-in when the server ended the session meanwhile', async () => {
    const { context, page } = await suite.newPage();
    await signIn(page, DEMO_USERS.lead);
    await waitForServiceWorkerControl(page);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in to Lastmile' }).waitFor();

    await context.setOffline(true);
    await submitSignIn(page, DEMO_USERS.lead, DEMO_PASSWORD);
    await heading(page, "My team's jobs today");

    await context.setOffline(false);
    await page.getByText('Your session ended').waitFor({ timeout: 20_000 });
    // The verifier went with the session: offline, this phone now needs signal again.
    await context.setOffline(true);
    await submitSignIn(page, DEMO_USERS.lead, DEMO_PASSWORD);
    await page.getByRole('alert').getByText('do not match anyone who signed in on this phone').waitFor();
  });

  it('keeps the offline sign-in after an online sign-out that a sync was refused for meanwhile', async () => {
    const { context, page } = await suite.newPage();
    await signIn(page, DEMO_USERS.technician);
    await waitForServiceWorkerControl(page);
    await jobTitles(page).first().waitFor();
    // The sign-out reaches the server; before its answer is back, a sync is refused for the
    // session it just ended, and the app asks the server about that session (a 401). That is the
    // person's own sign-out, not the server ending the session: this phone still opens offline.
    await page.route('**/api/auth/sign-out', async (route) => {
      const response = await route.fetch();
      const asked = page.waitForResponse((r) => r.url().endsWith('/api/auth/me') && r.status() === 401);
      await page.getByRole('button', { name: 'Sync now' }).click();
      await asked;
      await route.fulfill({ response });
    });
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in to Lastmile' }).waitFor();
    expect(await page.getByText('Your session ended').count()).toBe(0);

    await context.setOffline(true);
    await submitSignIn(page, DEMO_USERS.technician, DEMO_PASSWORD);
    await heading(page, 'My jobs today');
    await jobTitles(page).first().waitFor();
  });
});
