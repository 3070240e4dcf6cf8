import { describe, expect, it } from 'vitest';
import type { JobRow, UserRow } from '@lastmile/domain';
import { apiDevice, newPhoneContext, signIn, useE2eSuite } from './harness/index.ts';

const suite = useE2eSuite();
const DAY_MS = 86_400_000;

describe('lead board on a desktop', () => {
  it('moves a job to another day by dragging it onto that day, keeping its time', async () => {
    const lead = 'lead1@demo.lastmile.app';
    const rows = await (await apiDevice(suite.server().url, lead)).rows();
    const users = [...rows.values()].filter((r) => 'role' in r) as unknown as UserRow[];
    const jobs = [...rows.entries()].filter(([k]) => k.startsWith('jobs:')).map(([, r]) => r as unknown as JobRow);
    const startOfToday = new Date();
    startOfToday.setHours(0, 0, 0, 0);
    const job = jobs.find(
      (j) =>
        j.status === 'scheduled' &&
        j.assigneeId !== null &&
        Date.parse(j.scheduledStart) >= startOfToday.getTime() &&
        Date.parse(j.scheduledStart) < startOfToday.getTime() + DAY_MS,
    );
    if (!job) throw new Error('no scheduled job for the North crew today');
    const person = users.find((u) => u.id === job.assigneeId)!;

    const context = await newPhoneContext(suite.browser(), suite.server().url, {
      viewport: { width: 1280, height: 900 },
      isMobile: false,
      hasTouch: false,
    });
    suite.watch(context);
    try {
      const page = await context.newPage();
      await signIn(page, lead);
      const row = page.locator('tr', { has: page.getByRole('rowheader', { name: new RegExp(person.name) }) });
      const chip = page.locator('article.board-job', { hasText: job.number });
      await chip.waitFor();
      await chip.dragTo(row.locator('td').nth(2));

      await expect
        .poll(async () => (await (await apiDevice(suite.server().url, lead)).jobs()).find((j) => j.id === job.id), {
          timeout: 15_000,
        })
        .toMatchObject({
          assigneeId: job.assigneeId,
          scheduledStart: new Date(Date.parse(job.scheduledStart) + 2 * DAY_MS).toISOString(),
          scheduledEnd: new Date(Date.parse(job.scheduledEnd) + 2 * DAY_MS).toISOString(),
        });
    } finally {
      await context.close();
    }
  });
});
