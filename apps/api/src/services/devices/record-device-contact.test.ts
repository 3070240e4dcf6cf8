import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import pg from 'pg';
import { ERROR_CODES, newId } from '@lastmile/domain';
import { queryRows } from '@lastmile/sync/server';
import { createSession } from '../../auth/sessions.ts';
import { buildWorld, type World } from '../../sync/test-world.ts';
import { waitForLockWaiters } from '../../test/lock-waiters.ts';
import { createTestDb, type TestDb } from '../../test/test-db.ts';
import { recordDeviceContact, type DeviceContact } from './record-device-contact.ts';

/**
 * A phone syncing every few seconds must not commit a device-registry write at every push and
 * pull: a contact that reports nothing new within a minute of the last one recorded writes nothing
 * — yet a revoked device is refused at every contact, and a new report is recorded at once.
 */
let testDb: TestDb;
let world: World;
let contact: DeviceContact;

beforeAll(async () => {
  testDb = await createTestDb();
  world = await buildWorld(testDb.db, { jobCount: 1 });
  const actor = world.actors.tech1;
  const session = await createSession(testDb.db, {
    userId: actor.userId,
    orgId: actor.orgId,
    ttlDays: 1,
    userAgent: null,
  });
  const [row] = await queryRows<{ token_hash: string }>(
    testDb.db,
    sql`select token_hash from sessions where user_id = ${actor.userId} and csrf_token = ${session.csrfToken}`,
  );
  contact = {
    actor,
    clientId: 'contact-test-client',
    report: undefined,
    userAgent: 'Phone',
    sessionTokenHash: row!.token_hash,
  };
});
afterAll(async () => {
  await testDb.cleanup();
});

/** The row version PostgreSQL gives each write of the device's row (changes on every update). */
async function rowVersion(): Promise<{ xmin: string; lastSeen: string }> {
  const [row] = await queryRows<{ xmin: string; last_seen_at: Date | string }>(
    testDb.db,
    sql`select xmin::text as xmin, last_seen_at from devices where client_id = ${contact.clientId}`,
  );
  return { xmin: row!.xmin, lastSeen: new Date(row!.last_seen_at).toISOString() };
}

it('writes the first contact, skips a repeat within a minute, and writes a new report or a later contact', async () => {
  const t0 = new Date('2026-12-01T08:00:00Z');
  await recordDeviceContact(testDb.db, { ...contact, now: t0 });
  const first = await rowVersion();
  expect(first.lastSeen).toBe(t0.toISOString());

  await recordDeviceContact(testDb.db, { ...contact, now: new Date(t0.getTime() + 30_000) });
  expect(await rowVersion()).toEqual(first); // nothing new: not written

  await recordDeviceContact(testDb.db, {
    ...contact,
    report: { appVersion: '1.2.3', pendingCount: 2 },
    now: new Date(t0.getTime() + 40_000),
  });
  const reported = await rowVersion();
  expect(reported.xmin).not.toBe(first.xmin); // a new report is written at once
  const [row] = await queryRows<{ pending_count: number }>(
    testDb.db,
    sql`select pending_count from devices where client_id = ${contact.clientId}`,
  );
  expect(row!.pending_count).toBe(2);

  const later = new Date(t0.getTime() + 40_000 + 61_000);
  await recordDeviceContact(testDb.db, { ...contact, report: { appVersion: '1.2.3', pendingCount: 2 }, now: later });
  expect((await rowVersion()).lastSeen).toBe(later.toISOString());
});

it('refuses a revoked device at a contact that writes nothing, and refuses another person on the client id', async () => {
  const t = new Date('2026-12-01T09:00:00Z');
  await recordDeviceContact(testDb.db, { ...contact, now: t });
  await testDb.db.execute(
    sql`update devices set revoked_at = now(), revoke_reason = 'lost in the field' where client_id = ${contact.clientId}`,
  );
  await expect(recordDeviceContact(testDb.db, { ...contact, now: new Date(t.getTime() + 1000) })).rejects.toMatchObject(
    {
      code: ERROR_CODES.deviceRevoked,
    },
  );
  await expect(
    recordDeviceContact(testDb.db, { ...contact, actor: world.actors.tech2, now: new Date(t.getTime() + 2000) }),
  ).rejects.toMatchObject({ code: ERROR_CODES.clientMismatch });
});

