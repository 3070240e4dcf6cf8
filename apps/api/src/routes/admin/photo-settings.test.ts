import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_PHOTO_SETTINGS } from '@lastmile/domain';
import { createTestApp, errorBody, sessionFor, type TestApp } from '../../test/test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

describe("the organization's photo limits", () => {
  it('are changed by an admin and reach phones with the session; other organizations keep theirs', async () => {
    const admin = await sessionFor(t.db, t.fixtures.orgA.users.admin);
    const technician = await sessionFor(t.db, t.fixtures.orgA.users.technician);
    const before = await t.app.inject({ method: 'GET', url: '/api/admin/settings/photos', headers: admin });
    expect(before.json()).toEqual(DEFAULT_PHOTO_SETTINGS);

    const put = await t.app.inject({
      method: 'PUT',
      url: '/api/admin/settings/photos',
      headers: admin,
      payload: { maxBytes: 1024 * 1024, maxPerJob: 3, encodeAs: 'image/webp' },
    });
    expect(put.statusCode).toBe(200);
    expect(put.json()).toMatchObject({ maxBytes: 1024 * 1024, maxPerJob: 3, encodeAs: 'image/webp', longEdge: 2048 });

    const me = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: technician });
    expect(me.json<{ org: { photos: unknown } }>().org.photos).toMatchObject({ maxBytes: 1024 * 1024, maxPerJob: 3 });
    // Another organization keeps its own.
    const other = await sessionFor(t.db, t.fixtures.orgB.users.admin);
    const theirs = await t.app.inject({ method: 'GET', url: '/api/admin/settings/photos', headers: other });
    expect(theirs.json()).toEqual(DEFAULT_PHOTO_SETTINGS);
  });

  it('changes only the fields sent; an empty change is refused, naming the fields', async () => {
    const admin = await sessionFor(t.db, t.fixtures.orgA.users.admin);
    const put = (payload: object) =>
      t.app.inject({ method: 'PUT', url: '/api/admin/settings/photos', headers: admin, payload });
    expect((await put({ maxPerJob: 7, keepLocation: true })).statusCode).toBe(200);
    const one = await put({ longEdge: 1024 });
    expect(one.json()).toMatchObject({ maxPerJob: 7, keepLocation: true, longEdge: 1024 });
    const empty = await put({});
    expect(empty.statusCode).toBe(400);
    expect(errorBody(empty).message).toContain('name at least one of maxBytes, maxPerJob, allowedTypes');
    const misspelt = await put({ longedge: 800 });
    expect(misspelt.statusCode).toBe(400);
    expect(errorBody(misspelt).message).toContain('Unrecognized key: "longedge"');
    const stored = await t.app.inject({ method: 'GET', url: '/api/admin/settings/photos', headers: admin });
    expect(stored.json()).toMatchObject({ maxPerJob: 7, keepLocation: true, longEdge: 1024 });
  });

  it('refuses values outside their bounds with a clear error, and non-admins', async () => {
    const admin = await sessionFor(t.db, t.fixtures.orgA.users.admin);
    const bad = await t.app.inject({
      method: 'PUT',
      url: '/api/admin/settings/photos',
      headers: admin,
      payload: { maxBytes: 5, allowedTypes: ['text/html'] },
    });
    expect(bad.statusCode).toBe(400);
    expect(errorBody(bad).code).toBe('validation');
    const office = await sessionFor(t.db, t.fixtures.orgA.users.office);
    const refused = await t.app.inject({
      method: 'PUT',
      url: '/api/admin/settings/photos',
      headers: office,
      payload: {},
    });
    expect(refused.statusCode).toBe(403);
  });
});
