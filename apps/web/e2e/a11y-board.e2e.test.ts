import type { JobRow } from '@lastmile/domain';
import { describe, expect, it } from 'vitest';
import { apiDevice, DEMO_USERS, newPhoneContext, signIn, useE2eSuite, type ApiDevice } from './harness/index.ts';

const suite = useE2eSuite();
const DAY_MS = 86_400_000;
const used = new Set<string>();
let leadDevice: Promise<ApiDevice> | undefined;
/** One API sign-in for the whole file: sign-ins are rate limited. */
const lead = () => (leadDevice ??= apiDevice(suite.server().url, DEMO_USERS.lead));

/** A scheduled, assigned job of the lead's team starting today (each test takes its own). */
async function todaysJob({ keep = false } = {}): Promise<JobRow> {
  const startOfToday = new Date();
  startOfToday.setHours(0, 0, 0, 0);
  const jobs = await (await lead()).jobs();
  const job = jobs.find(
    (j) =>
      !used.has(j.id) &&
      j.status === 'scheduled' &&
      j.assigneeId !== null &&
      Date.parse(j.scheduledStart) >= startOfToday.getTime() &&
      Date.parse(j.scheduledStart) < startOfToday.getTime() + DAY_MS,
  );
  if (!job) throw new Error('no scheduled job for the lead’s team today');
  if (!keep) used.add(job.id);
  return job;
}

const serverJob = async (id: string) => (await (await lead()).jobs()).find((j) => j.id === id);

describe('lead board: move a job to another day without a mouse', () => {
  it('refuses a move without a start time and keeps the dialog open with a reason', async () => {
    const job = await todaysJob({ keep: true });
    const { page } = await suite.newPage();
    await signIn(page, DEMO_USERS.lead);
    const chip = page.locator(`article[data-board-job="${job.id}"]`);
    await chip.waitFor({ timeout: 20_000 });
    await chip.getByRole('button', { name: 'Move to…' }).tap();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Start time').fill('');
    await dialog.getByRole('button', { name: 'Move job' }).tap();
    await dialog.getByRole('alert').filter({ hasText: 'Choose a day and a start time.' }).waitFor();
    await dialog.getByRole('button', { name: 'Cancel' }).tap();
    await dialog.waitFor({ state: 'detached' });
    expect(await serverJob(job.id)).toMatchObject({ scheduledStart: job.scheduledStart });
  });

  it('by keyboard only: Move to…, a day later, Enter — and focus comes back to the job', async () => {
    const job = await todaysJob();
    const context = await newPhoneContext(suite.browser(), suite.server().url, {
      viewport: { width: 1280, height: 800 },
      isMobile: false,
      hasTouch: false,
    });
    suite.watch(context);
    const page = await context.newPage();
    await signIn(page, DEMO_USERS.lead);
    const chip = page.locator(`article[data-board-job="${job.id}"]`);
    await chip.waitFor({ timeout: 20_000 });

    // Reach the job's Move button with Tab, as a keyboard user does.
    const move = chip.getByRole('button', { name: 'Move to…' });
    await page.locator('#main').focus();
    for (let i = 0; i < 200 && !(await move.evaluate((el) => el === document.activeElement)); i++) {
      await page.keyboard.press('Tab');
    }
    expect(await move.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    // Focus starts in the date field. Its parts (day, month, year) come in the browser's order:
    // step each with an arrow key until the day moved (down at a month's end, where up wraps).
    const start = new Date(job.scheduledStart);
    const lastDay = new Date(start.getFullYear(), start.getMonth() + 1, 0).getDate();
    const step = start.getDate() < lastDay ? 1 : -1;
    const target = new Date(start.getFullYear(), start.getMonth(), start.getDate() + step);
    const pad = (n: number) => String(n).padStart(2, '0');
    const wanted = `${target.getFullYear()}-${pad(target.getMonth() + 1)}-${pad(target.getDate())}`;
    const dateField = dialog.getByLabel('Day');
    expect(await dateField.evaluate((el) => el === document.activeElement)).toBe(true);
    for (let part = 0; part < 3 && (await dateField.inputValue()) !== wanted; part++) {
      await page.keyboard.press(step === 1 ? 'ArrowUp' : 'ArrowDown');
      if ((await dateField.inputValue()) === wanted) break;
      await page.keyboard.press(step === 1 ? 'ArrowDown' : 'ArrowUp');
      await page.keyboard.press('Tab');
    }
    expect(await dateField.inputValue()).toBe(wanted);
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached' });

    await expect
      .poll(() => serverJob(job.id), { timeout: 15_000 })
      .toMatchObject({
        assigneeId: job.assigneeId,
        scheduledStart: new Date(Date.parse(job.scheduledStart) + step * DAY_MS).toISOString(),
        scheduledEnd: new Date(Date.parse(job.scheduledEnd) + step * DAY_MS).toISOString(),
      });
    // The job now sits in another day's column; focus is on its Move button there, not on <body>.
    await expect
      .poll(() =>
        page.evaluate(() => {
          const active = document.activeElement;
          return `${active?.closest('[data-board-job]')?.getAttribute('data-board-job')} ${active?.className}`;
        }),
      )
      .toBe(`${job.id} button button--ghost board-job__move`);
    await page
      .getByRole('status')
      .filter({ hasText: `Job ${job.number} moved to` })
      .waitFor({ state: 'attached' });
  });

  it('by touch on a 360 px phone: tap Move to…, pick the next day and a time, tap Move job', async () => {
    const job = await todaysJob();
    const { page } = await suite.newPage();
    await signIn(page, DEMO_USERS.lead);
    const chip = page.locator(`article[data-board-job="${job.id}"]`);
    await chip.waitFor({ timeout: 20_000 });
    await chip.getByRole('button', { name: 'Move to…' }).tap();
    const dialog = page.getByRole('dialog');
    const next = new Date(Date.parse(job.scheduledStart) + DAY_MS);
    const pad = (n: number) => String(n).padStart(2, '0');
    // A phone's date and time pickers set the inputs' values; fill() does what they do.
    await dialog.getByLabel('Day').fill(`${next.getFullYear()}-${pad(next.getMonth() + 1)}-${pad(next.getDate())}`);
    await dialog.getByLabel('Start time').fill('07:45');
    await dialog.getByRole('button', { name: 'Move job' }).tap();
    await dialog.waitFor({ state: 'detached' });

    const start = new Date(next.getFullYear(), next.getMonth(), next.getDate(), 7, 45);
    const length = Date.parse(job.scheduledEnd) - Date.parse(job.scheduledStart);
    await expect
      .poll(() => serverJob(job.id), { timeout: 15_000 })
      .toMatchObject({
        assigneeId: job.assigneeId,
        scheduledStart: start.toISOString(),
        scheduledEnd: new Date(start.getTime() + length).toISOString(),
      });
    // The phone shows one day: the job left it, so focus goes to the main region, and it is said.
    await expect.poll(() => chip.count()).toBe(0);
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('main');
    await page
      .getByRole('status')
      .filter({ hasText: `Job ${job.number} moved to` })
      .waitFor({ state: 'attached' });
  });
});