it("renews the crew's sessions on the client past half their life, never the cookie's own or another client's", async () => {
  const t = new Date('2026-12-01T10:00:00Z');
  const { tech2, lead } = world.actors;
  const clientId = 'crew-slide-client';
  const crewContact = { ...contact, clientId };
  await recordDeviceContact(testDb.db, { ...crewContact, now: t });
  const sessionOf = async (userId: string, client: string | null, daysLeft: number) => {
    const made = await createSession(testDb.db, {
      userId,
      orgId: world.orgId,
      ttlDays: 30,
      userAgent: null,
      now: new Date(t.getTime() - (30 - daysLeft) * 86_400_000),
      ...(client ? { clientId: client } : {}),
    });
    return made.csrfToken;
  };
  const oldMember = await sessionOf(tech2.userId, clientId, 5); // past half its 30 days
  const freshMember = await sessionOf(lead.userId, clientId, 25); // not yet
  const elsewhere = await sessionOf(tech2.userId, 'another-client', 5);
  await testDb.db.execute(
    sql`update sessions set expires_at = ${new Date(t.getTime() + 2 * 86_400_000).toISOString()}::timestamptz
        where token_hash = ${contact.sessionTokenHash}`,
  );
  const expiry = async (csrf: string | null) => {
    const [row] = await queryRows<{ expires_at: Date | string }>(
      testDb.db,
      csrf === null
        ? sql`select expires_at from sessions where token_hash = ${contact.sessionTokenHash}`
        : sql`select expires_at from sessions where csrf_token = ${csrf}`,
    );
    return new Date(row!.expires_at).getTime();
  };
  const before = { fresh: await expiry(freshMember), cookie: await expiry(null), elsewhere: await expiry(elsewhere) };

  await recordDeviceContact(testDb.db, { ...crewContact, crewSessionTtlDays: 30, now: new Date(t.getTime() + 1000) });
  expect(await expiry(oldMember)).toBe(t.getTime() + 1000 + 30 * 86_400_000);
  expect(await expiry(freshMember)).toBe(before.fresh);
  expect(await expiry(null)).toBe(before.cookie); // the cookie's session slides with its cookie only
  expect(await expiry(elsewhere)).toBe(before.elsewhere);
});

it.skipIf(!process.env['TEST_DATABASE_URL'])(
  'a first contact racing another of the same client (a retry of its first push) is not taken for another person’s',
  async () => {
    // The other contact's insert is in flight: this one's snapshot misses it, its own insert waits
    // for it, then finds the row identical and writes nothing. It used to answer client_mismatch.
    const clientId = `contact-race-${Date.now()}`;
    const now = new Date();
    const other = new pg.Client({ connectionString: testDb.databaseUrl });
    await other.connect();
    try {
      await other.query('begin');
      await other.query(
        `insert into devices (id, org_id, client_id, last_user_id, created_at, last_seen_at, user_agent)
         values ($1, $2, $3, $4, $5, $5, 'Phone')`,
        [newId(), contact.actor.orgId, clientId, contact.actor.userId, now.toISOString()],
      );
      const racing = recordDeviceContact(testDb.db, { ...contact, clientId, now });
      // Commit once the racing statement waits on the in-flight row.
      await waitForLockWaiters(other);
      await other.query('commit');
      await expect(racing).resolves.toBeUndefined();
    } finally {
      await other.end();
    }
    // Another person's client is still refused.
    await expect(
      recordDeviceContact(testDb.db, { ...contact, actor: world.actors.tech2, clientId, now }),
    ).rejects.toMatchObject({ code: ERROR_CODES.clientMismatch });
  },
);
