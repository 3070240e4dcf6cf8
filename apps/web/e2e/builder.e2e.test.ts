import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { apiDevice, DEMO_USERS, signIn, useE2eSuite } from './harness/index.ts';

const suite = useE2eSuite();

async function addField(page: Page, sectionTitle: string, type: string, label: string, key: string): Promise<void> {
  await page.getByLabel(`New field in ${sectionTitle}`).selectOption({ label: type });
  await page.getByRole('button', { name: 'Add field' }).click();
  const labels = page.getByLabel('Question / label');
  await labels.last().fill(label);
  const keys = page.getByLabel('Key', { exact: true });
  await keys.last().fill(key);
}

describe('template builder', () => {
  it('lets the office build a form, refuses a broken one with a precise message, and publishes version 1', async () => {
    const { page } = await suite.newPage();
    await signIn(page, DEMO_USERS.office);
    await page.goto('/templates');
    await page.getByLabel('Name of the new template').fill('Gas safety check');
    await page.getByRole('button', { name: 'Create' }).click();
    await page.getByLabel('Template name').waitFor();
    if ((await page.getByLabel('Section title').count()) === 0)
      await page.getByRole('button', { name: 'Add a section' }).click();
    const sectionTitle = await page.getByLabel('Section title').first().inputValue();

    await addField(page, sectionTitle, 'Short text', 'Appliance make', 'appliance');
    await addField(page, sectionTitle, 'Number', 'Working pressure', 'appliance');
    await page.getByRole('button', { name: 'Publish' }).click();
    await page.getByText('Not published: 1 problem to fix.').waitFor();
    await page.getByRole('link', { name: /Key "appliance" is used twice/ }).waitFor();

    await page.getByLabel('Key', { exact: true }).last().fill('working_pressure');
    await page.getByRole('button', { name: 'Publish' }).click();
    await page.getByText('Published as version 1.').waitFor({ timeout: 15_000 });

    await page.getByText('Versions', { exact: true }).click();
    await page.getByText(/^Version 1 · Priya Shah/).waitFor();
    // The preview shows the form as the phone will.
    const preview = page.getByRole('region', { name: 'Preview' }).or(page.locator('.builder-preview')).first();
    expect(await preview.getByLabel('Working pressure').count()).toBe(1);
  });

  it('a job type’s rules follow another editor’s save, and a save over it is refused with their name, not written', async () => {
    const other = await apiDevice(suite.server().url, DEMO_USERS.office);
    const boilerType = async () =>
      [...(await other.rows()).values()].find((r) => r['name'] === 'Boiler service' && 'keyFields' in r)!;
    const type = await boilerType();
    const url = `/api/job-types/${String(type['id'])}/form-rules`;
    const rules = () => ({
      templateId: type['templateId'],
      keyFields: type['keyFields'] as string[],
      requiredFields: type['requiredFields'] as string[],
    });
    const otherSaves = async (change: (r: ReturnType<typeof rules>) => ReturnType<typeof rules>) => {
      const base = rules();
      const res = await other.request(url, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ ...change(base), base }),
      });
      expect(res.status, await res.clone().text()).toBe(200);
      Object.assign(type, await res.json());
    };

    const { page } = await suite.newPage();
    await signIn(page, DEMO_USERS.office);
    await page.goto('/templates');
    await page.getByRole('link', { name: 'Boiler service record' }).click();
    await page.getByText('Job types', { exact: true }).click();
    const form = page.getByRole('form', { name: 'Boiler service' });
    const required = form.getByRole('group', { name: 'Required for this job type' });
    await expect.poll(() => required.getByLabel('Model').isChecked(), { timeout: 15_000 }).toBe(true);

    // Untouched, the form follows what another editor saved (it replicates to this desktop).
    await otherSaves((r) => ({ ...r, requiredFields: r.requiredFields.filter((k) => k !== 'model') }));
    await expect.poll(() => required.getByLabel('Model').isChecked(), { timeout: 30_000 }).toBe(false);

    // Once this person changes a box, another save in between is not overwritten by theirs.
    await required.getByLabel('Model').check();
    await otherSaves((r) => ({ ...r, keyFields: r.keyFields.slice(0, 2) }));
    await form.getByRole('button', { name: 'Save rules for Boiler service' }).click();
    await form
      .getByText(
        'Priya Shah changed the form rules of “Boiler service” after you opened them, so yours were not saved. The editor now shows theirs.',
      )
      .waitFor({ timeout: 15_000 });
    expect((await boilerType())['requiredFields']).not.toContain('model');
    await expect.poll(() => required.getByLabel('Model').isChecked(), { timeout: 30_000 }).toBe(false);
    // Their second save reaches this desktop too (the key field they took off); saved again from
    // their rules, this person's change goes through.
    const keyFields = form.getByRole('group', { name: 'Key fields (up to 3)' });
    await expect.poll(() => keyFields.getByLabel('Appliance safe to use').isChecked(), { timeout: 30_000 }).toBe(false);
    await required.getByLabel('Model').check();
    await form.getByRole('button', { name: 'Save rules for Boiler service' }).click();
    await form.getByText('Rules saved for Boiler service.').waitFor({ timeout: 15_000 });
    await expect.poll(async () => (await boilerType())['requiredFields'], { timeout: 15_000 }).toContain('model');
  });
});
