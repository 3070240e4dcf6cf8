import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessions, users } from '../db/schema/index.ts';
import { seedDemo } from '../seed/demo.ts';
import { createTestDb, type TestDb } from '../test/test-db.ts';
import { createSession, deleteStaleSessions, findSession } from './sessions.ts';

const DAY = 24 * 60 * 60 * 1000;
let t: TestDb;
let person: { id: string; orgId: string };

beforeAll(async () => {
  t = await createTestDb();
  await seedDemo(t.db);
  const [user] = await t.db
    .select({ id: users.id, orgId: users.orgId })
    .from(users)
    .where(eq(users.email, 'tech1@demo.lastmile.app'));
  person = user!;
});
afterAll(() => t.cleanup());

async function newSession(at: Date) {
  return createSession(t.db, { userId: person.id, orgId: person.orgId, ttlDays: 30, userAgent: null, now: at });
}

describe('sliding sessions', () => {
  it('renews a session used after half its life, so daily use never meets a fixed expiry', async () => {
    const start = new Date('2026-01-01T08:00:00Z');
    const { token } = await newSession(start);
    // Used every day for 90 days: three times the 30-day life, never signed out.
    for (let day = 1; day <= 90; day++) {
      const at = new Date(start.getTime() + day * DAY);
      const found = await findSession(t.db, token, { now: at, slideDays: 30 });
      expect(found, `day ${day}`).not.toBeNull();
      expect(found!.expiresAt.getTime() - at.getTime()).toBeGreaterThanOrEqual(15 * DAY);
    }
  });

  it('renews only after half the life has passed, and says so (the cookie is sent again then)', async () => {
    const start = new Date('2026-02-01T08:00:00Z');
    const { token, expiresAt } = await newSession(start);
    const early = await findSession(t.db, token, { now: new Date(start.getTime() + 2 * DAY), slideDays: 30 });
    expect(early).toMatchObject({ renewed: false, expiresAt });
    const late = new Date(start.getTime() + 16 * DAY);
    const renewed = await findSession(t.db, token, { now: late, slideDays: 30 });
    expect(renewed?.renewed).toBe(true);
    expect(renewed?.expiresAt.toISOString()).toBe(new Date(late.getTime() + 30 * DAY).toISOString());
    const [row] = await t.db.select().from(sessions).where(eq(sessions.tokenHash, renewed!.tokenHash));
    expect(row?.expiresAt.toISOString()).toBe(renewed?.expiresAt.toISOString());
  });

  it('still ends a session left unused for its whole life, and a revoked one is never renewed', async () => {
    const start = new Date('2026-03-01T08:00:00Z');
    const { token } = await newSession(start);
    expect(await findSession(t.db, token, { now: new Date(start.getTime() + 31 * DAY), slideDays: 30 })).toBeNull();

    const second = await newSession(start);
    await t.db.update(sessions).set({ revokedAt: start }).where(eq(sessions.userId, person.id));
    expect(
      await findSession(t.db, second.token, { now: new Date(start.getTime() + 20 * DAY), slideDays: 30 }),
    ).toBeNull();
  });

  it('prunes expired sessions and ones revoked over 30 days ago, keeping live ones', async () => {
    const now = new Date('2026-06-01T08:00:00Z');
    const live = await newSession(new Date(now.getTime() - DAY));
    const expired = await newSession(new Date(now.getTime() - 40 * DAY));
    await deleteStaleSessions(t.db, now);
    expect(await findSession(t.db, live.token, { now })).not.toBeNull();
    const left = await t.db.select({ expiresAt: sessions.expiresAt }).from(sessions);
    expect(left.every((s) => s.expiresAt > now)).toBe(true);
    expect(expired.expiresAt < now).toBe(true);
  });
});
