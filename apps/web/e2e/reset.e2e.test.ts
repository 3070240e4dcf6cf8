import { describe, expect, it } from 'vitest';
import {
  apiDevice,
  cachedSession,
  DEMO_USERS,
  go,
  localRows,
  signIn,
  useE2eSuite,
  waitForServiceWorkerControl,
} from './harness/index.ts';
import { addToCrew, setOwnPin } from './harness/crew.ts';

/**
 * A reset keeps the phone's rows until its last page (ADR 0048), in Chromium with the app's real
 * IndexedDB: a technician adds their lead to the phone's crew (the phone then holds both people's
 * work, so its next pull is a reset), in a truck whose signal drops after the reset's first page.
 */
const suite = useE2eSuite();
const TECH = DEMO_USERS.technician;
const LEAD = DEMO_USERS.lead;

describe('a reset cut off by lost signal', () => {
  it('leaves every job on the phone, and finishes with exactly the crew’s work once signal returns', async () => {
    const { context, page } = await suite.newPage();
    await signIn(page, TECH);
    await waitForServiceWorkerControl(page);
    const userId = (await cachedSession(page))!.user.id;
    const jobIds = async () => (await localRows(page, userId, 'jobs')).map((j) => j.id).sort();
    const serverJobIds = async (...people: string[]) => {
      const jobs = await Promise.all(people.map(async (p) => (await apiDevice(suite.server().url, p)).jobs()));
      return [...new Set(jobs.flat().map((j) => j.id))].sort();
    };
    // The first sync is over when the phone holds the technician's jobs ("All changes synced" only
    // says nothing waits to be sent).
    const techJobs = await serverJobIds(TECH);
    expect(techJobs.length).toBeGreaterThan(3);
    await expect.poll(jobIds, { timeout: 30_000 }).toEqual(techJobs);
    const held = await localRows(page, userId, 'jobs');
    const before = held.map((j) => j.id).sort();

    // From here pulls come in pages of 3 rows, and the signal goes once a reset's first page is in.
    let signal = true;
    let resetPages = 0;
    await context.route('**/api/sync/pull', async (route) => {
      if (!signal) return route.abort('internetdisconnected');
      const body = JSON.parse(route.request().postData() ?? '{}') as Record<string, unknown>;
      const response = await route.fetch({ postData: JSON.stringify({ ...body, limit: 3 }) });
      const json = (await response.json()) as { reset: boolean; more: boolean };
      if (json.reset) {
        resetPages++;
        signal = !json.more;
      }
      await route.fulfill({ response, json });
    });
    await setOwnPin(page, '2468');
    await addToCrew(page, LEAD, '1357');
    await expect.poll(() => resetPages, { timeout: 30_000 }).toBe(1);
    await expect.poll(() => signal).toBe(false);

    // Mid-reset and offline: every job the technician had is still on the phone.
    expect(await jobIds()).toEqual(expect.arrayContaining(before));
    // And each opens offline (the job screen reads IndexedDB): the last ones a reset would send.
    for (const job of held.slice(-2)) {
      await go(page, `/jobs/${job.id}`);
      await page.getByRole('heading', { level: 1 }).waitFor();
      await page.getByText(job.title).first().waitFor();
    }

    // Signal back: the reset continues from its cursor and ends with the crew's work, no more.
    signal = true;
    await context.setOffline(true);
    await context.setOffline(false);
    const expected = await serverJobIds(TECH, LEAD);
    await expect.poll(jobIds, { timeout: 30_000 }).toEqual(expected);
    expect(resetPages).toBe(1); // it continued; it did not start over
    await context.unrouteAll({ behavior: 'ignoreErrors' });
  });
});
