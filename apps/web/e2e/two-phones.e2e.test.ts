import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { apiDevice, DEMO_USERS, signIn, useE2eSuite, waitForServiceWorkerControl } from './harness/index.ts';

/**
 * R6, on two real phones: a lead and a technician, both offline, open the inspection form of the
 * same job (not started yet), each answers a different field, then both come back online. Both
 * starts land in one form, both answers survive, and each phone ends up showing both.
 */
const suite = useE2eSuite();
const synced = (page: Page) =>
  expect.poll(() => page.getByTestId('sync-pending').textContent(), { timeout: 20_000 }).toBe('All changes synced');

/** Opens the job's form and unfolds its Appliance section (Make, Model). */
async function openForm(page: Page, jobId: string): Promise<void> {
  await page.goto(`/jobs/${jobId}/form`);
  await page.getByRole('heading', { level: 1, name: 'Boiler service record' }).waitFor({ timeout: 20_000 });
  const appliance = page.getByRole('button', { name: /^Appliance \d+\/\d+$/ });
  if ((await appliance.getAttribute('aria-expanded')) !== 'true') await appliance.click();
}

const stored = (page: Page, key: string) => page.locator(`[data-field-key="${key}"] .form-field__meta`).waitFor();

describe('two people start the same form offline (R6)', () => {
  it("keeps both people's answers in one form", async () => {
    const url = suite.server().url;
    const office = await apiDevice(url, DEMO_USERS.office);
    const rows = await office.rows();
    const boiler = [...rows].find(([k, r]) => k.startsWith('jobTypes:') && String(r['name']).includes('Boiler'))?.[1];
    const started = new Set([...rows].filter(([k]) => k.startsWith('formResponses:')).map(([, r]) => r['jobId']));
    const job = (await (await apiDevice(url, DEMO_USERS.technician)).jobs()).find(
      (j) =>
        j.jobTypeId === boiler?.['id'] &&
        (j.status === 'scheduled' || j.status === 'in_progress') &&
        !started.has(j.id),
    );
    if (!job) throw new Error('no unstarted Boiler job for the technician');

    const tech = await suite.newPage();
    const lead = await suite.newPage();
    for (const [phone, email] of [
      [tech, DEMO_USERS.technician],
      [lead, DEMO_USERS.lead],
    ] as const) {
      await signIn(phone.page, email);
      await waitForServiceWorkerControl(phone.page);
      await openForm(phone.page, job.id);
      await phone.context.setOffline(true);
    }

    await tech.page.locator('#f-make').fill('Worcester Bosch');
    await lead.page.locator('#f-model').fill('Greenstar 30i');
    await Promise.all([stored(tech.page, 'make'), stored(lead.page, 'model')]);

    await tech.context.setOffline(false);
    await synced(tech.page);
    await lead.context.setOffline(false);
    await synced(lead.page);
    // The technician's phone picks up the lead's answer too (a poke, then a pull).
    await openForm(tech.page, job.id);
    await expect.poll(() => tech.page.locator('#f-model').inputValue(), { timeout: 20_000 }).toBe('Greenstar 30i');
    await openForm(lead.page, job.id);
    expect(await lead.page.locator('#f-make').inputValue()).toBe('Worcester Bosch');

    const after = await office.rows();
    const forms = [...after].filter(([k, r]) => k.startsWith('formResponses:') && r['jobId'] === job.id);
    expect(forms).toHaveLength(1);
    const responseId = forms[0]![1]['id'];
    const answers = Object.fromEntries(
      [...after]
        .filter(([k, r]) => k.startsWith('formAnswers:') && r['responseId'] === responseId)
        .map(([, r]) => [r['fieldKey'], r['value']]),
    );
    expect(answers).toMatchObject({ make: 'Worcester Bosch', model: 'Greenstar 30i' });
    // Nothing was refused on either phone.
    for (const phone of [tech.page, lead.page]) {
      expect(await phone.getByTestId('sync-pending').textContent()).toBe('All changes synced');
    }
  });
});
