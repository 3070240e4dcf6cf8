import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AdminPerson, Invitation, UserRow } from '@lastmile/domain';
import { userTokens, users } from '../../db/schema/index.ts';
import { createTestApp, errorBody, sessionFor, type Credentials, type TestApp } from '../../test/test-app.ts';

let t: TestApp;
let admin: Credentials;
beforeAll(async () => {
  t = await createTestApp();
  admin = await sessionFor(t.db, t.fixtures.orgA.users.admin);
});
afterAll(async () => t.close());

const invite = (payload: Record<string, unknown>, headers: Credentials = admin) =>
  t.app.inject({ method: 'POST', url: '/api/admin/users/invite', headers, payload });
const people = async () =>
  (await t.app.inject({ method: 'GET', url: '/api/admin/users', headers: admin })).json<AdminPerson[]>();

describe('the people list', () => {
  it('says whose invitation is pending, whose expired, and nothing for people who set a password', async () => {
    const pending = (
      await invite({ name: 'Pending Person', email: 'pending@a.test', role: 'technician', teamId: null })
    ).json<Invitation>();
    const lapsed = (
      await invite({ name: 'Lapsed Person', email: 'lapsed@a.test', role: 'technician', teamId: null })
    ).json<Invitation>();
    await t.db
      .update(userTokens)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(userTokens.userId, lapsed.user.id));
    const accepted = (
      await invite({ name: 'Accepted Person', email: 'accepted@a.test', role: 'lead', teamId: null })
    ).json<Invitation>();
    const token = new URL(accepted.link).hash.replace('#token=', '');
    const set = await t.app.inject({
      method: 'POST',
      url: '/api/auth/set-password',
      payload: { token, password: 'a long enough password' },
    });
    expect(set.statusCode).toBe(204);

    const byId = new Map((await people()).map((p) => [p.id, p]));
    expect(byId.get(pending.user.id)?.invitation).toBe('pending');
    expect(byId.get(lapsed.user.id)?.invitation).toBe('expired');
    expect(byId.get(accepted.user.id)?.invitation).toBeNull();
    expect(byId.get(t.fixtures.orgA.users.technician.id)?.invitation).toBeNull();
    // A new link for the lapsed invitation opens it again.
    const reset = await t.app.inject({
      method: 'POST',
      url: `/api/admin/users/${lapsed.user.id}/password-reset`,
      headers: admin,
    });
    expect(reset.statusCode).toBe(200);
    expect((await people()).find((p) => p.id === lapsed.user.id)?.invitation).toBe('pending');
    // It is a new invitation (a week), not a 24-hour password reset.
    const { expiresAt } = reset.json<{ expiresAt: string }>();
    expect(new Date(expiresAt).getTime() - Date.now()).toBeGreaterThan(6 * 24 * 3600_000);
    // Someone who has set a password gets a reset link of a day.
    const resetAccepted = await t.app.inject({
      method: 'POST',
      url: `/api/admin/users/${accepted.user.id}/password-reset`,
      headers: admin,
    });
    const resetUntil = new Date(resetAccepted.json<{ expiresAt: string }>().expiresAt).getTime();
    expect(resetUntil - Date.now()).toBeLessThan(25 * 3600_000);
    expect((await people()).find((p) => p.id === accepted.user.id)?.invitation).toBeNull();
    // Only organization A's people.
    expect([...byId.values()].every((p) => p.orgId === t.fixtures.orgA.id)).toBe(true);
  });

  it('says the link was not emailed when mail only goes to the folder', async () => {
    const invited = await invite({ name: 'Folder Mail', email: 'folder@a.test', role: 'technician', teamId: null });
    expect(invited.json<Invitation>().emailed).toBe(false);
  });
});

