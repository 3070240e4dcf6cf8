import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CREW_SETTINGS } from '@lastmile/domain';
import { createTestApp, errorBody, sessionFor, type TestApp } from '../../test/test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

describe("crew mode's idle time", () => {
  it('is changed by an admin and reaches phones with the session; other organizations keep theirs', async () => {
    const admin = await sessionFor(t.db, t.fixtures.orgA.users.admin);
    const technician = await sessionFor(t.db, t.fixtures.orgA.users.technician);
    const before = await t.app.inject({ method: 'GET', url: '/api/admin/settings/crew', headers: admin });
    expect(before.json()).toEqual(DEFAULT_CREW_SETTINGS);

    const put = await t.app.inject({
      method: 'PUT',
      url: '/api/admin/settings/crew',
      headers: admin,
      payload: { idleMinutes: 3 },
    });
    expect(put.statusCode).toBe(200);
    expect(put.json()).toEqual({ idleMinutes: 3 });
    const me = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: technician });
    expect(me.json<{ org: { crew: unknown } }>().org.crew).toEqual({ idleMinutes: 3 });
    const other = await sessionFor(t.db, t.fixtures.orgB.users.admin);
    const theirs = await t.app.inject({ method: 'GET', url: '/api/admin/settings/crew', headers: other });
    expect(theirs.json()).toEqual(DEFAULT_CREW_SETTINGS);
  });

  it('refuses a change that leaves out the idle time (400 naming idleMinutes) and keeps it', async () => {
    const admin = await sessionFor(t.db, t.fixtures.orgA.users.admin);
    const put = (payload: object) =>
      t.app.inject({ method: 'PUT', url: '/api/admin/settings/crew', headers: admin, payload });
    expect((await put({ idleMinutes: 25 })).statusCode).toBe(200);
    const bad = await put({});
    expect(bad.statusCode).toBe(400);
    expect(errorBody(bad).issues).toEqual([{ path: 'idleMinutes', message: 'is required' }]);
    const stored = await t.app.inject({ method: 'GET', url: '/api/admin/settings/crew', headers: admin });
    expect(stored.json()).toEqual({ idleMinutes: 25 });
  });

  it('refuses values outside 1–240 whole minutes with 400, and non-admins with 403', async () => {
    const admin = await sessionFor(t.db, t.fixtures.orgA.users.admin);
    for (const idleMinutes of [0, 241, 2.5, '10', null]) {
      const bad = await t.app.inject({
        method: 'PUT',
        url: '/api/admin/settings/crew',
        headers: admin,
        payload: { idleMinutes },
      });
      expect(bad.statusCode, String(idleMinutes)).toBe(400);
      expect(errorBody(bad).code).toBe('validation');
    }
    const office = await sessionFor(t.db, t.fixtures.orgA.users.office);
    const refused = await t.app.inject({
      method: 'PUT',
      url: '/api/admin/settings/crew',
      headers: office,
      payload: { idleMinutes: 5 },
    });
    expect(refused.statusCode).toBe(403);
  });
});
