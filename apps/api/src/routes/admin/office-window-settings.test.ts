import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_OFFICE_WINDOW_SETTINGS } from '@lastmile/domain';
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
