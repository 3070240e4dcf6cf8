import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deviceSchema, type Device } from '@lastmile/domain';
import { SCHEMA_VERSION } from '@lastmile/sync';
import { syncClients } from '@lastmile/sync/server';
import { auditEvents, devices, jobs } from '../../db/schema/index.ts';
import { createOfficeWorld } from '../../test/office-fixtures.ts';
import { createTestApp, errorBody, sessionFor, type Credentials, type TestApp } from '../../test/test-app.ts';

const PIXEL_UA =
  'Mozilla/5.0 (Linux; Android 14; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36';

let t: TestApp;
let jobId: string;
let admin: Credentials;
let otherOrgAdmin: Credentials;

beforeAll(async () => {
  t = await createTestApp();
  const { orgA } = t.fixtures;
  const world = await createOfficeWorld(t.db, {
    orgId: orgA.id,
    teamId: orgA.teamId,
    assigneeId: orgA.users.technician.id,
    jobCount: 1,
  });
  jobId = world.jobIds[0]!;
  admin = await sessionFor(t.db, orgA.users.admin);
  otherOrgAdmin = await sessionFor(t.db, t.fixtures.orgB.users.admin);
});
afterAll(async () => t.close());

const newClientId = () => `dev${randomUUID().replaceAll('-', '')}`;

/** A technician's phone: its own session, client id and mutation counter, talking the sync protocol. */
async function phone(user = t.fixtures.orgA.users.technician) {
  const credentials = await sessionFor(t.db, user);
  const clientId = newClientId();
  let next = 1;
  const headers = (c: Credentials) => ({ ...c, 'user-agent': PIXEL_UA });
  return {
    clientId,
    credentials,
    push: (notes: string, device?: Record<string, unknown>, via: Credentials = credentials) =>
      t.app.inject({
        method: 'POST',
        url: '/api/sync/push',
        headers: headers(via),
        payload: {
          schemaVersion: SCHEMA_VERSION,
          clientId,
          ...(device ? { device } : {}),
          mutations: [
            {
              id: next++,
              name: 'updateJobNotes',
              args: { jobId, notes },
              clientTime: new Date().toISOString(),
              baseVersion: 0,
            },
          ],
        },
      }),
    pull: (device?: Record<string, unknown>, via: Credentials = credentials) =>
      t.app.inject({
        method: 'POST',
        url: '/api/sync/pull',
        headers: headers(via),
        payload: { schemaVersion: SCHEMA_VERSION, clientId, cursor: null, ...(device ? { device } : {}) },
      }),
  };
}

async function listDevices(query = '', as: Credentials = admin): Promise<Device[]> {
  const res = await t.app.inject({ method: 'GET', url: `/api/admin/devices${query}`, headers: as });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ devices: unknown[] }>().devices.map((d) => deviceSchema.parse(d));
}

async function deviceOf(clientId: string): Promise<Device> {
  const found = (await listDevices()).find((d) => d.clientId === clientId);
  if (!found) throw new Error(`device ${clientId} is not listed`);
  return found;
}

const revoke = (id: string, reason: unknown, as: Credentials = admin) =>
  t.app.inject({ method: 'POST', url: `/api/admin/devices/${id}/revoke`, headers: as, payload: { reason } });

const me = (c: Credentials) => t.app.inject({ method: 'GET', url: '/api/auth/me', headers: c });

