import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Invitation, PasswordLink } from '@lastmile/domain';
import { userTokens } from '../../db/schema/index.ts';
import { createTestApp, errorBody, sessionFor, TEST_PASSWORD, type TestApp } from '../../test/test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

const PASSWORD = 'my own long password';
const tokenOf = (link: string) => new URL(link).hash.replace('#token=', '');
const setPassword = (token: string, password = PASSWORD) =>
  t.app.inject({ method: 'POST', url: '/api/auth/set-password', payload: { token, password } });
const signIn = (email: string, password: string) =>
  t.app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { email, password } });

async function mailTo(email: string): Promise<string[]> {
  const files = await readdir(t.config.mail.dir).catch(() => []);
  const mails = await Promise.all(files.map((f) => readFile(join(t.config.mail.dir, f), 'utf8')));
  return mails.filter((m) => m.includes(`To: ${email}`));
}

describe('invitations and password links', () => {
  it('invites a person, who sets a password once through the mailed link and signs in', async () => {
    const admin = await sessionFor(t.db, t.fixtures.orgA.users.admin);
    const invited = await t.app.inject({
      method: 'POST',
      url: '/api/admin/users/invite',
      headers: admin,
      payload: { name: 'Noor Haddad', email: ' Noor@A.test ', role: 'technician', teamId: t.fixtures.orgA.teamId },
    });
    expect(invited.statusCode, invited.body).toBe(201);
    const { user, link } = invited.json<Invitation>();
    expect(user).toMatchObject({ email: 'noor@a.test', role: 'technician', active: true });
    const [mail] = await mailTo('noor@a.test');
    expect(mail).toContain(link);

    const token = tokenOf(link);
    const stored = await t.db.select().from(userTokens).where(eq(userTokens.userId, user.id));
    expect(JSON.stringify(stored)).not.toContain(token);

    expect((await signIn('noor@a.test', PASSWORD)).statusCode).toBe(401);
    expect((await setPassword(token)).statusCode).toBe(204);
    expect((await signIn('noor@a.test', PASSWORD)).statusCode).toBe(200);
    const again = await setPassword(token, 'someone elses password');
    expect(again.statusCode).toBe(404);
    expect(errorBody(again).message).toMatch(/expired or was already used/);
  });

  it('a reset link replaces the password and ends every session; only the latest link works', async () => {
    const admin = await sessionFor(t.db, t.fixtures.orgA.users.admin);
    const target = t.fixtures.orgA.users.technician;
    const theirs = await sessionFor(t.db, target);
    const reset = () =>
      t.app.inject({ method: 'POST', url: `/api/admin/users/${target.id}/password-reset`, headers: admin });
    const first = (await reset()).json<PasswordLink>();
    const second = (await reset()).json<PasswordLink>();
    expect((await setPassword(tokenOf(first.link))).statusCode).toBe(404);
    expect((await setPassword(tokenOf(second.link))).statusCode).toBe(204);
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: theirs })).statusCode).toBe(401);
    expect((await signIn(target.email, TEST_PASSWORD)).statusCode).toBe(401);
    expect((await signIn(target.email, PASSWORD)).statusCode).toBe(200);
    expect(await mailTo(target.email)).toHaveLength(2);
  });

  it('refuses an expired link', async () => {
    const admin = await sessionFor(t.db, t.fixtures.orgA.users.admin);
    const target = t.fixtures.orgA.users.office;
    const { link } = (
      await t.app.inject({ method: 'POST', url: `/api/admin/users/${target.id}/password-reset`, headers: admin })
    ).json<PasswordLink>();
    await t.db
      .update(userTokens)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(userTokens.userId, target.id));
    expect((await setPassword(tokenOf(link))).statusCode).toBe(404);
  });
});
