import type { Page } from 'playwright-core';
import { DEMO_PASSWORD } from './demo.ts';

/** Fills and submits the sign-in form; does not wait for the outcome. */
export async function submitSignIn(page: Page, email: string, password: string): Promise<void> {
  if (!page.url().startsWith('http')) await page.goto('/');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** Signs in through the UI and waits until the signed-in app (its Sign out button) shows. */
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await submitSignIn(page, email, password);
  await page.getByRole('button', { name: 'Sign out' }).waitFor({ timeout: 20_000 });
}

/** The text of the page's h1 once it shows. */
export async function mainHeading(page: Page): Promise<string> {
  const heading = page.getByRole('main').getByRole('heading', { level: 1 });
  await heading.waitFor();
  return (await heading.textContent()) ?? '';
}

/**
 * Reloads until a service worker controls the page. With registerType 'prompt' the first
 * worker activates but does not claim the page that installed it; the next load is controlled.
 */
export async function waitForServiceWorkerControl(page: Page): Promise<void> {
  for (let attempt = 0; attempt < 5; attempt++) {
    // `ready` never settles when this page's registration did not start (seen once on a loaded CI
    // machine: the test hung for its whole 2 minutes); a reload registers again.
    const controlled = await page.evaluate(async () => {
      await Promise.race([navigator.serviceWorker.ready, new Promise((resolve) => setTimeout(resolve, 15_000))]);
      return navigator.serviceWorker.controller !== null;
    });
    if (controlled) return;
    await page.reload();
  }
  throw new Error('No service worker took control of the page after 5 reloads');
}

/** In-app navigation (what tapping a link does): no reload, so it works offline and keeps the app's state. */
export async function go(page: Page, path: string): Promise<void> {
  await page.evaluate((p) => {
    history.pushState(null, '', p);
    dispatchEvent(new PopStateEvent('popstate'));
  }, path);
}