describe('the device registry', () => {
  it('records what a device reports at each contact, with a browser and OS summary instead of the user agent', async () => {
    const p = await phone();
    const report = {
      appVersion: '0.1.0',
      pendingCount: 3,
      oldestPendingAt: '2026-11-30T07:15:00.000Z',
      storageUsedBytes: 12_345_678,
      storageQuotaBytes: 2_000_000_000,
    };
    expect((await p.push('from the van', report)).statusCode).toBe(200);
    expect(await deviceOf(p.clientId)).toMatchObject({
      userId: t.fixtures.orgA.users.technician.id,
      userName: 'technician',
      browser: 'Chrome 131',
      os: 'Android 14',
      ...report,
      oldestPendingAt: '2026-11-30T07:15:00.000Z',
      revokedAt: null,
    });
    expect(JSON.stringify(await listDevices())).not.toContain('AppleWebKit');

    // The next contact replaces the report: nothing pending any more.
    expect((await p.pull({ ...report, pendingCount: 0, oldestPendingAt: null })).statusCode).toBe(200);
    expect(await deviceOf(p.clientId)).toMatchObject({ pendingCount: 0, oldestPendingAt: null });
  });

  it('still syncs an older app that reports nothing, and lists its device with the report empty', async () => {
    const p = await phone();
    expect((await p.push('old app')).statusCode).toBe(200);
    expect((await p.pull()).statusCode).toBe(200);
    expect(await deviceOf(p.clientId)).toMatchObject({
      appVersion: null,
      pendingCount: null,
      oldestPendingAt: null,
      storageUsedBytes: null,
    });
  });

  it('syncs a phone whose clock gives its oldest change a year 0 or BC time, and lists it and the drift screen without that time', async () => {
    const p = await phone();
    // Year 0: PostgreSQL cannot store it. Year 1 at +01:00 is 1 BC in UTC: stored, but JavaScript
    // cannot read it back. Both once failed (every sync of that phone; the admin's whole list).
    const year0 = { appVersion: '1.0.0', pendingCount: 1, oldestPendingAt: '0000-01-01T00:00:00Z' };
    expect((await p.push('year 0', year0)).statusCode).toBe(200);
    expect((await p.pull(year0)).statusCode).toBe(200);
    const bc = { appVersion: '1.0.0', pendingCount: 2, oldestPendingAt: '0001-01-01T00:00:00+01:00' };
    expect((await p.pull(bc)).statusCode).toBe(200);
    expect(await deviceOf(p.clientId)).toMatchObject({ pendingCount: 2, oldestPendingAt: null });
    // A time stored before the check (written straight into the table) is listed as none too.
    await t.db
      .update(devices)
      .set({ oldestPendingAt: sql`'0001-12-31 23:00:00+00 BC'::timestamptz` })
      .where(eq(devices.clientId, p.clientId));
    expect(await deviceOf(p.clientId)).toMatchObject({ pendingCount: 2, oldestPendingAt: null });
    const drift = await t.app.inject({ method: 'GET', url: '/api/drift', headers: admin });
    expect(drift.statusCode, drift.body).toBe(200);
  });

  it('refuses a malformed report as a malformed request, storing nothing', async () => {
    const p = await phone();
    const res = await p.push('bad report', { pendingCount: -1, appVersion: '<script>' });
    expect(res.statusCode).toBe(400);
    expect(errorBody(res).code).toBe('validation');
    expect((await listDevices()).some((d) => d.clientId === p.clientId)).toBe(false);
  });

  it("filters by person and sorts by last contact; another organization's admin sees none of them", async () => {
    const lead = await phone(t.fixtures.orgA.users.lead);
    expect((await lead.pull()).statusCode).toBe(200);
    const tech = await phone();
    expect((await tech.pull()).statusCode).toBe(200);

    const onlyLead = await listDevices(`?userId=${t.fixtures.orgA.users.lead.id}`);
    expect(onlyLead.map((d) => d.clientId)).toEqual([lead.clientId]);

    const latestFirst = await listDevices('?sort=last_contact_desc');
    const times = latestFirst.map((d) => d.lastContactAt);
    expect(times).toEqual([...times].sort().reverse());
    const quietestFirst = await listDevices('?sort=last_contact_asc');
    expect(quietestFirst.map((d) => d.lastContactAt)).toEqual([...times].sort());

    expect(await listDevices('', otherOrgAdmin)).toEqual([]);
  });
});

