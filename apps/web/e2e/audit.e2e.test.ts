import { describe, expect, it } from 'vitest';
import { apiDevice, DEMO_USERS, mainHeading, signIn, useE2eSuite } from './harness/index.ts';

const suite = useE2eSuite();

describe('audit trail (office)', () => {
  it('shows what a technician changed from their phone, and opens that device’s trail', async () => {
    // The technician starts a scheduled job of theirs from a phone (a real push).
    const phone = await apiDevice(suite.server().url, DEMO_USERS.technician);
    const job = (await phone.jobs()).find((j) => j.status === 'scheduled' && j.assigneeId !== null);
    expect(job).toBeDefined();
    const pushed = await phone.push('transitionJob', { jobId: job!.id, to: 'in_progress' });
    expect(pushed.results[0]?.status).toBe('applied');

    const { page } = await suite.newPage();
    page.setDefaultTimeout(10_000);
    await signIn(page, DEMO_USERS.office);
    await expect.poll(() => mainHeading(page)).toBe('All jobs');
    await page.getByRole('navigation', { name: 'Office' }).getByRole('link', { name: 'Audit trail' }).click();
    await expect.poll(() => mainHeading(page)).toBe('Audit trail');

    await page.getByLabel('Person').selectOption({ label: 'Liam Carter' });
    const trail = page.getByRole('region', { name: 'Changes by Liam Carter' });
    await expect.poll(() => trail.textContent()).toContain('Change job status');
    expect(await trail.textContent()).toContain('Status: Scheduled → In progress');

    // The device it came from is one click away.
    await trail
      .getByRole('link', { name: /^device / })
      .first()
      .click();
    const device = page.getByRole('region', { name: /^Changes from device / });
    await expect.poll(() => device.textContent()).toContain('Status: Scheduled → In progress');
  });
});
