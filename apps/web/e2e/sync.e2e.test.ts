import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { JobRow } from '@lastmile/domain';
import { apiDevice, DEMO_USERS, signIn, useE2eSuite, waitForServiceWorkerControl } from './harness/index.ts';

const suite = useE2eSuite();
const pending = (page: Page) => page.getByTestId('sync-pending').textContent();

/** A scheduled job of this person's, not yet touched by another test in this file. */
const used = new Set<string>();
async function freshJob(email: string): Promise<JobRow> {
  const jobs = await (await apiDevice(suite.server().url, email)).jobs();
  const job = jobs.find((j) => j.status === 'scheduled' && !used.has(j.id));
  if (!job) throw new Error(`no scheduled job left for ${email}`);
  used.add(job.id);
  return job;
}

async function openJob(context: BrowserContext | null, page: Page, jobId: string): Promise<void> {
  await page.goto(`/jobs/${jobId}`);
  await page.getByRole('heading', { level: 1 }).waitFor();
  if (context) await page.getByText('Job thread').waitFor();
}

describe('sync in the browser', () => {
  it('keeps offline changes through a reload while offline, and sends them when back online', async () => {
    const { context, page } = await suite.newPage();
    await signIn(page, DEMO_USERS.technician);
    await waitForServiceWorkerControl(page);
    const job = await freshJob(DEMO_USERS.technician);
    await openJob(context, page, job.id);
    await page.getByRole('button', { name: 'Start' }).waitFor();

    await context.setOffline(true);
    await page.getByRole('button', { name: 'Start' }).click();
    await page.getByLabel('Notes').fill('Isolator valve is behind the boiler');
    // Both changes are in IndexedDB (the status and the note) before the reload.
    await expect.poll(() => pending(page), { timeout: 10_000 }).toBe('2 changes only on this phone');
    await expect.poll(() => page.getByTestId('sync-state').textContent(), { timeout: 10_000 }).toBe('Offline');

    await page.reload();
    await page.getByRole('button', { name: 'Pause' }).waitFor();
    expect(await page.getByLabel('Notes').inputValue()).toBe('Isolator valve is behind the boiler');
    await expect.poll(() => pending(page), { timeout: 10_000 }).toBe('2 changes only on this phone');
    const office = await apiDevice(suite.server().url, DEMO_USERS.office);
    expect((await office.jobs()).find((j) => j.id === job.id)?.status).toBe('scheduled');

    await context.setOffline(false);
    await expect.poll(() => pending(page), { timeout: 15_000 }).toBe('All changes synced');
    const onServer = (await office.jobs()).find((j) => j.id === job.id);
    expect(onServer).toMatchObject({ status: 'in_progress', notes: 'Isolator valve is behind the boiler' });
  });

  it("shows a technician's and the office's changes to each other within seconds, without reloading", async () => {
    const technician = 'tech3@demo.lastmile.app';
    const job = await freshJob(technician);
    const tech = await suite.newPage();
    const office = await suite.newPage();
    await signIn(tech.page, technician);
    await signIn(office.page, DEMO_USERS.office);
    await openJob(tech.context, tech.page, job.id);
    await openJob(office.context, office.page, job.id);
    await office.page.getByText('Scheduled', { exact: true }).first().waitFor();

    await tech.page.getByRole('button', { name: 'Start' }).click();
    // The office's copy changes through a poke (Server-Sent Events), not a reload or a timer.
    await office.page.getByText('In progress', { exact: true }).first().waitFor({ timeout: 8000 });

    await office.page.getByLabel('Message').fill('Customer called: gate code 4711');
    await office.page.getByRole('button', { name: 'Send' }).click();
    await tech.page.getByText('Customer called: gate code 4711').waitFor({ timeout: 8000 });
  });

  it('shows a change the server refused, with its reason, and the queue goes on', async () => {
    const technician = 'tech2@demo.lastmile.app';
    const job = await freshJob(technician);
    const { context, page } = await suite.newPage();
    await signIn(page, technician);
    await openJob(context, page, job.id);
    await page.getByRole('button', { name: 'Start' }).waitFor();

    await context.setOffline(true);
    // Meanwhile the office cancels the job; the technician, offline, does not know yet.
    const office = await apiDevice(suite.server().url, DEMO_USERS.office);
    await office.push('transitionJob', { jobId: job.id, to: 'cancelled', reason: 'Customer cancelled by phone' });
    await page.getByRole('button', { name: 'Start' }).click();
    await page.getByLabel('Notes').fill('Arrived, nobody home');

    await context.setOffline(false);
    await expect.poll(() => pending(page), { timeout: 15_000 }).toMatch(/All changes synced · 1 refused/);
    await page.getByTestId('sync-pending').click();
    const refused = page.getByTestId('refused-list');
    await refused.getByText(`Change job status — job ${job.number}`).waitFor();
    expect(await refused.textContent()).toContain(
      'Why: Job ' + job.number + ': A cancelled job cannot be in progress.',
    );
    // The note made after the refused change still reached the server.
    expect((await office.jobs()).find((j) => j.id === job.id)).toMatchObject({
      status: 'cancelled',
      notes: 'Arrived, nobody home',
    });
  });

  it('keeps unsynced changes through a sign-out, asking first, and sends them at the next sign-in', async () => {
    const technician = 'tech6@demo.lastmile.app';
    const job = (await (await apiDevice(suite.server().url, technician)).jobs())[0]!;
    const { context, page } = await suite.newPage();
    await signIn(page, technician);
    await openJob(context, page, job.id);
    await context.setOffline(true);
    await page.getByLabel('Notes').fill('Left the ladder in the loft');
    await expect.poll(() => pending(page), { timeout: 10_000 }).toBe('1 change only on this phone');

    const asked: string[] = [];
    page.once('dialog', (dialog) => {
      asked.push(dialog.message());
      void dialog.dismiss();
    });
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect.poll(() => asked.length).toBe(1);
    expect(asked[0]).toContain('1 change has not reached the server yet');
    expect(await pending(page)).toBe('1 change only on this phone');

    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in to Lastmile' }).waitFor();
    await context.setOffline(false);
    await signIn(page, technician);
    await expect.poll(() => pending(page), { timeout: 15_000 }).toBe('All changes synced');
    const office = await apiDevice(suite.server().url, DEMO_USERS.office);
    expect((await office.jobs()).find((j) => j.id === job.id)?.notes).toBe('Left the ladder in the loft');
  });
});