describe('revoking a device', () => {
  it('refuses its pushes and pulls with device_revoked, ends its session, audits the reason', async () => {
    const p = await phone();
    expect((await p.push('before')).statusCode).toBe(200);
    const device = await deviceOf(p.clientId);

    const res = await revoke(device.id, 'Phone stolen from the van');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ revoked: true });

    for (const refused of [await p.push('after'), await p.pull()]) {
      expect(refused.statusCode).toBe(403);
      expect(errorBody(refused)).toMatchObject({
        code: 'device_revoked',
        detail: { key: 'device.revoked', params: { reason: 'Phone stolen from the van' } },
      });
    }
    const [job] = await t.db.select({ notes: jobs.notes }).from(jobs).where(eq(jobs.id, jobId));
    expect(job?.notes).not.toBe('after');

    // Its session ended; the app is told why on any route, not a plain "signed out".
    const meRes = await me(p.credentials);
    expect(meRes.statusCode).toBe(403);
    expect(errorBody(meRes).code).toBe('device_revoked');

    expect(await deviceOf(p.clientId)).toMatchObject({
      revokeReason: 'Phone stolen from the van',
      revokedByName: 'admin',
      revokedAt: expect.any(String),
    });
    const audit = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'device.revoked'), eq(auditEvents.entityId, p.clientId)));
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ userId: t.fixtures.orgA.users.admin.id, entity: 'device', source: 'rest' });
    expect(audit[0]?.changes).toEqual([{ field: 'reason', before: null, after: 'Phone stolen from the van' }]);
  });

  it("cannot be used through another of the person's sessions, which ends too; their other devices carry on", async () => {
    const p = await phone();
    expect((await p.pull()).statusCode).toBe(200);
    const laptop = await phone();
    expect((await laptop.pull()).statusCode).toBe(200);
    expect((await revoke((await deviceOf(p.clientId)).id, 'Lost')).statusCode).toBe(200);

    // The person signs in again (a new session) and presents the revoked client id.
    const fresh = await sessionFor(t.db, t.fixtures.orgA.users.technician);
    const res = await p.push('through a new session', undefined, fresh);
    expect(res.statusCode).toBe(403);
    expect(errorBody(res).code).toBe('device_revoked');
    expect(errorBody(await me(fresh)).code).toBe('device_revoked');

    // Another device of the same person is not affected.
    expect((await laptop.push('from the laptop')).statusCode).toBe(200);
    expect((await me(laptop.credentials)).statusCode).toBe(200);
  });

  it('ends the session a refused push came through, even when its contact was skipped as a repeat', async () => {
    // One session used by two clients: it is bound to the one that contacted the server last.
    const p = await phone();
    const other = await phone();
    expect((await p.push('first', undefined, p.credentials)).statusCode).toBe(200);
    expect((await other.pull(undefined, p.credentials)).statusCode).toBe(200);
    // Revoking p ends the sessions bound to p: none now, the shared one is bound to the other client.
    expect((await revoke((await deviceOf(p.clientId)).id, 'Left in a taxi')).statusCode).toBe(200);
    expect((await me(p.credentials)).statusCode).toBe(200);

    // p's contact repeats the one recorded a moment ago, so its statement is skipped (ADR 0043);
    // the push's own standing check refuses it, and the session it came through still ends.
    const res = await p.push('after', undefined, p.credentials);
    expect(res.statusCode).toBe(403);
    expect(errorBody(res).code).toBe('device_revoked');
    expect(errorBody(await me(p.credentials)).code).toBe('device_revoked');
  });

  it('is idempotent: a replayed revoke changes nothing and audits once', async () => {
    const p = await phone();
    expect((await p.pull()).statusCode).toBe(200);
    const { id } = await deviceOf(p.clientId);
    expect((await revoke(id, 'first reason')).json()).toEqual({ revoked: true });
    const again = await revoke(id, 'second reason');
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual({ revoked: false });
    expect((await deviceOf(p.clientId)).revokeReason).toBe('first reason');
    const audit = await t.db.select().from(auditEvents).where(eq(auditEvents.entityId, p.clientId));
    expect(audit.filter((e) => e.action === 'device.revoked')).toHaveLength(1);
  });

  it('keeps a reason with a NUL character (made storable) and refuses an empty or over-long one', async () => {
    const p = await phone();
    expect((await p.pull()).statusCode).toBe(200);
    const { id } = await deviceOf(p.clientId);
    expect((await revoke(id, '   ')).statusCode).toBe(400);
    expect((await revoke(id, 'x'.repeat(501))).statusCode).toBe(400);
    expect((await revoke(id, 'lost\u0000 on site')).statusCode).toBe(200);
    expect((await deviceOf(p.clientId)).revokeReason).toBe('lost on site');
  });

  it("cannot touch another organization's device: reported as missing, and it keeps syncing", async () => {
    const p = await phone();
    expect((await p.pull()).statusCode).toBe(200);
    const { id } = await deviceOf(p.clientId);
    const res = await revoke(id, 'not yours', otherOrgAdmin);
    expect(res.statusCode).toBe(404);
    expect(errorBody(res).code).toBe('not_found');
    expect((await p.push('still mine')).statusCode).toBe(200);
    expect((await deviceOf(p.clientId)).revokedAt).toBeNull();
    expect((await revoke(randomUUID(), 'nothing')).statusCode).toBe(404);
  });

  it('against a concurrent push: the push is either applied before the revocation or refused whole', async () => {
    for (let round = 0; round < 8; round++) {
      const p = await phone();
      expect((await p.pull()).statusCode).toBe(200);
      const { id } = await deviceOf(p.clientId);
      const text = `race ${round} ${randomUUID()}`;
      const [pushed, revoked] = await Promise.all([p.push(text), revoke(id, `race ${round}`)]);
      expect(revoked.statusCode).toBe(200);
      const [client] = await t.db
        .select({ last: syncClients.lastMutationId })
        .from(syncClients)
        .where(eq(syncClients.clientId, p.clientId));
      const [job] = await t.db.select({ notes: jobs.notes }).from(jobs).where(eq(jobs.id, jobId));
      if (pushed.statusCode === 200) {
        expect(job?.notes).toBe(text);
        expect(client?.last).toBe(1);
      } else {
        expect(pushed.statusCode).toBe(403);
        expect(errorBody(pushed).code).toBe('device_revoked');
        expect(job?.notes).not.toBe(text);
        expect(client?.last ?? 0).toBe(0);
      }
      // Whatever the order, from now on it is refused.
      expect((await p.push('after the race')).statusCode).toBe(403);
    }
  });

  it('is for admins only: the office cannot list or revoke', async () => {
    const office = await sessionFor(t.db, t.fixtures.orgA.users.office);
    expect((await t.app.inject({ method: 'GET', url: '/api/admin/devices', headers: office })).statusCode).toBe(403);
    const [any] = await t.db.select({ id: devices.id }).from(devices).limit(1);
    expect((await revoke(any!.id, 'office tries', office)).statusCode).toBe(403);
  });
});
