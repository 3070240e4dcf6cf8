import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, errorBody, sessionFor, TEST_PASSWORD, type TestApp } from '../test/test-app.ts';

/**
 * Text PostgreSQL cannot store is removed from input (ADR 0014), except from passwords, e-mail
 * addresses and webhook URLs, where removing it makes another password or address: those are
 * refused, naming the field (ADR 0049). Found by an outsider tester: a password with a NUL signed in.
 */
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

const UNSTORABLE = 'contains a character that cannot be kept (an invisible NUL or half of an emoji)';
const withNul = (text: string) => `${text.slice(0, 4)}\u0000${text.slice(4)}`;

function expectRefused(response: { statusCode: number; body: string }, ...fields: string[]) {
  expect(response.statusCode, response.body).toBe(400);
  const body = errorBody(response as Parameters<typeof errorBody>[0]);
  expect(body.code).toBe('validation');
  expect(body.issues).toEqual(fields.map((path) => ({ path, message: UNSTORABLE })));
  expect(body.detail).toEqual({ key: 'input.unstorable' });
}

describe('a password or webhook URL with text that cannot be stored', () => {
  it('is refused at sign-in, the same way whether the account exists or not', async () => {
    const signIn = (email: string, password: string) =>
      t.app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { email, password } });
    const known = await signIn(t.fixtures.orgA.users.technician.email, withNul(TEST_PASSWORD));
    expectRefused(known, 'password');
    expect(known.cookies).toHaveLength(0);
    const unknown = await signIn('nobody@nowhere.test', withNul(TEST_PASSWORD));
    expect([unknown.statusCode, unknown.json()]).toEqual([known.statusCode, known.json()]);
    expectRefused(await signIn(t.fixtures.orgA.users.technician.email, `${TEST_PASSWORD}\uD800`), 'password');
    // The password itself still signs in.
    expect((await signIn(t.fixtures.orgA.users.technician.email, TEST_PASSWORD)).statusCode).toBe(200);
  });

  it('is refused when a password is changed, set from a link, or checked to join a crew', async () => {
    const lead = await sessionFor(t.db, t.fixtures.orgA.users.lead);
    const change = await t.app.inject({
      method: 'POST',
      url: '/api/auth/password',
      headers: lead,
      payload: { currentPassword: TEST_PASSWORD, newPassword: withNul('a new password') },
    });
    expectRefused(change, 'newPassword');
    const both = await t.app.inject({
      method: 'POST',
      url: '/api/auth/password',
      headers: lead,
      payload: { currentPassword: withNul(TEST_PASSWORD), newPassword: withNul('a new password') },
    });
    expectRefused(both, 'currentPassword', 'newPassword');
    const link = await t.app.inject({
      method: 'POST',
      url: '/api/auth/set-password',
      payload: { token: 'x'.repeat(43), password: withNul('a new password') },
    });
    expectRefused(link, 'password');
    const crew = await t.app.inject({
      method: 'POST',
      url: '/api/auth/crew',
      headers: await sessionFor(t.db, t.fixtures.orgA.users.technician),
      payload: { clientId: 'crew-phone-1', email: t.fixtures.orgA.users.lead.email, password: withNul(TEST_PASSWORD) },
    });
    expectRefused(crew, 'password');
  });

  it('is refused as an e-mail address: an invitation is not mailed to the address without it', async () => {
    const admin = await sessionFor(t.db, t.fixtures.orgA.users.admin);
    const invite = (email: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/admin/users/invite',
        headers: admin,
        payload: { name: 'Ann Null', email, role: 'technician', teamId: null },
      });
    expectRefused(await invite('ann\u0000@example.com'), 'email');
    const people = await t.app.inject({ method: 'GET', url: '/api/admin/users', headers: admin });
    expect(people.json<{ email: string }[]>().map((p) => p.email)).not.toContain('ann@example.com');
    const signIn = await t.app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      payload: { email: withNul(t.fixtures.orgA.users.technician.email), password: TEST_PASSWORD },
    });
    expectRefused(signIn, 'email');
    const crew = await t.app.inject({
      method: 'POST',
      url: '/api/auth/crew',
      headers: await sessionFor(t.db, t.fixtures.orgA.users.technician),
      payload: { clientId: 'crew-phone-2', email: withNul(t.fixtures.orgA.users.lead.email), password: TEST_PASSWORD },
    });
    expectRefused(crew, 'email');
  });

  it('is refused as a webhook URL, when subscribing and when changing it', async () => {
    const admin = await sessionFor(t.db, t.fixtures.orgA.users.admin);
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/admin/webhooks',
      headers: admin,
      payload: { url: 'https://hooks.example.com/a\u0000b', eventTypes: ['job.created'] },
    });
    expectRefused(created, 'url');
    const fine = await t.app.inject({
      method: 'POST',
      url: '/api/admin/webhooks',
      headers: admin,
      payload: { url: 'https://hooks.example.com/ab', eventTypes: ['job.created'] },
    });
    expect(fine.statusCode).toBe(201);
    const { subscription } = fine.json<{ subscription: { id: string } }>();
    const changed = await t.app.inject({
      method: 'PATCH',
      url: `/api/admin/webhooks/${subscription.id}`,
      headers: admin,
      payload: { url: 'https://hooks.example\u0000.com/' },
    });
    expectRefused(changed, 'url');
    // Other text still has its NUL removed, as everywhere (ADR 0014).
    const described = await t.app.inject({
      method: 'PATCH',
      url: `/api/admin/webhooks/${subscription.id}`,
      headers: admin,
      payload: { description: 'Billing\u0000 system' },
    });
    expect([described.statusCode, described.json<{ description: string }>().description]).toEqual([
      200,
      'Billing system',
    ]);
  });
});
