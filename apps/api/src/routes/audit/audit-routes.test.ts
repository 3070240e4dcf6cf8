import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditPageSchema, type AuditPage } from '@lastmile/domain';
import { SCHEMA_VERSION } from '@lastmile/sync';
import { writeInOrg } from '@lastmile/sync/server';
import { auditEvents } from '../../db/schema/index.ts';
import { createUser } from '../../services/create-user.ts';
import { createOfficeWorld, type OfficeWorld } from '../../test/office-fixtures.ts';
import { createTestApp, errorBody, sessionFor, type Credentials, type TestApp } from '../../test/test-app.ts';

let t: TestApp;
let teamJobs: OfficeWorld;
let noTeamJobs: OfficeWorld;
let as: Record<'technician' | 'lead' | 'office' | 'admin' | 'otherOrg', Credentials>;
const phone = `audit-phone-${randomUUID().slice(0, 8)}`;

beforeAll(async () => {
  t = await createTestApp();
  const { orgA, orgB } = t.fixtures;
  teamJobs = await createOfficeWorld(t.db, {
    orgId: orgA.id,
    teamId: orgA.teamId,
    assigneeId: orgA.users.technician.id,
    jobCount: 3,
  });
  noTeamJobs = await createOfficeWorld(t.db, {
    orgId: orgA.id,
    teamId: null,
    assigneeId: null,
    jobCount: 1,
    prefix: 'Unteamed ',
  });
  as = {
    technician: await sessionFor(t.db, orgA.users.technician),
    lead: await sessionFor(t.db, orgA.users.lead),
    office: await sessionFor(t.db, orgA.users.office),
    admin: await sessionFor(t.db, orgA.users.admin),
    otherOrg: await sessionFor(t.db, orgB.users.admin),
  };
  // The technician's phone: three changes to one job (assigned to them: every third job, so the first).
  const jobId = teamJobs.jobIds[0]!;
  const mutations = [
    { name: 'transitionJob', args: { jobId, to: 'in_progress' } },
    { name: 'updateJobNotes', args: { jobId, notes: 'Dog in the yard' } },
    { name: 'transitionJob', args: { jobId, to: 'paused', reason: 'Waiting for parts' } },
  ].map((m, i) => ({ ...m, id: i + 1, clientTime: `2026-11-21T09:0${i}:00.000Z`, baseVersion: 0 }));
  const pushed = await t.app.inject({
    method: 'POST',
    url: '/api/sync/push',
    headers: as.technician,
    payload: { schemaVersion: SCHEMA_VERSION, clientId: phone, mutations },
  });
  expect(pushed.json<{ results: { status: string }[] }>().results.map((r) => r.status)).toEqual([
    'applied',
    'applied',
    'applied',
  ]);
});
afterAll(async () => t.close());

async function read(who: keyof typeof as, url: string): Promise<AuditPage> {
  const res = await t.app.inject({ method: 'GET', url, headers: as[who] });
  expect(res.statusCode, res.body).toBe(200);
  return auditPageSchema.parse(res.json());
}

const status = async (who: keyof typeof as, url: string) =>
  (await t.app.inject({ method: 'GET', url, headers: as[who] })).statusCode;

