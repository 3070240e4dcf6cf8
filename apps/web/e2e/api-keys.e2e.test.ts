import { describe, expect, it } from 'vitest';
import { mainHeading, signIn, useE2eSuite } from './harness/index.ts';

const suite = useE2eSuite();
const ADMIN = 'admin@demo.lastmile.app';

describe('API keys in the browser', () => {
  it('an admin creates a key, sees its secret once, another system lists jobs with it until it is revoked', async () => {
    const { context, page } = await suite.newPage();
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.setViewportSize({ width: 1280, height: 900 });
    await signIn(page, ADMIN);
    await page.getByRole('navigation', { name: 'Office' }).getByRole('link', { name: 'API keys' }).click();
    await expect.poll(() => mainHeading(page), { timeout: 20_000 }).toBe('API keys');

    await page.getByLabel('Name', { exact: false }).fill('ERP e2e');
    await page.getByRole('radio', { name: 'Read and write' }).check();
    await page.getByRole('button', { name: 'Create key' }).click();
    await page.getByRole('heading', { name: 'Key “ERP e2e” created' }).waitFor();
    await page.getByRole('button', { name: 'Copy key' }).click();
    await page.getByText('Copied.').waitFor();
    const secret = await page.evaluate(() => navigator.clipboard.readText());
    expect(secret).toMatch(/^lmk_/);
    expect(await page.getByRole('textbox', { name: 'API key' }).inputValue()).toBe(secret);

    // Shown once: after "Done" (or a reload) the page holds only the key's prefix.
    await page.getByRole('button', { name: 'Done, I stored it' }).click();
    const row = page.getByRole('listitem').filter({ hasText: 'ERP e2e' });
    await row.getByText('Active', { exact: true }).waitFor();
    expect(await page.content()).not.toContain(secret);

    const listJobs = () =>
      fetch(`${suite.server().url}/api/v1/jobs?limit=5`, { headers: { authorization: `Bearer ${secret}` } });
    const listed = await listJobs();
    expect(listed.status).toBe(200);
    const page1 = (await listed.json()) as { items: { number: string }[]; nextCursor: string | null };
    expect(page1.items.length).toBe(5);
    expect(page1.nextCursor).not.toBeNull();

    await page.reload();
    await expect.poll(() => mainHeading(page), { timeout: 20_000 }).toBe('API keys');
    await row.getByText(/last used/).waitFor();
    await page.getByRole('button', { name: 'Revoke ERP e2e' }).click();
    await page.getByRole('dialog', { name: 'Revoke “ERP e2e”?' }).getByRole('button', { name: 'Revoke key' }).click();
    await page.getByText('Key “ERP e2e” revoked.').waitFor();
    await row.getByText(/^Revoked/).waitFor();

    const refused = await listJobs();
    expect(refused.status).toBe(401);
    expect(((await refused.json()) as { code: string }).code).toBe('unauthenticated');
  });
});
