import { describe, expect, it } from 'vitest';
import { DEMO_USERS, mainHeading, signIn, useE2eSuite } from './harness/index.ts';

const suite = useE2eSuite();

describe('routes', () => {
  it('names the screen in the title and moves focus to it after an in-app navigation', async () => {
    const { page } = await suite.newPage();
    await signIn(page, DEMO_USERS.technician);
    await expect.poll(() => page.title()).toBe('My jobs today · Lastmile');
    const card = page.locator('.job-card__link').first();
    await card.click();
    await page.getByRole('link', { name: '← Back' }).waitFor();
    await expect.poll(() => page.title()).toBe('Job · Lastmile');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
    await page.goBack();
    await expect.poll(() => page.title()).toBe('My jobs today · Lastmile');
  });

  it('says why an office screen is not shown to a technician, without loading its code', async () => {
    const { page } = await suite.newPage();
    await signIn(page, DEMO_USERS.technician);
    const officeCode: string[] = [];
    page.on('request', (request) => {
      if (/\/assets\/(office|builder)-/.test(request.url())) officeCode.push(request.url());
    });
    await page.goto('/templates');
    await expect.poll(() => mainHeading(page)).toBe('Not available to you');
    await page.getByText('This screen is for office staff. You are signed in as Technician.').waitFor();
    expect(officeCode).toEqual([]);
  });

  it('shows a not-found screen for an unknown path, with a way back', async () => {
    const { page } = await suite.newPage();
    await signIn(page, DEMO_USERS.office);
    await page.goto('/no/such/screen');
    await expect.poll(() => mainHeading(page)).toBe('Page not found');
    await page.getByText('Lastmile has no screen at /no/such/screen.').waitFor();
    await page.getByRole('link', { name: 'Go to the start screen' }).click();
    await expect.poll(() => mainHeading(page)).toBe('All jobs');
  });
});
