import { describe, expect, it } from 'vitest';
import { newId, type JobRow } from '@lastmile/domain';
import { apiDevice, DEMO_USERS, signIn, useE2eSuite, waitForServiceWorkerControl } from './harness/index.ts';

const suite = useE2eSuite();

/**
 * A phone holds its own team's people (ADR 0051). A job the office moves from one team to another
 * carries a handoff note by someone the new team's phones do not hold: online the job screen asks
 * the server for the name; offline it says who it cannot name, never a blank.
 */
describe('a job handed over from another team', () => {
  it('names the earlier technician in its thread while online, and says "someone outside your team" offline', async () => {
    const tech1 = await apiDevice(suite.server().url, DEMO_USERS.technician);
    const office = await apiDevice(suite.server().url, DEMO_USERS.office);
    const job = (await tech1.jobs()).find((j: JobRow) => j.status === 'scheduled');
    if (!job) throw new Error('the demo technician has no scheduled job');
    const note = 'Valve left closed, key under the mat';
    expect((await tech1.push('postJobMessage', { id: newId(), jobId: job.id, body: note })).results[0]?.status).toBe(
      'applied',
    );
    // Grace Nowak is in the other team: the office moves the job to her.
    const people = [...(await office.rows()).entries()].filter(([k]) => k.startsWith('users:')).map(([, r]) => r);
    const grace = people.find((p) => p['name'] === 'Grace Nowak');
    const liam = people.find((p) => p['name'] === 'Liam Carter');
    expect(grace?.['teamId']).not.toBe(liam?.['teamId']);
    const moved = await office.push('updateJob', {
      jobId: job.id,
      teamId: String(grace?.['teamId']),
      assigneeId: String(grace?.['id']),
      expectedAssigneeId: job.assigneeId,
    });
    expect(moved.results[0]?.status).toBe('applied');

    const { context, page } = await suite.newPage();
    await signIn(page, 'tech4@demo.lastmile.app');
    await waitForServiceWorkerControl(page);
    await page.goto(`/jobs/${job.id}`);
    const entry = page.locator('.thread__entry').filter({ hasText: note });
    await expect.poll(() => entry.textContent(), { timeout: 20_000 }).toContain('Liam Carter');

    // Liam is not on Grace's phone: offline, after a reload, the screen says so instead of naming him.
    await context.setOffline(true);
    await page.reload();
    await expect.poll(() => entry.textContent(), { timeout: 20_000 }).toContain('Someone outside your team');
  });
});