describe('a job’s timeline', () => {
  it('lists its changes newest first, with device times, before/after and the names they mention', async () => {
    const page = await read('office', `/api/audit/jobs/${teamJobs.jobIds[0]}`);
    expect(page.events.map((e) => e.action)).toEqual(['transitionJob', 'updateJobNotes', 'transitionJob']);
    const [paused] = page.events;
    expect(paused).toMatchObject({
      source: 'sync',
      clientId: phone,
      userId: t.fixtures.orgA.users.technician.id,
      mutationId: 3,
      clientTime: '2026-11-21T09:02:00.000Z',
    });
    expect(paused!.changes).toEqual([
      { field: 'status', before: 'in_progress', after: 'paused' },
      { field: 'statusReason', before: null, after: 'Waiting for parts' },
    ]);
    expect(page.names[t.fixtures.orgA.users.technician.id]).toBe('technician');
    expect(page.nextCursor).toBeNull();
  });

  it('pages by cursor without repeating or skipping an event', async () => {
    const url = `/api/audit/jobs/${teamJobs.jobIds[0]}`;
    const first = await read('office', `${url}?limit=2`);
    expect(first.events).toHaveLength(2);
    expect(first.nextCursor).not.toBeNull();
    const second = await read('office', `${url}?limit=2&cursor=${first.nextCursor}`);
    expect(second.events.map((e) => e.mutationId)).toEqual([1]);
    expect(second.nextCursor).toBeNull();
    expect(await status('office', `${url}?cursor=abc`)).toBe(400);
    expect(await status('office', `${url}?limit=1000`)).toBe(400);
  });

  it('is for the office, and for a lead only on their own team’s jobs; never for a technician or another organization', async () => {
    expect(await status('lead', `/api/audit/jobs/${teamJobs.jobIds[0]}`)).toBe(200);
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/audit/jobs/${noTeamJobs.jobIds[0]}`,
      headers: as.lead,
    });
    expect(res.statusCode).toBe(403);
    expect(errorBody(res).message).toBe("Leads see the history of their own team's jobs only.");
    expect(await status('technician', `/api/audit/jobs/${teamJobs.jobIds[0]}`)).toBe(403);
    expect(await status('otherOrg', `/api/audit/jobs/${teamJobs.jobIds[0]}`)).toBe(404);
  });
});

describe('a person’s and a device’s timelines', () => {
  it('show what the person did on any device, and what was done from one device', async () => {
    const technician = t.fixtures.orgA.users.technician.id;
    const person = await read('office', `/api/audit/people/${technician}`);
    expect(person.events.length).toBeGreaterThanOrEqual(3);
    expect(person.events.every((e) => e.userId === technician)).toBe(true);
    const devices = await t.app.inject({ method: 'GET', url: '/api/audit/devices', headers: as.admin });
    expect(devices.json()).toContainEqual(expect.objectContaining({ clientId: phone, userId: technician }));
    const device = await read('admin', `/api/audit/devices/${phone}`);
    expect(device.events.map((e) => e.mutationId)).toEqual([3, 2, 1]);
  });

  it('are refused to leads and technicians, and another organization finds nothing', async () => {
    const technician = t.fixtures.orgA.users.technician.id;
    for (const url of [`/api/audit/people/${technician}`, `/api/audit/devices/${phone}`, '/api/audit/devices']) {
      expect(await status('lead', url), url).toBe(403);
      expect(await status('technician', url), url).toBe(403);
    }
    expect(await status('otherOrg', `/api/audit/people/${technician}`)).toBe(404);
    expect(await status('otherOrg', `/api/audit/devices/${phone}`)).toBe(404);
    const theirs = await t.app.inject({ method: 'GET', url: '/api/audit/devices', headers: as.otherOrg });
    expect(theirs.json()).not.toContainEqual(expect.objectContaining({ clientId: phone }));
  });
});

describe('REST writes in the trail', () => {
  it('records a successful write with its person, session and row; not a refused one, not a read', async () => {
    const before = (await t.db.select().from(auditEvents)).length;
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/customers',
      headers: as.office,
      payload: { name: 'Audited customer', phone: null, email: null },
    });
    expect(created.statusCode, created.body).toBe(201);
    const customerId = created.json<{ id: string }>().id;
    const refused = await t.app.inject({ method: 'POST', url: '/api/customers', headers: as.office, payload: {} });
    expect(refused.statusCode).toBe(400);
    await t.app.inject({ method: 'GET', url: '/api/customers', headers: as.office });
    const rows = (await t.db.select().from(auditEvents)).slice(before);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      source: 'rest',
      action: 'POST /api/customers',
      entity: 'customers',
      entityId: customerId,
      userId: t.fixtures.orgA.users.office.id,
      clientId: expect.stringMatching(/^session-[0-9a-f]{16}$/),
    });
    // The session is a device too: its trail holds the write.
    const session = await read('office', `/api/audit/devices/${rows[0]!.clientId}`);
    expect(session.events.map((e) => e.entityId)).toContain(customerId);
  });

  it('records each imported job on its own timeline, and no second row for the file', async () => {
    const before = (await t.db.select().from(auditEvents)).length;
    const csv =
      'external_ref,title,job_type,customer,site_address,scheduled_start\n' +
      'AUD-1,Audited import,Repair,Import customer,1 Audit Road,2030-03-02 08:00\n' +
      'AUD-2,Audited import 2,Repair,Import customer,1 Audit Road,2030-03-03 08:00\n';
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/jobs/import/commit',
      headers: as.office,
      payload: { csv, timeZone: 'UTC' },
    });
    expect(res.statusCode, res.body).toBe(200);
    const rows = (await t.db.select().from(auditEvents)).slice(before);
    expect(rows.map((r) => r.action)).toEqual(['job.imported', 'job.imported']);
    expect(rows[0]).toMatchObject({ entity: 'jobs', clientId: expect.stringMatching(/^session-/) });
    expect(rows[0]!.jobId).toBe(rows[0]!.entityId);
    expect(rows[0]!.changes).toContainEqual({ field: 'status', before: null, after: 'scheduled' });
  });

  it('records a route that audits itself once, under its own action', async () => {
    const victim = t.fixtures.orgA.users.victim.id;
    const res = await t.app.inject({
      method: 'PATCH',
      url: `/api/admin/users/${victim}`,
      headers: as.admin,
      payload: { name: 'Renamed victim' },
    });
    expect(res.statusCode, res.body).toBe(200);
    const rows = (await t.db.select().from(auditEvents)).filter((r) => r.entityId === victim);
    expect(rows.map((r) => r.action)).toEqual(['user.updated']);
    expect(rows[0]!.clientId).toMatch(/^session-/);
  });

  it('says what an admin changed about a person and a team, before and after, and names them', async () => {
    const { orgA } = t.fixtures;
    const newcomer = await writeInOrg(t.db, orgA.id, (tx, rec) =>
      createUser(tx, rec, {
        orgId: orgA.id,
        teamId: orgA.teamId,
        name: 'Newcomer',
        email: `newcomer-${randomUUID()}@a.test`,
        role: 'technician',
        passwordHash: 'not-for-sign-in',
      }),
    );
    const send = async <T = { id: string }>(method: 'PATCH' | 'POST' | 'PUT', url: string, payload?: object) => {
      const res = await t.app.inject({ method, url, headers: as.admin, ...(payload ? { payload } : {}) });
      expect(res.statusCode, res.body).toBeLessThan(300);
      return res.json<T>();
    };
    await send('PATCH', `/api/admin/users/${newcomer.id}`, { role: 'admin', name: 'Newcomer', teamId: null });
    const team = await send('POST', '/api/admin/teams', { name: 'East' });
    await send('PATCH', `/api/admin/teams/${team.id}`, { name: 'East side' });
    await send('PUT', `/api/admin/teams/${team.id}/lead`, { userId: orgA.users.victim.id });
    await send('POST', `/api/admin/users/${newcomer.id}/deactivate`);
    const invited = await send<{ user: { id: string } }>('POST', '/api/admin/users/invite', {
      name: 'Invited admin',
      email: `invited-${randomUUID()}@a.test`,
      role: 'admin',
      teamId: null,
    });

    const trail = await read('office', `/api/audit/people/${orgA.users.admin.id}?limit=6`);
    const byAction = Object.fromEntries(trail.events.map((e) => [e.action, e]));
    // Only what changed: the name sent again is no change.
    expect(byAction['user.updated']?.changes).toEqual([
      { field: 'role', before: 'technician', after: 'admin' },
      { field: 'teamId', before: orgA.teamId, after: null },
    ]);
    expect(byAction['team.created']?.changes).toEqual([{ field: 'name', before: null, after: 'East' }]);
    expect(byAction['team.renamed']?.changes).toEqual([{ field: 'name', before: 'East', after: 'East side' }]);
    expect(byAction['team.lead_set']?.changes).toEqual([
      { field: 'leadId', before: null, after: orgA.users.victim.id },
      { field: 'role', before: 'technician', after: 'lead' },
      { field: 'teamId', before: orgA.teamId, after: team.id },
    ]);
    expect(byAction['user.deactivated']?.changes).toEqual([{ field: 'active', before: true, after: false }]);
    expect(byAction['user.invited']).toMatchObject({
      entityId: invited.user.id,
      changes: [
        { field: 'role', before: null, after: 'admin' },
        { field: 'teamId', before: null, after: null },
      ],
    });
    // The page names whom each event changed, so the timeline can say it.
    expect(trail.names).toMatchObject({
      [newcomer.id]: 'Newcomer',
      [team.id]: 'East side',
      [orgA.users.victim.id]: expect.any(String),
      [orgA.teamId]: 'Team A',
    });
  });
});
