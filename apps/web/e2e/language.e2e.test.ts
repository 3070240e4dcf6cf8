import { describe, expect, it } from 'vitest';
import { DEMO_USERS, mainHeading, signIn, useE2eSuite, waitForServiceWorkerControl } from './harness/index.ts';

const suite = useE2eSuite();

/** The Polish plural form a count needs: 1 zlecenie, 2–4 zlecenia, 5–21 zleceń, 22–24 zlecenia… */
const POLISH_JOBS: Record<string, string> = { one: 'zlecenie', few: 'zlecenia', many: 'zleceń' };

describe('language', () => {
  it('switches the sign-in page to Polish at once and remembers it on the device', async () => {
    const { page } = await suite.newPage();
    await page.goto('/');
    await page.getByLabel('Language').selectOption('pl');
    await expect.poll(() => mainHeading(page)).toBe('Zaloguj się do Lastmile');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('pl');
    await page.reload();
    await expect.poll(() => mainHeading(page)).toBe('Zaloguj się do Lastmile');
    await expect(page.getByRole('button', { name: 'Zaloguj się' }).isVisible()).resolves.toBe(true);
  });

  it('shows the technician home in Polish with Polish plurals, and still after an offline reload', async () => {
    const { context, page } = await suite.newPage();
    await signIn(page, DEMO_USERS.technician);
    await waitForServiceWorkerControl(page);
    await expect.poll(() => mainHeading(page)).toBe('My jobs today');

    await page.getByLabel('Language').selectOption('pl');
    await expect.poll(() => mainHeading(page)).toBe('Moje zlecenia na dziś');
    const meta = page.getByRole('main').locator('.home__meta');
    const count = async () => {
      const match = /(\d+) (\S+)$/.exec((await meta.textContent()) ?? '');
      return match ? { n: Number(match[1]), word: match[2] } : null;
    };
    await expect.poll(count).not.toBeNull();
    const shown = (await count())!;
    // The demo technician has several jobs today: a count that needs "few" or "many", not "one".
    const form = new Intl.PluralRules('pl').select(shown.n);
    expect(['few', 'many']).toContain(form);
    expect(shown.word).toBe(POLISH_JOBS[form]);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('pl');

    await context.setOffline(true);
    await page.reload();
    await expect.poll(() => mainHeading(page)).toBe('Moje zlecenia na dziś');
    await expect.poll(async () => (await count())?.word).toBe(POLISH_JOBS[form]);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('pl');
    await expect(page.getByRole('button', { name: 'Wyloguj' }).isVisible()).resolves.toBe(true);
  });
});
