import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO_USERS, mainHeading, signIn, useE2eSuite } from './harness/index.ts';

const suite = useE2eSuite();

const HEADER = 'external_ref,title,job_type,customer,site_address,scheduled_start,duration_minutes,technician,notes';
const BAD_FILE = [
  HEADER,
  `E2E-1,Annual service,Boiler service,E2E Customer Ltd,"1 Test Street, Leeds",2030-06-01 08:00,60,${DEMO_USERS.technician},"Gate code ""1234"""`,
  'E2E-2,Weld the railings,Welding,E2E Customer Ltd,"1 Test Street, Leeds",2030-06-01 10:00,60,,',
  'E2E-3,Second visit,Boiler service,E2E Customer Ltd,"1 Test Street, Leeds",01/06/2030,60,,',
].join('\r\n');
const GOOD_FILE = BAD_FILE.replace(',Welding,', ',Boiler service,').replace('01/06/2030', '2030-06-02 09:00');

async function importedTotal(page: Page): Promise<number> {
  const response = await page.request.get('/api/jobs?search=e2e%20customer');
  expect(response.ok()).toBe(true);
  return ((await response.json()) as { total: number }).total;
}

async function chooseFile(page: Page, text: string): Promise<void> {
  await page
    .getByLabel('CSV file')
    .setInputFiles({ name: 'jobs.csv', mimeType: 'text/csv', buffer: Buffer.from(text) });
}

describe('CSV import (office)', () => {
  it('shows every error by row and column and imports nothing; the fixed file imports once', async () => {
    const { page } = await suite.newPage();
    page.setDefaultTimeout(10_000);
    await signIn(page, DEMO_USERS.office);
    await expect.poll(() => mainHeading(page)).toBe('All jobs');
    await page.getByRole('navigation', { name: 'Office' }).getByRole('link', { name: 'Import jobs' }).click();
    await expect.poll(() => mainHeading(page)).toBe('Import jobs from CSV');

    await chooseFile(page, BAD_FILE);
    const status = page.getByRole('status').filter({ hasText: 'rows:' });
    await expect.poll(() => status.textContent()).toContain('3 rows: 1 to import, 0 already imported, 2 with errors');
    // At 360 px each row is a card whose cells are labelled with their column ("Line 3").
    const rows = page.getByRole('table', { name: 'Rows of the file and their problems' });
    const line3 = rows.getByRole('row').filter({ has: page.getByRole('rowheader', { name: /^(Line )?3$/ }) });
    await expect.poll(() => line3.textContent()).toContain('job_type: "Welding" is not a job type');
    const line4 = rows.getByRole('row').filter({ has: page.getByRole('rowheader', { name: /^(Line )?4$/ }) });
    await expect.poll(() => line4.textContent()).toContain('scheduled_start: "01/06/2030" is not a date and time');
    // No way to import the whole file; importing the valid row alone needs an explicit choice.
    expect(await page.getByRole('button', { name: /^Import \d+ jobs?$/ }).count()).toBe(0);
    const onlyValid = page.getByRole('button', { name: 'Import only the 1 valid row' });
    expect(await onlyValid.isDisabled()).toBe(true);
    expect(await importedTotal(page)).toBe(0);

    await chooseFile(page, GOOD_FILE);
    await expect
      .poll(() => status.textContent())
      .toContain('3 rows: 3 to import, 0 already imported, 0 with errors. 1 new customers, 1 new sites.');
    await page.getByRole('button', { name: 'Import 3 jobs' }).click();
    await expect
      .poll(() => page.getByRole('status').filter({ hasText: 'Imported' }).textContent())
      .toContain('Imported 3 jobs');
    expect(await importedTotal(page)).toBe(3);

    // Importing the same file again is harmless: every row is already imported.
    await chooseFile(page, GOOD_FILE.replace('Annual service', 'Annual service (again)'));
    await expect.poll(() => status.textContent()).toContain('3 already imported');
    expect(await importedTotal(page)).toBe(3);

    // The office table finds the imported jobs on the server.
    await page.getByRole('navigation', { name: 'Office' }).getByRole('link', { name: 'Jobs', exact: true }).click();
    await page.getByRole('searchbox', { name: 'Search jobs' }).fill('e2e customer');
    await expect.poll(() => page.getByRole('main').textContent()).toContain('3 jobs');
    const table = page.getByRole('table');
    await expect.poll(() => table.textContent()).toContain('Annual service');
    expect(await table.textContent()).toContain('Liam Carter');
  });
});
