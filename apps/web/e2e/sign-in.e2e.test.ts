import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO_USERS, mainHeading, signIn, submitSignIn, useE2eSuite } from './harness/index.ts';

const suite = useE2eSuite();

/** Signs out with the header's button and reloads: the sign-in screen, before and after. */
async function signOutAndReload(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByRole('heading', { name: 'Sign in to Lastmile' }).waitFor();
  await page.reload();
  await page.getByRole('heading', { name: 'Sign in to Lastmile' }).waitFor();
}

describe('sign-in and role-aware home', () => {
  it('opens "My jobs today" for a technician, with their role in the header', async () => {
    const { page } = await suite.newPage();
    await signIn(page, DEMO_USERS.technician);
    await expect.poll(() => mainHeading(page)).toBe('My jobs today');
    await expect(page.getByRole('banner').textContent()).resolves.toContain('Technician');
  });

  it('opens "My team\'s jobs today" for a lead', async () => {
    const { page } = await suite.newPage();
    await signIn(page, DEMO_USERS.lead);
    await expect.poll(() => mainHeading(page)).toBe("My team's jobs today");
    await expect(page.getByRole('banner').textContent()).resolves.toContain('Team lead');
  });

  it('opens "All jobs" with search and status filter for the office', async () => {
    const { page } = await suite.newPage();
    await signIn(page, DEMO_USERS.office);
    await expect.poll(() => mainHeading(page)).toBe('All jobs');
    await page.getByRole('searchbox', { name: 'Search jobs' }).waitFor();
    // On a phone the filters fold behind one button; the status filter is behind it.
    await page.getByRole('button', { name: /^Filters/ }).click();
    await page.getByRole('button', { name: /^Status:/ }).waitFor();
  });

  it("shows the API's own message for a wrong password and lets the person retry", async () => {
    const expected = await fetch(`${suite.server().url}/api/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: DEMO_USERS.technician, password: 'not-the-password' }),
    }).then(async (response) => ({ status: response.status, body: (await response.json()) as { message: string } }));
    expect(expected.status).toBe(401);

    const { page } = await suite.newPage();
    await page.goto('/');
    await submitSignIn(page, DEMO_USERS.technician, 'not-the-password');
    const alert = page.getByRole('alert');
    await expect.poll(() => alert.textContent()).toBe(expected.body.message);
    expect(await page.getByRole('button', { name: 'Sign in' }).isEnabled()).toBe(true);
  });

  it('checks the email before calling the server', async () => {
    const { page } = await suite.newPage();
    await page.goto('/');
    await submitSignIn(page, 'not-an-email', 'whatever');
    await page.getByText('Enter your email address').waitFor();
    expect(await page.getByLabel('Email').getAttribute('aria-invalid')).toBe('true');
  });

  it('signs out back to the sign-in screen, and stays signed out after a reload', async () => {
    const { page } = await suite.newPage();
    await signIn(page, DEMO_USERS.technician);
    await signOutAndReload(page);
    // Signing out is the person's own doing: nothing to explain.
    expect(await page.getByText('Your session ended').count()).toBe(0);
  });

  it('returns to sign-in with an explanation when the server no longer knows the session', async () => {
    const { context, page } = await suite.newPage();
    await signIn(page, DEMO_USERS.technician);
    await context.clearCookies();
    await page.reload();
    await page.getByText('Your session ended').waitFor();
    await page.getByRole('heading', { name: 'Sign in to Lastmile' }).waitFor();
    // The page that learnt it may be the one before the reload (its sync was refused first): the
    // explanation outlives the page, as it does a phone that closed the app overnight.
    await page.reload();
    await page.getByText('Your session ended').waitFor();
    // Until the next sign-in, which ends it; a sign-out of one's own explains nothing.
    await signIn(page, DEMO_USERS.technician);
    await signOutAndReload(page);
    expect(await page.getByText('Your session ended').count()).toBe(0);
  });
});
