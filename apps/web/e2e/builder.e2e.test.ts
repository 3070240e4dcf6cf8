import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO_USERS, signIn, useE2eSuite } from './harness/index.ts';

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
});
