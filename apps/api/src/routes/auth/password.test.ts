import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../../db/schema/index.ts';
import { createTestApp, errorBody, sessionFor, TEST_PASSWORD, type TestApp } from '../../test/test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

const NEW_PASSWORD = 'a much longer passphrase';
const signIn = (email: string, password: string) =>
  t.app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { email, password } });
const me = (headers: Record<string, string>) => t.app.inject({ method: 'GET', url: '/api/auth/me', headers });

describe('changing one’s own password', () => {
  it('needs the current password and a long new one', async () => {
    const headers = await sessionFor(t.db, t.fixtures.orgA.users.office);
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/auth/password',
      headers,
      payload: { currentPassword: 'guess', newPassword: NEW_PASSWORD },
    });
    expect(wrong.statusCode).toBe(400);
    expect(errorBody(wrong).message).toBe('That is not your current password.');
    const short = await t.app.inject({
      method: 'POST',
      url: '/api/auth/password',
      headers,
      payload: { currentPassword: TEST_PASSWORD, newPassword: 'short' },
    });
    expect(short.statusCode).toBe(400);
    expect((await signIn(t.fixtures.orgA.users.office.email, TEST_PASSWORD)).statusCode).toBe(200);
  });

  it('replaces the password, keeps this session and ends the others', async () => {
    const user = t.fixtures.orgA.users.lead;
    const here = await sessionFor(t.db, user);
    const elsewhere = await sessionFor(t.db, user);
    const changed = await t.app.inject({
      method: 'POST',
      url: '/api/auth/password',
      headers: here,
      payload: { currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD },
    });
    expect(changed.statusCode, changed.body).toBe(204);
    expect((await me(here)).statusCode).toBe(200);
    expect((await me(elsewhere)).statusCode).toBe(401);
    expect((await signIn(user.email, TEST_PASSWORD)).statusCode).toBe(401);
    expect((await signIn(user.email, NEW_PASSWORD)).statusCode).toBe(200);
    const audit = await t.db.select().from(auditEvents);
    expect(audit.some((a) => a.entityId === user.id && a.action === 'user.password_changed')).toBe(true);
  });
});
