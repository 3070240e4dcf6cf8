import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { JobRow } from '@lastmile/domain';
import { apiDevice, go, signIn, useE2eSuite, waitForServiceWorkerControl } from './harness/index.ts';

const suite = useE2eSuite();
const pending = (page: Page) => page.getByTestId('sync-pending').textContent();

async function scheduledJobs(email: string, count: number, from = Date.now()): Promise<JobRow[]> {
  const jobs = await (await apiDevice(suite.server().url, email)).jobs();
  const found = jobs
    .filter((j) => j.status === 'scheduled' && Date.parse(j.scheduledStart) >= from)
    .sort((a, b) => Date.parse(a.scheduledStart) - Date.parse(b.scheduledStart))
    .slice(0, count);
  if (found.length < count) throw new Error(`${email} has only ${found.length} scheduled jobs`);
  return found;
}

function startOfLocalDay(time: number): number {
  const d = new Date(time);
  return new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();
}

describe('dispatch in the browser', () => {
  it('a technician works a day offline — start, pause with a reason, resume, complete, raise an item — and it all reaches the server', async () => {
    const email = 'tech4@demo.lastmile.app';
    const [first, second, third] = await scheduledJobs(email, 3);
    const { context, page } = await suite.newPage();
    await signIn(page, email);
    await waitForServiceWorkerControl(page);
    // The first sync has brought the jobs onto the phone.
    await go(page, `/jobs/${first!.id}`);
    await page.getByRole('button', { name: 'Start' }).waitFor({ timeout: 15_000 });

    await context.setOffline(true);
    await page.getByRole('button', { name: 'Start' }).click();
    await page.getByRole('button', { name: 'Pause' }).click();
    await page.getByLabel('Reason for pausing').fill('Waiting for the customer to unlock the plant room');
    await page.getByRole('button', { name: 'Pause job' }).click();
    await page.getByText('Reason: Waiting for the customer to unlock the plant room').waitFor();
    await page.getByRole('button', { name: 'Resume' }).click();
    await page.getByLabel('Notes').fill('Pressure relief valve weeping');
    await page.getByRole('button', { name: 'Complete' }).click();
    await page.getByRole('button', { name: 'Submit' }).waitFor();

    await page.getByRole('button', { name: 'Raise outstanding item' }).click();
    await page.getByLabel('Title').fill('Replace pressure relief valve');
    await page.getByLabel('Description').fill('Weeping at the seat; part on order');
    await page.getByLabel('Due date').fill('2030-01-15');
    await page.getByLabel('Priority').selectOption('high');
    await page.getByRole('button', { name: 'Save item' }).click();
    await page.getByRole('heading', { name: 'Replace pressure relief valve' }).waitFor();

    for (const job of [second!, third!]) {
      await go(page, `/jobs/${job.id}`);
      await page.getByRole('button', { name: 'Start' }).click();
      await page.getByRole('button', { name: 'Complete' }).click();
      await page.getByRole('button', { name: 'Submit' }).waitFor();
    }
    await page.getByLabel('Message').fill('All three done; see the item on the first one');
    await page.getByRole('button', { name: 'Send' }).click();
    await page.getByText('All three done; see the item on the first one').waitFor();

    await expect.poll(() => pending(page)).toMatch(/\d+ changes only on this phone/);
    const office = await apiDevice(suite.server().url, 'office@demo.lastmile.app');
    expect((await office.jobs()).find((j) => j.id === first!.id)?.status).toBe('scheduled');

    await context.setOffline(false);
    await expect.poll(() => pending(page), { timeout: 20_000 }).toBe('All changes synced');
    const rows = await office.rows();
    const job = (id: string) => rows.get(`jobs:${id}`);
    expect(job(first!.id)).toMatchObject({ status: 'completed', notes: 'Pressure relief valve weeping' });
    expect(job(second!.id)).toMatchObject({ status: 'completed' });
    expect(job(third!.id)).toMatchObject({ status: 'completed' });
    const items = [...rows.values()].filter((r) => r['title'] === 'Replace pressure relief valve');
    expect(items).toEqual([
      expect.objectContaining({
        jobId: first!.id,
        siteId: first!.siteId,
        dueDate: '2030-01-15',
        priority: 'high',
        status: 'open',
      }),
    ]);
    const messages = [...rows.values()].filter((r) => r['body'] === 'All three done; see the item on the first one');
    expect(messages).toEqual([expect.objectContaining({ jobId: third!.id, kind: 'message' })]);
  });

  it('a lead reassigns a job offline with a handoff note; after sync the old technician no longer has it and the new one sees the note', async () => {
    const todayStart = startOfLocalDay(Date.now());
    const [job] = await scheduledJobs('tech5@demo.lastmile.app', 1, todayStart + 86_400_000);
    const dayOffset = Math.round((startOfLocalDay(Date.parse(job!.scheduledStart)) - todayStart) / 86_400_000);

    // The technician who has the job now, looking at it.
    const oldTech = await suite.newPage();
    await signIn(oldTech.page, 'tech5@demo.lastmile.app');
    await go(oldTech.page, `/jobs/${job!.id}`);
    await oldTech.page.getByRole('button', { name: 'Start' }).waitFor({ timeout: 15_000 });

    const lead = await suite.newPage();
    await signIn(lead.page, 'lead2@demo.lastmile.app');
    await waitForServiceWorkerControl(lead.page);
    for (let i = 0; i < dayOffset; i++) await lead.page.getByRole('button', { name: 'Next day' }).click();
    const card = lead.page.locator(`article[aria-labelledby="board-job-${job!.id}"]`);
    await card.waitFor({ timeout: 15_000 });

    await lead.context.setOffline(true);
    await card.getByRole('button', { name: 'Reassign' }).click();
    const dialog = lead.page.getByRole('dialog');
    await dialog.getByLabel(/Maya Lindqvist/).check();
    await dialog.getByRole('button', { name: 'Save assignment' }).click();
    await dialog.getByText('Write a short handoff note for the next person.').waitFor();
    await dialog.getByLabel('Handoff note').fill('Key in the lockbox, code 2580. Isolate the boiler before starting.');
    await dialog.getByRole('button', { name: 'Save assignment' }).click();
    await dialog.waitFor({ state: 'detached' });
    // On the lead's phone at once, offline: the job sits in Maya's row.
    await lead.page
      .getByRole('region', { name: /Maya Lindqvist/ })
      .locator(`article[aria-labelledby="board-job-${job!.id}"]`)
      .waitFor();
    await expect.poll(() => pending(lead.page)).toMatch(/1 change only on this phone/);
    expect(
      (await (await apiDevice(suite.server().url, 'office@demo.lastmile.app')).jobs()).find((j) => j.id === job!.id)
        ?.assigneeId,
    ).toBe(job!.assigneeId);

    await lead.context.setOffline(false);
    await expect.poll(() => pending(lead.page), { timeout: 20_000 }).toBe('All changes synced');

    // The old technician's phone drops the job on the next pull (poked by the server).
    await oldTech.page.getByRole('heading', { name: 'Job not on this device' }).waitFor({ timeout: 10_000 });

    const newTech = await suite.newPage();
    await signIn(newTech.page, 'tech6@demo.lastmile.app');
    await go(newTech.page, `/jobs/${job!.id}`);
    await newTech.page.getByRole('heading', { name: 'Handoff note' }).waitFor({ timeout: 15_000 });
    const thread = newTech.page.getByRole('region', { name: 'Job thread' });
    await thread.getByText('Key in the lockbox, code 2580. Isolate the boiler before starting.').waitFor();
    expect(await newTech.page.getByText('Key in the lockbox, code 2580.').count()).toBe(2);
  });
});