describe('hostile edits of people', () => {
  it("reports another organization's person as missing for every admin action", async () => {
    const foreign = t.fixtures.orgB.users.admin.id;
    for (const [method, url, payload] of [
      ['PATCH', `/api/admin/users/${foreign}`, { name: 'Hijacked' }],
      ['POST', `/api/admin/users/${foreign}/deactivate`, undefined],
      ['POST', `/api/admin/users/${foreign}/reactivate`, undefined],
      ['POST', `/api/admin/users/${foreign}/password-reset`, undefined],
      ['PATCH', `/api/admin/users/${randomUUID()}`, { name: 'Nobody' }],
    ] as const) {
      const response = await t.app.inject({ method, url, headers: admin, ...(payload ? { payload } : {}) });
      expect(response.statusCode, `${method} ${url}: ${response.body}`).toBe(404);
    }
    const [b] = await t.db.select().from(users).where(eq(users.id, foreign));
    expect(b).toMatchObject({ name: 'B admin', active: true });
  });

  it('refuses NUL-only, huge and wrongly typed values with a 400, never a 500', async () => {
    const id = t.fixtures.orgA.users.victim.id;
    for (const payload of [
      { name: '\u0000\u0000' },
      { name: 'x'.repeat(300_000) },
      { role: 'superuser' },
      { teamId: 'not-a-uuid' },
      { name: 42 },
    ]) {
      const response = await t.app.inject({ method: 'PATCH', url: `/api/admin/users/${id}`, headers: admin, payload });
      expect(response.statusCode, JSON.stringify(payload).slice(0, 60)).toBe(400);
      expect(errorBody(response).code).toBe('validation');
    }
    // NUL is removed from a name before validation (ADR 0014): what remains is a fine invitation.
    const bad = await invite({ name: 'Bad\u0000Name', email: 'bad@a.test', role: 'technician', teamId: null });
    expect(bad.statusCode, bad.body).toBe(201);
    expect(bad.json<Invitation>().user).toMatchObject({ name: 'BadName', email: 'bad@a.test' });
    // From an address it would make another address, where the link would be mailed: refused (ADR 0049).
    const elsewhere = await invite({ name: 'Other', email: 'other\u0000@a.test', role: 'technician', teamId: null });
    expect(elsewhere.statusCode, elsewhere.body).toBe(400);
    expect(errorBody(elsewhere).detail).toEqual({ key: 'input.unstorable' });
  });

  it('applies concurrent edits of one person one after the other; the row ends as one of them', async () => {
    const id = t.fixtures.orgA.users.victim.id;
    const edits = ['Edit one', 'Edit two', 'Edit three', 'Edit four'];
    const responses = await Promise.all(
      edits.map((name) =>
        t.app.inject({ method: 'PATCH', url: `/api/admin/users/${id}`, headers: admin, payload: { name } }),
      ),
    );
    expect(responses.map((r) => r.statusCode)).toEqual([200, 200, 200, 200]);
    const [row] = await t.db.select().from(users).where(eq(users.id, id));
    expect(edits).toContain(row?.name);
    // And a deactivation racing a rename: both land, the person ends deactivated.
    const [renamed, off] = await Promise.all([
      t.app.inject({ method: 'PATCH', url: `/api/admin/users/${id}`, headers: admin, payload: { name: 'Racer' } }),
      t.app.inject({ method: 'POST', url: `/api/admin/users/${id}/deactivate`, headers: admin }),
    ]);
    expect([renamed.statusCode, off.statusCode]).toEqual([200, 200]);
    const [after] = await t.db.select().from(users).where(eq(users.id, id));
    expect(after).toMatchObject({ name: 'Racer', active: false });
    await t.app.inject({ method: 'POST', url: `/api/admin/users/${id}/reactivate`, headers: admin });
  });

  it('explains an admin acting on themselves with a key the app words', async () => {
    const self = t.fixtures.orgA.users.admin.id;
    const role = await t.app.inject({
      method: 'PATCH',
      url: `/api/admin/users/${self}`,
      headers: admin,
      payload: { role: 'office' },
    });
    expect(role.statusCode).toBe(409);
    expect(errorBody(role).detail).toEqual({ key: 'people.self.role' });
    const off = await t.app.inject({ method: 'POST', url: `/api/admin/users/${self}/deactivate`, headers: admin });
    expect(errorBody(off).detail).toEqual({ key: 'people.self.deactivate' });
    // Their own name is theirs to change.
    const name = await t.app.inject({
      method: 'PATCH',
      url: `/api/admin/users/${self}`,
      headers: admin,
      payload: { name: 'Admin Renamed' },
    });
    expect(name.json<UserRow>().name).toBe('Admin Renamed');
  });

  it("ends a deactivated admin's session: their next admin request is refused", async () => {
    const second = (
      await invite({ name: 'Second Admin', email: 'second-admin@a.test', role: 'admin', teamId: null })
    ).json<Invitation>().user;
    const theirs = await sessionFor(t.db, { id: second.id, email: second.email, orgId: second.orgId });
    const before = await t.app.inject({ method: 'GET', url: '/api/admin/users', headers: theirs });
    expect(before.statusCode).toBe(200);
    const off = await t.app.inject({ method: 'POST', url: `/api/admin/users/${second.id}/deactivate`, headers: admin });
    expect(off.statusCode).toBe(200);
    for (const [method, url, payload] of [
      ['GET', '/api/admin/users', undefined],
      ['PATCH', '/api/admin/settings/organization', { name: 'Taken over' }],
      ['POST', `/api/admin/users/${t.fixtures.orgA.users.admin.id}/deactivate`, undefined],
    ] as const) {
      const response = await t.app.inject({ method, url, headers: theirs, ...(payload ? { payload } : {}) });
      expect(response.statusCode, `${method} ${url}`).toBe(401);
    }
    // Even a session the revocation missed opens nothing once the person is inactive.
    const late = await sessionFor(t.db, { id: second.id, email: second.email, orgId: second.orgId });
    expect((await t.app.inject({ method: 'GET', url: '/api/admin/users', headers: late })).statusCode).toBe(401);
  });
});
