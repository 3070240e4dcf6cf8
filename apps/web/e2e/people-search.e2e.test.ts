import { describe, expect, it } from 'vitest';
import { apiDevice, DEMO_USERS, signIn, useE2eSuite, waitForServiceWorkerControl } from './harness/index.ts';

const suite = useE2eSuite();
const GRACE = 'tech4@demo.lastmile.app';

/**
 * A phone holds its own team's people and the office's (ADR 0051). Its mention and owner pickers
 * find everyone else online: a technician mentions Grace Nowak of the other team, and the message
 * reaches her inbox; an item raised with her as owner is named on the phone and reaches her
 * devices. Offline the pickers say who can be found only online.
 */
describe('people outside the team', () => {
  it('are found online to mention and to own an item, and the picker says so offline', async () => {
    const tech1 = await apiDevice(suite.server().url, DEMO_USERS.technician);
    const job = (await tech1.jobs())[0];
    if (!job) throw new Error('the demo technician has no job');
    const { context, page } = await suite.newPage();
    await signIn(page, DEMO_USERS.technician);
    await waitForServiceWorkerControl(page);
    await page.goto(`/jobs/${job.id}`);

    const message = page.getByLabel('Message', { exact: true });
    await message.fill('Which valve did you close last time, @Gra');
    await page.getByRole('button', { name: /^Mention Grace Nowak, .+ \(outside your team/ }).click();
    await expect.poll(() => message.inputValue()).toBe('Which valve did you close last time, @Grace Nowak ');
    await message.pressSequentially('?');
    await page.getByRole('button', { name: 'Send' }).click();
    await expect
      .poll(() => page.getByTestId('sync-pending').textContent(), { timeout: 20_000 })
      .toBe('All changes synced');
    const grace = await apiDevice(suite.server().url, GRACE);
    const told = () =>
      grace.rows().then((rows) => [...rows].filter(([k]) => k.startsWith('notifications:')).map(([, r]) => r));
    expect(await told()).toContainEqual(
      expect.objectContaining({
        kind: 'mentioned',
        jobId: job.id,
        body: 'Which valve did you close last time, @Grace Nowak ?',
      }),
    );

    // The owner of a new item: found online, then named on the item's card.
    await page.getByRole('button', { name: 'Raise outstanding item' }).click();
    await page.getByLabel('Title').fill('Replace the valve handle');
    await page.getByLabel('Or find an owner outside your team').fill('grace');
    await page.getByRole('button', { name: /^Make Grace Nowak, .+ the owner$/ }).click();
    await page.getByRole('button', { name: 'Save item' }).click();
    const card = page.locator('.item-card').filter({ hasText: 'Replace the valve handle' });
    await expect.poll(() => card.textContent(), { timeout: 20_000 }).toContain('Owner: Grace Nowak');
    await expect
      .poll(() => page.getByTestId('sync-pending').textContent(), { timeout: 20_000 })
      .toBe('All changes synced');
    const graceRows = [...(await grace.rows()).values()];
    const graceId = graceRows.find((r) => r['name'] === 'Grace Nowak')?.['id'];
    expect(graceRows).toContainEqual(expect.objectContaining({ title: 'Replace the valve handle', ownerId: graceId }));

    // Offline: the team is still offered; the rest of the organization cannot be searched.
    await context.setOffline(true);
    await message.fill('@Gra');
    await expect
      .poll(() => page.getByRole('status').filter({ hasText: 'outside your team' }).first().textContent())
      .toBe('People outside your team can be found when you are online.');
    expect(await page.getByRole('button', { name: /Mention Grace Nowak/ }).count()).toBe(0);
  });
});
