import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { axeViolations } from './a11y-checks.ts';
import { apiDevice, DEMO_USERS, localRows, mainHeading, signIn, useE2eSuite } from './harness/index.ts';

const suite = useE2eSuite();
const DESKTOP = { width: 1280, height: 800 };

/** What the server says for a query string, as the office's own session asks it. */
async function serverTotal(page: Page, query: string): Promise<number> {
  const response = await page.request.get(`/api/jobs?${query}&pageSize=1`);
  expect(response.ok()).toBe(true);
  return ((await response.json()) as { total: number }).total;
}

/**
 * axe with a panel open. The table links under the open panel are "partially obscured" targets
 * by design (a popover covers what is under it until it closes); everything else must pass.
 */
const axeOverPanel = async (page: Page) =>
  (await axeViolations(page)).filter((v) => !(v.startsWith('target-size') && v.includes('obscured')));

const shownTotal = async (page: Page) => {
  const text = (await page.locator('.home__meta').first().textContent()) ?? '';
  return Number(/([\d,]+) jobs?/.exec(text)?.[1]?.replace(/,/g, '') ?? NaN);
};

describe('the office jobs table', () => {
  it('shows its first rows above the fold at 1280×800, and filters by several statuses at once', async () => {
    const { page } = await suite.newPage();
    await page.setViewportSize(DESKTOP);
    await signIn(page, DEMO_USERS.office);
    await expect.poll(() => mainHeading(page)).toBe('All jobs');
    const table = page.getByRole('table');
    const rows = table.locator('tbody tr');
    await rows.first().waitFor();
    // At least five whole rows before any scrolling: filters are one line of buttons, rows are short.
    const fifth = await rows.nth(4).boundingBox();
    expect(fifth).not.toBeNull();
    expect(fifth!.y + fifth!.height).toBeLessThanOrEqual(DESKTOP.height);

    const status = page.getByRole('button', { name: /^Status:/ });
    expect(await status.textContent()).toContain('Any');
    await status.click();
    const panel = page.getByRole('group', { name: 'Status', exact: true });
    await panel.getByRole('checkbox', { name: 'Scheduled' }).check();
    await panel.getByRole('checkbox', { name: 'Completed' }).check();
    expect(await axeOverPanel(page)).toEqual([]);
    await page.keyboard.press('Escape');
    // Escape closes the panel and gives focus back to its button, which says what is chosen.
    expect(await panel.isHidden()).toBe(true);
    expect(await status.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await status.textContent()).toContain('2 chosen');

    const expected = await serverTotal(page, 'status=scheduled&status=completed');
    expect(expected).toBeGreaterThan(await serverTotal(page, 'status=scheduled'));
    await expect.poll(() => shownTotal(page), { timeout: 10_000 }).toBe(expected);
    const badges = await table.locator('tbody .badge').allTextContents();
    expect(badges.length).toBeGreaterThan(0);
    for (const badge of badges) expect(['Scheduled', 'Completed']).toContain(badge.trim());

    // The export takes the same two statuses.
    const href = (await page.getByRole('link', { name: /export/i }).getAttribute('href')) ?? '';
    expect(new URLSearchParams(href.split('?')[1]).getAll('status')).toEqual(['scheduled', 'completed']);

    await page.getByRole('button', { name: 'Clear filters' }).click();
    await expect.poll(() => shownTotal(page), { timeout: 10_000 }).toBe(await serverTotal(page, ''));
  });

  it('folds the filters behind one button on a phone', async () => {
    const { page } = await suite.newPage();
    await signIn(page, DEMO_USERS.office);
    await expect.poll(() => mainHeading(page)).toBe('All jobs');
    const status = page.getByRole('button', { name: /^Status:/ });
    const toggle = page.getByRole('button', { name: /^Filters/ });
    expect(await status.isVisible()).toBe(false);
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    await toggle.click();
    await status.waitFor({ state: 'visible' });
    await status.click();
    await page.getByRole('group', { name: 'Status', exact: true }).getByRole('checkbox', { name: 'Cancelled' }).check();
    await page.keyboard.press('Escape');
    await toggle.click();
    // Folded again, the button still says a filter is on.
    await page.getByRole('button', { name: 'Filters (1 on)' }).waitFor();
  });

  it('picks the customer of a new job by typing part of the name, and marks what is required', async () => {
    const office = await apiDevice(suite.server().url, DEMO_USERS.office);
    const rows = [...(await office.rows()).entries()];
    const customers = rows.filter(([key]) => key.startsWith('customers:')).map(([, row]) => row);
    const sites = rows.filter(([key]) => key.startsWith('sites:')).map(([, row]) => row);
    const customer = customers.find((c) => sites.some((s) => s['customerId'] === c['id']))!;
    const name = String(customer['name']);
    // The middle of the name: found by "contains", not only by "starts with".
    const part = name.split(' ').at(-1)!.toLowerCase();

    const { page } = await suite.newPage();
    await page.setViewportSize(DESKTOP);
    await signIn(page, DEMO_USERS.office);
    await expect.poll(() => mainHeading(page)).toBe('All jobs');
    await page.goto('/office/jobs/new');
    await expect.poll(() => mainHeading(page)).toBe('New job');
    for (const label of ['Title', 'Job type', 'Customer', 'Site', 'Scheduled start', 'Scheduled end'])
      expect(
        await page
          .locator('label', { hasText: new RegExp(`^${label}`) })
          .first()
          .textContent(),
      ).toContain('(required)');
    expect(await page.locator('label', { hasText: /^Notes/ }).textContent()).not.toContain('(required)');

    // The picker searches the customers on this device: wait for the first sync to bring them (typing
    // earlier finds nothing, as it would for a person who types before the sync; CI caught that race).
    const officeId = String(
      rows.find(([key, row]) => key.startsWith('users:') && row['email'] === DEMO_USERS.office)?.[1]['id'],
    );
    await expect
      .poll(
        async () => (await localRows(page, officeId, 'customers').catch(() => [])).some((c) => c.id === customer['id']),
        {
          timeout: 20_000,
        },
      )
      .toBe(true);
    const picker = page.getByRole('combobox', { name: /^Customer/ });
    await picker.fill(part);
    const list = page.getByRole('listbox', { name: /^Customer/ });
    // Busy until the search for what was typed has answered (before, "Nothing matches" or the
    // options for the empty box could be read here: CI caught that once).
    await expect.poll(() => list.getAttribute('aria-busy')).toBe('false');
    const options = await list.getByRole('option').allTextContents();
    expect(options.length).toBeLessThanOrEqual(20);
    expect(await axeOverPanel(page)).toEqual([]);
    for (const option of options) expect(option.toLowerCase()).toContain(part);
    const index = options.findIndex((o) => o.startsWith(name));
    expect(index).toBeGreaterThanOrEqual(0);
    for (let i = 0; i < index; i++) await picker.press('ArrowDown');
    await picker.press('Enter');
    expect(await picker.inputValue()).toBe(name);
    expect(await picker.getAttribute('aria-expanded')).toBe('false');

    await page.getByLabel(/^Title/).fill('Combobox e2e job');
    await page.getByLabel(/^Job type/).selectOption({ index: 1 });
    const site = page.getByLabel(/^Site/);
    await expect.poll(async () => (await site.locator('option').count()) > 1).toBe(true);
    await site.selectOption({ index: 1 });
    await page.getByLabel(/^Scheduled start/).fill('2030-03-04T09:00');
    // The end follows the job type's duration.
    await expect.poll(() => page.getByLabel(/^Scheduled end/).inputValue()).toMatch(/^2030-03-04T\d\d:\d\d$/);
    await page.getByRole('button', { name: 'Save job' }).click();
    await expect.poll(() => mainHeading(page)).toBe('All jobs');
    const created = async () => {
      const job = (await office.jobs()).find((j) => j.title === 'Combobox e2e job');
      return job && customers.find((c) => c['id'] === job.customerId)?.['name'];
    };
    await expect.poll(created, { timeout: 15_000 }).toBe(name);
  });
});
