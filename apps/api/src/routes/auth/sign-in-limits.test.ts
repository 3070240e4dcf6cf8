import { scryptSync } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import { SIGN_IN_LIMITS } from '../../auth/sign-in-limits.ts';
import { users } from '../../db/schema/index.ts';
import { createTestApp, errorBody, TEST_PASSWORD, type TestApp } from '../../test/test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

function signIn(email: string, password: string, from: string, app = t.app) {
  return app.inject({
    method: 'POST',
    url: '/api/auth/sign-in',
    payload: { email, password },
    remoteAddress: from,
  });
}

describe('sign-in limits (failures per account and per address, in PostgreSQL)', () => {
  it('stops password spraying: many accounts, one common password, one address', async () => {
    const sprayer = '203.0.113.7';
    for (let i = 0; i < SIGN_IN_LIMITS.address.failures; i++) {
      expect((await signIn(`person${i}@spray.test`, 'Summer2026!', sprayer)).statusCode).toBe(401);
    }
    // Even the right password of a real account is refused from that address now…
    const refused = await signIn(t.fixtures.orgA.users.office.email, TEST_PASSWORD, sprayer);
    expect(refused.statusCode).toBe(429);
    expect(errorBody(refused)).toMatchObject({
      code: 'rate_limited',
      detail: { key: 'auth.tooManyFailures', params: { minutes: 15 } },
    });
    expect(errorBody(refused).message).toMatch(/^Too many failed sign-ins\. Wait \d+ minutes?/);
    // Every 429 says when to try again, in the header a client library reads.
    expect(Number(refused.headers['retry-after'])).toBe(15 * 60);
    // …while the same person signs in from anywhere else.
    expect((await signIn(t.fixtures.orgA.users.office.email, TEST_PASSWORD, '198.51.100.1')).statusCode).toBe(200);
  });

  it('limits guessing one account from many addresses, unknown emails included', async () => {
    const victim = t.fixtures.orgA.users.victim.email;
    for (let i = 0; i < SIGN_IN_LIMITS.account.failures; i++) {
      expect((await signIn(victim, `guess-${i}`, `192.0.2.${i + 1}`)).statusCode).toBe(401);
    }
    expect((await signIn(victim, TEST_PASSWORD, '192.0.2.200')).statusCode).toBe(429);

    const nobody = 'nobody-here@unknown.test';
    for (let i = 0; i < SIGN_IN_LIMITS.account.failures; i++) {
      expect((await signIn(nobody, `guess-${i}`, `192.0.2.${100 + i}`)).statusCode).toBe(401);
    }
    expect((await signIn(nobody, 'guess-x', '192.0.2.250')).statusCode).toBe(429);
  });

  it('counts only failures, and a successful sign-in clears the account’s count', async () => {
    const lead = t.fixtures.orgA.users.lead.email;
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < SIGN_IN_LIMITS.account.failures - 1; i++) {
        expect((await signIn(lead, `typo-${i}`, `100.64.${round}.${i + 1}`)).statusCode).toBe(401);
      }
      expect((await signIn(lead, TEST_PASSWORD, `100.64.${round}.99`)).statusCode).toBe(200);
    }
  });

  it('is one limit for every API process sharing the database', async () => {
    const second = await buildApp({ db: t.db, config: t.config, listen: t.testDb.listen, logger: false });
    try {
      const target = t.fixtures.orgA.users.technician.email;
      const half = SIGN_IN_LIMITS.account.failures / 2;
      for (let i = 0; i < half; i++) {
        expect((await signIn(target, `a-${i}`, `100.100.0.${i + 1}`)).statusCode).toBe(401);
        expect((await signIn(target, `b-${i}`, `100.100.1.${i + 1}`, second)).statusCode).toBe(401);
      }
      expect((await signIn(target, TEST_PASSWORD, '100.100.2.1', second)).statusCode).toBe(429);
      expect((await signIn(target, TEST_PASSWORD, '100.100.2.2')).statusCode).toBe(429);
    } finally {
      await second.close();
    }
  });
});

describe('password hashes at today’s strength', () => {
  it('replaces a hash made with the old parameters at the next successful sign-in', async () => {
    const admin = t.fixtures.orgA.users.admin;
    const salt = Buffer.from('fedcba9876543210');
    const key = scryptSync(TEST_PASSWORD, salt, 64, { N: 16384, r: 8, p: 1 });
    const old = ['scrypt', 16384, 8, 1, salt.toString('base64'), key.toString('base64')].join('$');
    await t.db.update(users).set({ passwordHash: old }).where(eq(users.id, admin.id));

    expect((await signIn(admin.email, TEST_PASSWORD, '100.90.0.1')).statusCode).toBe(200);
    const [row] = await t.db.select({ hash: users.passwordHash }).from(users).where(eq(users.id, admin.id));
    expect(row?.hash).toMatch(/^scrypt\$32768\$8\$3\$/);
    expect((await signIn(admin.email, TEST_PASSWORD, '100.90.0.2')).statusCode).toBe(200);
  });
});
