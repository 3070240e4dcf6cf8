import { describe, expect, it } from 'vitest';
import { mainHeading, signIn, submitSignIn, useE2eSuite } from './harness/index.ts';

const suite = useE2eSuite();
const ADMIN = 'admin@demo.lastmile.app';

describe('people administration in the browser', () => {
  it('an admin invites a technician, who joins from the copied link; deactivated, their app is signed out at its next contact', async () => {
    // The admin, at a desk.
    const { context: adminContext, page: admin } = await suite.newPage();
    await adminContext.grantPermissions(['clipboard-read', 'clipboard-write']);
    await admin.setViewportSize({ width: 1280, height: 900 });
    await signIn(admin, ADMIN);
    await admin.getByRole('navigation', { name: 'Office' }).getByRole('link', { name: 'People' }).click();
    await expect.poll(() => mainHeading(admin), { timeout: 20_000 }).toBe('People');

    await admin.getByRole('button', { name: 'Invite a person' }).click();
    await admin.getByLabel('Name', { exact: true }).fill('Noor Haddad');
    await admin.getByLabel('Email', { exact: true }).fill('noor.haddad@demo.lastmile.app');
    await admin.getByLabel('Role', { exact: true }).selectOption('technician');
    await admin.getByRole('button', { name: 'Send invitation' }).click();
    const result = admin.getByRole('heading', { name: 'Invitation link for Noor Haddad' });
    await result.waitFor();
    await expect.poll(() => result.evaluate((h) => h === document.activeElement)).toBe(true);
    // No SMTP in this server: the admin is told to pass the link on.
    await admin.getByText('Email is not set up on this server').waitFor();
    await admin.getByRole('button', { name: 'Copy link' }).click();
    await admin.getByText('Link copied.').waitFor();
    const copied = await admin.evaluate(() => navigator.clipboard.readText());
    expect(copied).toBe(await admin.getByLabel('One-time link').inputValue());
    const person = admin.getByRole('listitem').filter({ hasText: 'noor.haddad@demo.lastmile.app' });
    await person.getByText('Invited, not joined yet', { exact: true }).waitFor();

    // The technician opens the link on their own phone, chooses a password and signs in.
    const { page: phone } = await suite.newPage();
    const link = new URL(copied);
    await phone.goto(link.pathname + link.hash);
    const password = 'four quiet harbour lamps';
    await phone.getByLabel('New password').fill(password);
    await phone.getByLabel('Repeat the password').fill(password);
    await phone.getByRole('button', { name: 'Save password' }).click();
    await phone.getByText('Password saved.').waitFor();
    await signIn(phone, 'noor.haddad@demo.lastmile.app', password);
    await expect.poll(() => mainHeading(phone), { timeout: 20_000 }).toBe('My jobs today');

    // The admin sees them joined, and deactivates them after a confirmation that says what happens.
    await admin.reload();
    await expect.poll(() => mainHeading(admin), { timeout: 20_000 }).toBe('People');
    await admin.getByLabel('Search by name or email').fill('noor');
    await admin
      .getByRole('status')
      .filter({ hasText: /^1 person$/ })
      .waitFor();
    await person.getByText('Active', { exact: true }).waitFor();
    await admin.getByRole('button', { name: 'Deactivate Noor Haddad' }).click();
    const dialog = admin.getByRole('dialog', { name: 'Deactivate Noor Haddad?' });
    await dialog.getByText('signed out at once on every phone and computer').waitFor();
    await dialog.getByText('history stay').waitFor();
    await dialog.getByRole('button', { name: 'Deactivate' }).click();
    await admin.getByText('Noor Haddad is deactivated.').waitFor();
    await person.getByText('Deactivated', { exact: true }).waitFor();
    await expect
      .poll(() => admin.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? ''))
      .toBe('Reactivate Noor Haddad');

    // The phone's next contact with the server — the sync the change's poke starts, nothing the
    // test does — finds the session gone: the app signs out and says so.
    await phone.getByText('Your session ended. Sign in again to keep syncing.').waitFor({ timeout: 30_000 });
    await submitSignIn(phone, 'noor.haddad@demo.lastmile.app', password);
    await phone.getByText('This account has been deactivated').waitFor();
  });

  it('words an admin’s attempt to deactivate themselves, and keeps settings from the office', async () => {
    const { page: admin } = await suite.newPage();
    await admin.setViewportSize({ width: 1280, height: 900 });
    await signIn(admin, ADMIN);
    await admin.goto('/admin/people');
    await expect.poll(() => mainHeading(admin), { timeout: 20_000 }).toBe('People');
    await admin.getByRole('button', { name: 'Deactivate Morgan Reid' }).click();
    await admin.getByRole('dialog').getByRole('button', { name: 'Deactivate' }).click();
    await admin
      .getByRole('dialog')
      .getByRole('alert')
      .getByText('You cannot deactivate yourself; ask another administrator.')
      .waitFor();
    await admin.keyboard.press('Escape');

    // A technician with work: the dialog says their open jobs stay assigned to them.
    await admin.getByRole('button', { name: 'Deactivate Liam Carter' }).click();
    const warning = admin.getByRole('dialog', { name: 'Deactivate Liam Carter?' }).getByRole('alert');
    await expect.poll(() => warning.textContent()).toMatch(/^Liam Carter still has \d+ open jobs?\. .*reassign/);
    await admin.keyboard.press('Escape');

    const { page: office } = await suite.newPage();
    await signIn(office, 'office@demo.lastmile.app');
    await office.goto('/admin/settings');
    await expect.poll(() => mainHeading(office), { timeout: 20_000 }).toBe('Not available to you');
    await office.getByText('Only administrators can change the organization’s settings.').waitFor();
  });
});
