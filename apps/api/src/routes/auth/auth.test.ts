import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessionInfoSchema } from '@lastmile/domain';
import { createTestApp, errorBody, sessionFor, TEST_PASSWORD, type TestApp } from '../../test/test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

async function signIn(email: string, password = TEST_PASSWORD) {
  return t.app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { email, password } });
}

/** The cookie and CSRF headers a browser would send after this sign-in response. */
function credentialsOf(response: Awaited<ReturnType<typeof signIn>>) {
  const cookie = response.cookies.find((c) => c.name === 'lm_session');
  if (!cookie) throw new Error('no session cookie');
  return { cookie: `lm_session=${cookie.value}`, 'x-csrf-token': sessionInfoSchema.parse(response.json()).csrfToken };
}

describe('sign-in', () => {
  it('returns the session info and sets an httpOnly, SameSite=Lax session cookie', async () => {
    const user = t.fixtures.orgA.users.technician;
    const response = await signIn(user.email.toUpperCase());
    expect(response.statusCode).toBe(200);
    const info = sessionInfoSchema.parse(response.json());
    expect(info.user).toMatchObject({ id: user.id, role: 'technician', email: user.email });
    expect(info.org.id).toBe(t.fixtures.orgA.id);
    const cookie = response.cookies.find((c) => c.name === 'lm_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(cookie?.secure).toBeFalsy();
    expect(cookie?.value).toMatch(/^[\w-]{43}$/);
    expect(response.json()).not.toHaveProperty('passwordHash');

    const me = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: credentialsOf(response) });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toEqual(info);
  });

  it('gives the same message for a wrong password and an unknown email', async () => {
    const wrongPassword = await signIn(t.fixtures.orgA.users.office.email, 'not-it');
    const unknownEmail = await signIn('nobody@nowhere.test');
    expect(wrongPassword.statusCode).toBe(401);
    expect(unknownEmail.statusCode).toBe(401);
    expect(wrongPassword.json()).toEqual({
      code: 'unauthenticated',
      message: 'Wrong email or password.',
      detail: { key: 'auth.wrongPassword' },
    });
    expect(unknownEmail.json()).toEqual(wrongPassword.json());
    expect(wrongPassword.cookies).toHaveLength(0);
  });

  it('explains invalid input field by field', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      payload: { email: 'not-an-email' },
    });
    expect(response.statusCode).toBe(400);
    const body = errorBody(response);
    expect(body.code).toBe('validation');
    expect(body.issues?.map((i) => i.path).sort()).toEqual(['email', 'password']);
  });

  it('limits attempts per address and email to 10 a minute, with a readable 429', async () => {
    const email = 'guess-me@a.test';
    for (let i = 0; i < 10; i++) expect((await signIn(email, `guess-${i}`)).statusCode).toBe(401);
    const limited = await signIn(email, 'guess-10');
    expect(limited.statusCode).toBe(429);
    expect(errorBody(limited).code).toBe('rate_limited');
    expect(errorBody(limited).message).toMatch(
      /^Too many sign-in attempts\. Wait \d+ (seconds?|minutes?) and try again\.$/,
    );
    // The app says it in the person's language from the key and the wait in seconds.
    expect(errorBody(limited).detail).toEqual({ key: 'auth.rateLimited', params: { seconds: expect.any(Number) } });
    // Another account from the same address is not locked out.
    expect((await signIn(t.fixtures.orgA.users.lead.email)).statusCode).toBe(200);
  });

  it('marks the cookie Secure when configured', async () => {
    const secure = await createTestApp({ cookieSecure: true });
    try {
      const response = await secure.app.inject({
        method: 'POST',
        url: '/api/auth/sign-in',
        payload: { email: secure.fixtures.orgA.users.admin.email, password: TEST_PASSWORD },
      });
      expect(response.cookies.find((c) => c.name === 'lm_session')?.secure).toBe(true);
    } finally {
      await secure.close();
    }
  });
});

describe('sessions', () => {
  it('sign-out ends the session: the cookie no longer works', async () => {
    const credentials = credentialsOf(await signIn(t.fixtures.orgA.users.lead.email));
    const out = await t.app.inject({ method: 'POST', url: '/api/auth/sign-out', headers: credentials });
    expect(out.statusCode).toBe(204);
    expect(out.cookies.find((c) => c.name === 'lm_session')?.value).toBe('');
    const me = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: credentials });
    expect(me.statusCode).toBe(401);
    expect(errorBody(me).code).toBe('unauthenticated');
  });

  it('an admin revoking a user signs them out on every device', async () => {
    const victim = t.fixtures.orgA.users.victim;
    const phone = await sessionFor(t.db, victim);
    const tablet = await sessionFor(t.db, victim);
    const admin = await sessionFor(t.db, t.fixtures.orgA.users.admin);
    const revoke = await t.app.inject({
      method: 'POST',
      url: `/api/admin/sessions/revoke-user/${victim.id}`,
      headers: admin,
    });
    expect(revoke.statusCode).toBe(200);
    expect(revoke.json<{ revoked: number }>().revoked).toBeGreaterThanOrEqual(2);
    for (const device of [phone, tablet]) {
      expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: device })).statusCode).toBe(401);
    }
  });

  it('refuses a made-up session token', async () => {
    const response = await t.app.inject({
      method: 'GET',
      url: '/api/auth/me',
      headers: { cookie: 'lm_session=forged' },
    });
    expect(response.statusCode).toBe(401);
  });
});

describe('CSRF', () => {
  it('refuses a cookie-authenticated write without the token, or with the wrong one', async () => {
    const { cookie, 'x-csrf-token': token } = await sessionFor(t.db, t.fixtures.orgA.users.office);
    const missing = await t.app.inject({ method: 'POST', url: '/api/auth/sign-out', headers: { cookie } });
    expect(missing.statusCode).toBe(403);
    expect(errorBody(missing).code).toBe('csrf');
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/auth/sign-out',
      headers: { cookie, 'x-csrf-token': `${token}x` },
    });
    expect(wrong.statusCode).toBe(403);
    expect(errorBody(wrong).code).toBe('csrf');
    // The session survived both attempts.
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } })).statusCode).toBe(200);
  });

  it('does not ask for a token on reads', async () => {
    const { cookie } = await sessionFor(t.db, t.fixtures.orgA.users.office);
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } })).statusCode).toBe(200);
  });
});
