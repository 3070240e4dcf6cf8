import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { newId } from '@lastmile/domain';
import { axeViolations } from './a11y-checks.ts';
import {
  apiDevice,
  DEMO_USERS,
  mainHeading,
  signIn,
  useE2eSuite,
  waitForServiceWorkerControl,
} from './harness/index.ts';

const suite = useE2eSuite();
const pending = (page: Page) => page.getByTestId('sync-pending').textContent();
const inboxLink = (page: Page) => page.getByRole('banner').getByRole('link', { name: /^Inbox/ });

describe('the inbox', () => {
  it('brings a mention to the mentioned person, readable and markable offline', async () => {
    const technician = await apiDevice(suite.server().url, DEMO_USERS.technician);
    // A job of today, so its card is on the home screen.
    const today = new Date().toDateString();
    const job = (await technician.jobs()).find((j) => new Date(j.scheduledStart).toDateString() === today);
    if (!job) throw new Error('the demo technician has no job today');
    const { context, page } = await suite.newPage();
    await signIn(page, DEMO_USERS.technician);
    await waitForServiceWorkerControl(page);
    expect(await inboxLink(page).getAttribute('aria-label')).toBe('Inbox');

    // The office writes on the job and mentions the technician by name.
    const office = await apiDevice(suite.server().url, DEMO_USERS.office);
    const body = '@Liam Carter the customer asked you to call before arriving';
    const sent = await office.push('postJobMessage', { id: newId(), jobId: job.id, body });
    expect(sent.results[0]?.status).toBe('applied');
    // The server pokes the phone; it pulls the notification, and the header says so.
    await expect.poll(() => inboxLink(page).getAttribute('aria-label'), { timeout: 20_000 }).toBe('Inbox, 1 unread');
    // The job's card on the home screen says there is something new about it.
    await expect.poll(() => page.locator('.job-card').filter({ hasText: job.number }).textContent()).toContain('1 new');

    // No signal from here on: the inbox is on the phone.
    await context.setOffline(true);
    await page.reload();
    await inboxLink(page).click();
    await expect.poll(() => mainHeading(page)).toBe('Inbox');
    const item = page.getByRole('listitem').filter({ hasText: body });
    expect(await item.textContent()).toContain(`Priya Shah mentioned you on ${job.number}`);
    expect(await axeViolations(page)).toEqual([]);
    await item.getByRole('button', { name: 'Mark read' }).click();
    await expect.poll(() => inboxLink(page).getAttribute('aria-label')).toBe('Inbox');
    await expect.poll(() => pending(page)).toBe('1 change only on this phone');

    // Back online, the read reaches the server: the technician's other devices see it read.
    await context.setOffline(false);
    await expect.poll(() => pending(page), { timeout: 20_000 }).toBe('All changes synced');
    const rows = await technician.rows();
    const notes = [...rows].filter(([k]) => k.startsWith('notifications:')).map(([, r]) => r);
    expect(notes).toEqual([expect.objectContaining({ kind: 'mentioned', jobId: job.id, readAt: expect.any(String) })]);
    // Nobody else's device received it.
    expect([...(await office.rows()).keys()].filter((k) => k.startsWith('notifications:'))).toEqual([]);
  });

  it('offers people to mention while typing @ in the job thread, and the mentioned person is told', async () => {
    const technician = await apiDevice(suite.server().url, DEMO_USERS.technician);
    const job = (await technician.jobs())[1]!;
    const { page } = await suite.newPage();
    await signIn(page, DEMO_USERS.technician);
    await page.goto(`/jobs/${job.id}`);
    const message = page.getByLabel('Message', { exact: true });
    await message.fill('Can you call them @pri');
    await page.getByRole('button', { name: 'Mention Priya Shah' }).click();
    await expect.poll(() => message.inputValue()).toBe('Can you call them @Priya Shah ');
    await message.pressSequentially('today?');
    await page.getByRole('button', { name: 'Send' }).click();
    await expect.poll(() => pending(page), { timeout: 20_000 }).toBe('All changes synced');
    const office = await apiDevice(suite.server().url, DEMO_USERS.office);
    const told = [...(await office.rows())].filter(([k]) => k.startsWith('notifications:')).map(([, r]) => r);
    expect(told).toEqual([
      expect.objectContaining({ kind: 'mentioned', jobId: job.id, body: 'Can you call them @Priya Shah today?' }),
    ]);
  });

  it('shows the lead which jobs on the board have something new for them', async () => {
    const technician = await apiDevice(suite.server().url, DEMO_USERS.technician);
    const today = new Date().toDateString();
    const job = (await technician.jobs()).find((j) => new Date(j.scheduledStart).toDateString() === today);
    if (!job) throw new Error('the demo technician has no job today');
    const { page } = await suite.newPage();
    await signIn(page, DEMO_USERS.lead);
    const card = page.locator(`[data-board-job="${job.id}"]`).first();
    await card.waitFor({ timeout: 20_000 });
    expect(await card.textContent()).not.toContain('new');
    const sent = await technician.push('postJobMessage', {
      id: newId(),
      jobId: job.id,
      body: '@Dan Okafor the flue needs a second pair of hands',
    });
    expect(sent.results[0]?.status).toBe('applied');
    await expect.poll(() => card.textContent(), { timeout: 20_000 }).toContain('1 new');
  });
});
