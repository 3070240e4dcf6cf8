import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_OFFICE_WINDOW_SETTINGS } from '@lastmile/domain';
import { writeInOrg } from '@lastmile/sync/server';
import { jobs, officeWindowDepartures } from '../../db/schema/index.ts';
import { createCustomer } from '../../services/create-customer.ts';
import { createJob } from '../../services/create-job.ts';
import { createJobType } from '../../services/create-job-type.ts';
import { createSite } from '../../services/create-site.ts';
import { createTestApp, errorBody, sessionFor, type TestApp } from '../../test/test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

const url = '/api/admin/settings/office-window';

describe('days of closed work on office devices', () => {
  it('is 90 until an admin changes it; the office reads it; other organizations keep theirs', async () => {
    const admin = await sessionFor(t.db, t.fixtures.orgA.users.admin);
    const office = await sessionFor(t.db, t.fixtures.orgA.users.office);
    const before = await t.app.inject({ method: 'GET', url, headers: office });
    expect(before.json()).toEqual(DEFAULT_OFFICE_WINDOW_SETTINGS);
    expect(DEFAULT_OFFICE_WINDOW_SETTINGS.closedDays).toBe(90);

    const put = await t.app.inject({ method: 'PUT', url, headers: admin, payload: { closedDays: 30 } });
    expect(put.statusCode).toBe(200);
    expect(put.json()).toEqual({ closedDays: 30 });
    expect((await t.app.inject({ method: 'GET', url, headers: office })).json()).toEqual({ closedDays: 30 });
    const other = await sessionFor(t.db, t.fixtures.orgB.users.admin);
    expect((await t.app.inject({ method: 'GET', url, headers: other })).json()).toEqual(DEFAULT_OFFICE_WINDOW_SETTINGS);
  });

  it('refuses a change that leaves out the days (400 naming closedDays) and keeps the days set', async () => {
    const admin = await sessionFor(t.db, t.fixtures.orgA.users.admin);
    expect((await t.app.inject({ method: 'PUT', url, headers: admin, payload: { closedDays: 45 } })).statusCode).toBe(
      200,
    );
    for (const payload of [{}, { closedDay: 30 }]) {
      const bad = await t.app.inject({ method: 'PUT', url, headers: admin, payload });
      expect(bad.statusCode, JSON.stringify(payload)).toBe(400);
      expect(errorBody(bad).issues).toContainEqual({ path: 'closedDays', message: 'is required' });
    }
    expect((await t.app.inject({ method: 'GET', url, headers: admin })).json()).toEqual({ closedDays: 45 });
  });

  it('refuses anything but 1–3650 whole days with 400 (never a 500), and everyone but admins with 403', async () => {
    const admin = await sessionFor(t.db, t.fixtures.orgA.users.admin);
    for (const closedDays of [0, -1, 3651, 1.5, '90', null, 1e308, Number.MAX_SAFE_INTEGER + 2]) {
      const bad = await t.app.inject({ method: 'PUT', url, headers: admin, payload: { closedDays } });
      expect(bad.statusCode, String(closedDays)).toBe(400);
      expect(errorBody(bad).code).toBe('validation');
    }
    for (const payload of ['[]', '{"closedDays":', 'null']) {
      const bad = await t.app.inject({
        method: 'PUT',
        url,
        headers: { ...admin, 'content-type': 'application/json' },
        payload,
      });
      expect(bad.statusCode, payload).toBe(400);
    }
    for (const who of ['office', 'lead', 'technician'] as const) {
      const headers = await sessionFor(t.db, t.fixtures.orgA.users[who]);
      const refused = await t.app.inject({ method: 'PUT', url, headers, payload: { closedDays: 5 } });
      expect(refused.statusCode, who).toBe(403);
    }
    const technician = await sessionFor(t.db, t.fixtures.orgA.users.technician);
    expect((await t.app.inject({ method: 'GET', url, headers: technician })).statusCode).toBe(403);
  });
});

/** A cancelled job of `orgId`, last changed `days` ago. */
async function closedJob(orgId: string, createdBy: string, days: number): Promise<string> {
  const id = await writeInOrg(t.db, orgId, async (tx, rec) => {
    const customer = await createCustomer(tx, rec, { orgId, name: 'Old customer', phone: null, email: null });
    const site = await createSite(tx, rec, {
      orgId,
      customerId: customer.id,
      name: 'Old site',
      address: '1 Old Road',
      lat: null,
      lng: null,
      accessNotes: '',
    });
    const type = await createJobType(tx, rec, {
      orgId,
      name: `Old type ${days}`,
      defaultDurationMinutes: 60,
      keyFields: [],
      templateId: null,
    });
    const job = await createJob(tx, rec, {
      orgId,
      jobTypeId: type.id,
      customerId: customer.id,
      siteId: site.id,
      teamId: null,
      assigneeId: null,
      priority: 'normal',
      scheduledStart: new Date('2020-01-02T08:00:00Z'),
      scheduledEnd: new Date('2020-01-02T09:00:00Z'),
      title: 'Long ago',
      notes: '',
      externalRef: null,
      createdBy,
      status: 'cancelled',
    });
    return job.id;
  });
  await t.db.execute(sql`update jobs set updated_at = now() - make_interval(days => ${days}) where id = ${id}`);
  return id;
}

const departedOf = async (orgId: string) =>
  (await t.db.select().from(officeWindowDepartures).where(eq(officeWindowDepartures.orgId, orgId))).map((d) => d.jobId);

describe('applying the window now', () => {
  const sweepUrl = `${url}/sweep`;

  it("an admin takes their own organization's aged-out jobs off office devices, and only theirs; twice does nothing more", async () => {
    const { orgA, orgB } = t.fixtures;
    const oldA = await closedJob(orgA.id, orgA.users.office.id, 400);
    const recentA = await closedJob(orgA.id, orgA.users.office.id, 1);
    const oldB = await closedJob(orgB.id, orgB.users.admin.id, 400);
    const admin = await sessionFor(t.db, orgA.users.admin);

    const run = await t.app.inject({ method: 'POST', url: sweepUrl, headers: admin });
    expect(run.statusCode, run.body).toBe(200);
    expect(run.json()).toEqual({ departed: 1, returned: 0 });
    expect(await departedOf(orgA.id)).toEqual([oldA]);
    expect(await departedOf(orgB.id)).toEqual([]);
    expect((await t.db.select().from(jobs).where(eq(jobs.id, recentA))).length).toBe(1);

    expect((await t.app.inject({ method: 'POST', url: sweepUrl, headers: admin })).json()).toEqual({
      departed: 0,
      returned: 0,
    });
    const other = await sessionFor(t.db, orgB.users.admin);
    expect((await t.app.inject({ method: 'POST', url: sweepUrl, headers: other })).json()).toEqual({
      departed: 1,
      returned: 0,
    });
    expect(await departedOf(orgB.id)).toEqual([oldB]);
    expect(await departedOf(orgA.id)).toEqual([oldA]);
  });

  it('is refused to everyone but admins (403) and to anonymous callers (401), with a code', async () => {
    for (const who of ['office', 'lead', 'technician'] as const) {
      const headers = await sessionFor(t.db, t.fixtures.orgA.users[who]);
      const refused = await t.app.inject({ method: 'POST', url: sweepUrl, headers });
      expect(refused.statusCode, who).toBe(403);
      expect(errorBody(refused).code).toBeTruthy();
    }
    expect((await t.app.inject({ method: 'POST', url: sweepUrl })).statusCode).toBe(401);
  });
});
