import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AdminPerson, TeamRow, UserRow } from '@lastmile/domain';
import { newId } from '@lastmile/domain';
import { attachments, auditEvents, devices, jobs, sessions, syncClients } from '../../db/schema/index.ts';
import { createOfficeWorld } from '../../test/office-fixtures.ts';
import { createTestApp, errorBody, sessionFor, TEST_PASSWORD, type TestApp } from '../../test/test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

const signIn = (email: string) =>
  t.app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { email, password: TEST_PASSWORD } });

describe('people and teams administration', () => {
  it('deactivates a person: their sessions end at once, they cannot sign in, the row and its history stay', async () => {
    const admin = await sessionFor(t.db, t.fixtures.orgA.users.admin);
    const target = t.fixtures.orgA.users.technician;
    const theirs = await sessionFor(t.db, target);
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: theirs })).statusCode).toBe(200);

    const off = await t.app.inject({ method: 'POST', url: `/api/admin/users/${target.id}/deactivate`, headers: admin });
    expect(off.statusCode, off.body).toBe(200);
    expect(off.json<UserRow>()).toMatchObject({ id: target.id, active: false });
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: theirs })).statusCode).toBe(401);
    expect((await signIn(target.email)).statusCode).toBe(401);
    const live = await t.db
      .select()
      .from(sessions)
      .where(and(eq(sessions.userId, target.id)));
    expect(live.every((s) => s.revokedAt !== null)).toBe(true);
    const list = await t.app.inject({ method: 'GET', url: '/api/admin/users', headers: admin });
    expect(list.json<UserRow[]>().find((u) => u.id === target.id)).toMatchObject({ active: false });
    const audit = await t.db.select().from(auditEvents).where(eq(auditEvents.entityId, target.id));
    expect(audit.map((a) => a.action)).toContain('user.deactivated');

    const on = await t.app.inject({ method: 'POST', url: `/api/admin/users/${target.id}/reactivate`, headers: admin });
    expect(on.json<UserRow>().active).toBe(true);
    expect((await signIn(target.email)).statusCode).toBe(200);
  });

  it('lists how many unfinished jobs each person has, so deactivating them says what stays assigned', async () => {
    const admin = await sessionFor(t.db, t.fixtures.orgA.users.admin);
    const { orgA } = t.fixtures;
    const world = await createOfficeWorld(t.db, {
      orgId: orgA.id,
      teamId: orgA.teamId,
      assigneeId: orgA.users.victim.id,
      jobCount: 9,
      prefix: 'open-',
    });
    // Every third of nine is assigned (3); an approved and a cancelled one are no longer work.
    const assigned = world.jobIds.filter((_, i) => i % 3 === 0);
    await t.db.update(jobs).set({ status: 'approved' }).where(eq(jobs.id, assigned[0]!));
    await t.db.update(jobs).set({ status: 'submitted' }).where(eq(jobs.id, assigned[1]!));
    const list = (await t.app.inject({ method: 'GET', url: '/api/admin/users', headers: admin })).json<AdminPerson[]>();
    // The submitted one may still be sent back to them: it counts.
    expect(list.find((p) => p.id === orgA.users.victim.id)?.openJobs).toBe(2);
    expect(list.find((p) => p.id === orgA.users.office.id)?.openJobs).toBe(0);
  });

  it('lists what only a person’s own phone still holds, so deactivating them says what would stay there', async () => {
    const admin = await sessionFor(t.db, t.fixtures.orgA.users.admin);
    const { orgA } = t.fixtures;
    const owner = orgA.users.victim.id;
    const crewMate = orgA.users.lead.id;
    // The victim's phone, which also carried their lead in its crew, and the lead's own phone.
    const phone = `phone-${newId()}`;
    const leadsPhone = `phone-${newId()}`;
    await t.db.insert(syncClients).values([
      { clientId: phone, orgId: orgA.id, userId: owner },
      { clientId: leadsPhone, orgId: orgA.id, userId: crewMate },
    ]);
    await t.db
      .insert(devices)
      .values({ id: newId(), orgId: orgA.id, clientId: phone, lastUserId: owner, pendingCount: 4 });
    const photo = (clientId: string, capturedBy: string, state: 'pending' | 'available') => ({
      id: newId(),
      orgId: orgA.id,
      kind: 'job' as const,
      jobId: newId(),
      contentType: 'image/jpeg',
      size: 1000,
      sha256: 'c'.repeat(64),
      width: 10,
      height: 10,
      capturedBy,
      capturedAt: new Date(),
      clientId,
      state,
    });
    await t.db
      .insert(attachments)
      .values([
        photo(phone, owner, 'pending'),
        photo(phone, crewMate, 'pending'),
        photo(phone, owner, 'available'),
        photo(leadsPhone, crewMate, 'pending'),
      ]);
    const list = (await t.app.inject({ method: 'GET', url: '/api/admin/users', headers: admin })).json<AdminPerson[]>();
    // The lead's photo on the victim's phone waits on that phone: deactivating the victim stops it.
    expect(list.find((p) => p.id === owner)?.onPhones).toEqual({ photos: 2, changes: 4 });
    expect(list.find((p) => p.id === crewMate)?.onPhones).toEqual({ photos: 1, changes: 0 });
    expect(list.find((p) => p.id === orgA.users.office.id)?.onPhones).toEqual({ photos: 0, changes: 0 });
  });

  it('moves a person to a new team, which their next pull sees as new scopes', async () => {
    const admin = await sessionFor(t.db, t.fixtures.orgA.users.admin);
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/admin/teams',
      headers: admin,
      payload: { name: '  North  ' },
    });
    expect(created.statusCode, created.body).toBe(201);
    const team = created.json<TeamRow>();
    expect(team.name).toBe('North');
    const lead = t.fixtures.orgA.users.lead;
    const moved = await t.app.inject({
      method: 'PATCH',
      url: `/api/admin/users/${lead.id}`,
      headers: admin,
      payload: { teamId: team.id, name: 'Lead North' },
    });
    expect(moved.json<UserRow>()).toMatchObject({ teamId: team.id, name: 'Lead North', role: 'lead' });
    const me = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: await sessionFor(t.db, lead) });
    expect(me.json<{ user: { teamId: string } }>().user.teamId).toBe(team.id);

    const renamed = await t.app.inject({
      method: 'PATCH',
      url: `/api/admin/teams/${team.id}`,
      headers: admin,
      payload: { name: 'North-East' },
    });
    expect(renamed.json<TeamRow>().name).toBe('North-East');
  });

  it("refuses another organization's team, an empty edit and an admin locking themselves out", async () => {
    const admin = await sessionFor(t.db, t.fixtures.orgA.users.admin);
    const otherTeam = await t.app.inject({
      method: 'POST',
      url: '/api/admin/teams',
      headers: await sessionFor(t.db, t.fixtures.orgB.users.admin),
      payload: { name: 'B team' },
    });
    const target = t.fixtures.orgA.users.office;
    const cases = [
      { url: `/api/admin/users/${target.id}`, payload: { teamId: otherTeam.json<TeamRow>().id }, status: 400 },
      { url: `/api/admin/users/${target.id}`, payload: {}, status: 400 },
      { url: `/api/admin/users/${t.fixtures.orgA.users.admin.id}`, payload: { role: 'technician' }, status: 409 },
    ];
    for (const c of cases) {
      const response = await t.app.inject({ method: 'PATCH', url: c.url, headers: admin, payload: c.payload });
      expect(response.statusCode, response.body).toBe(c.status);
      expect(errorBody(response).code).toBeTruthy();
    }
    const self = await t.app.inject({
      method: 'POST',
      url: `/api/admin/users/${t.fixtures.orgA.users.admin.id}/deactivate`,
      headers: admin,
    });
    expect(self.statusCode).toBe(409);
  });

  it("makes a technician a team's lead: they join the team with the lead role", async () => {
    const admin = await sessionFor(t.db, t.fixtures.orgA.users.admin);
    const team = (
      await t.app.inject({ method: 'POST', url: '/api/admin/teams', headers: admin, payload: { name: 'South' } })
    ).json<TeamRow>();
    const victim = t.fixtures.orgA.users.victim;
    const led = await t.app.inject({
      method: 'PUT',
      url: `/api/admin/teams/${team.id}/lead`,
      headers: admin,
      payload: { userId: victim.id },
    });
    expect(led.statusCode, led.body).toBe(200);
    expect(led.json<UserRow>()).toMatchObject({ id: victim.id, teamId: team.id, role: 'lead' });
    const foreign = await t.app.inject({
      method: 'PUT',
      url: `/api/admin/teams/${team.id}/lead`,
      headers: admin,
      payload: { userId: t.fixtures.orgB.users.admin.id },
    });
    expect(foreign.statusCode).toBe(400);
  });
});
