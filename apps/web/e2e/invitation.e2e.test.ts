import { describe, expect, it } from 'vitest';
import { apiDevice, signIn, useE2eSuite } from './harness/index.ts';

const suite = useE2eSuite();

describe('an invited technician', () => {
  it('opens the link, chooses a password, signs in; the used link opens nothing again', async () => {
    // The demo's admin (the harness lists only the other roles).
    const admin = await apiDevice(suite.server().url, 'admin@demo.lastmile.app');
    const invited = await admin.request('/api/admin/users/invite', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Noor Haddad', email: 'noor@demo.lastmile.app', role: 'technician', teamId: null }),
    });
    expect(invited.status).toBe(201);
    const link = new URL(((await invited.json()) as { link: string }).link);

    const { page } = await suite.newPage();
    await page.goto(link.pathname + link.hash);
    await page.getByRole('heading', { name: 'Choose your password' }).waitFor();
    await page.getByLabel('New password').fill('short');
    await page.getByLabel('Repeat the password').fill('short');
    await page.getByRole('button', { name: 'Save password' }).click();
    await page.getByRole('alert').getByText('Use at least 12 characters.').waitFor();

    const password = 'three unrelated words';
    await page.getByLabel('New password').fill(password);
    await page.getByLabel('Repeat the password').fill(password);
    await page.getByRole('button', { name: 'Save password' }).click();
    await page.getByText('Password saved.').waitFor();
    expect(new URL(page.url()).pathname).toBe('/');
    expect(new URL(page.url()).hash).toBe('');

    await signIn(page, 'noor@demo.lastmile.app', password);
    await page.getByRole('heading', { level: 1, name: 'My jobs today' }).waitFor();

    const reused = await fetch(`${suite.server().url}/api/auth/set-password`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: link.hash.replace('#token=', ''), password: 'another long password' }),
    });
    expect(reused.status).toBe(404);
  });
});
