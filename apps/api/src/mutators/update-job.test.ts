import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCHEMA_VERSION } from '@lastmile/sync';
import { jobs, syncChanges } from '../db/schema/index.ts';
import { createOfficeWorld, type OfficeWorld } from '../test/office-fixtures.ts';
import { createTestApp, sessionFor, type Credentials, type TestApp } from '../test/test-app.ts';

let t: TestApp;
let world: OfficeWorld;

beforeAll(async () => {
  t = await createTestApp();
  const { orgA } = t.fixtures;
  world = await createOfficeWorld(t.db, {
    orgId: orgA.id,
    teamId: orgA.teamId,
    assigneeId: orgA.users.technician.id,
    jobCount: 6,
  });
});
afterAll(async () => {
  await t.close();
});

type Result = { id: number; status: string; code?: string; reason?: string };

/** Pushes one updateJob mutation from a fresh client and returns its result. */
async function updateJob(as: Credentials, args: Record<string, unknown>): Promise<Result> {
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/sync/push',
    headers: as,
    payload: {
      schemaVersion: SCHEMA_VERSION,
      clientId: `t-${randomUUID()}`,
      mutations: [{ id: 1, name: 'updateJob', args, clientTime: new Date().toISOString(), baseVersion: 0 }],
    },
  });
  expect(response.statusCode, response.body).toBe(200);
  return response.json<{ results: Result[] }>().results[0]!;
}

const jobRow = async (id: string) => (await t.db.select().from(jobs).where(eq(jobs.id, id)))[0]!;

describe('updateJob on an approved job', () => {
  it('refuses changes to what was approved, and takes corrections of the title, notes and reference', async () => {
    const office = await sessionFor(t.db, t.fixtures.orgA.users.office);
    const id = world.jobIds[4]!; // no other test here uses it
    await t.db.update(jobs).set({ status: 'approved' }).where(eq(jobs.id, id));
    const before = await jobRow(id);
    const moved = await updateJob(office, { jobId: id, customerId: world.customers.zenith, priority: 'urgent' });
    expect(moved).toMatchObject({ status: 'refused', code: 'conflict' });
    expect(moved.reason).toMatch(/is approved: its customerId, priority no longer change/);
    expect(await jobRow(id)).toMatchObject({ customerId: before.customerId, priority: before.priority });
    const fixed = await updateJob(office, { jobId: id, title: 'Boiler service (corrected)', externalRef: 'ERP-9' });
    expect(fixed.status).toBe('applied');
    expect(await jobRow(id)).toMatchObject({ title: 'Boiler service (corrected)', externalRef: 'ERP-9' });
  });

  it('names only the fields that would change: the job’s own values sent again are no change', async () => {
    const office = await sessionFor(t.db, t.fixtures.orgA.users.office);
    const id = world.jobIds[5]!; // no other test here uses it
    await t.db.update(jobs).set({ status: 'approved' }).where(eq(jobs.id, id));
    const before = await jobRow(id);
    // The whole job sent back, as an editor does, with only the title corrected (the start as another offset of the same instant).
    const whole = {
      jobId: id,
      jobTypeId: before.jobTypeId,
      customerId: before.customerId,
      siteId: before.siteId,
      teamId: before.teamId,
      priority: before.priority,
      scheduledStart: before.scheduledStart.toISOString().replace('Z', '+00:00'),
      scheduledEnd: before.scheduledEnd.toISOString(),
      title: 'Boiler service (typo fixed)',
    };
    expect(await updateJob(office, whole)).toMatchObject({ status: 'applied' });
    expect(await jobRow(id)).toMatchObject({ title: 'Boiler service (typo fixed)', customerId: before.customerId });
    const moved = await updateJob(office, { ...whole, customerId: world.customers.acme, siteId: world.sites.acmeMain });
    expect(moved).toMatchObject({ status: 'refused', code: 'conflict' });
    expect(moved.reason).toMatch(/is approved: its customerId, siteId no longer change\./);
  });
});

describe('updateJob', () => {
  it('lets the office change only the fields it sends, and keeps the search text current', async () => {
    const office = await sessionFor(t.db, t.fixtures.orgA.users.office);
    const id = world.jobIds[1]!;
    const before = await jobRow(id);
    const result = await updateJob(office, {
      jobId: id,
      title: 'Replace valve',
      priority: 'urgent',
      siteId: world.sites.acmeMain,
      customerId: world.customers.acme,
    });
    expect(result.status).toBe('applied');
    const after = await jobRow(id);
    expect(after).toMatchObject({
      title: 'Replace valve',
      priority: 'urgent',
      notes: before.notes,
      scheduledStart: before.scheduledStart,
      customerId: world.customers.acme,
    });
    expect(after.searchText).toContain('replace valve');
    expect(after.searchText).toContain('harbour street');
  });

  it('moves the job to the new assignee and team, deleting it from the old scopes', async () => {
    const office = await sessionFor(t.db, t.fixtures.orgA.users.office);
    const { technician, victim } = t.fixtures.orgA.users;
    const id = world.jobIds[0]!;
    const result = await updateJob(office, { jobId: id, assigneeId: victim.id, expectedAssigneeId: technician.id });
    expect(result.status).toBe('applied');
    expect(await jobRow(id)).toMatchObject({ assigneeId: victim.id, teamId: t.fixtures.orgA.teamId });
    const changes = await t.db.select().from(syncChanges).where(eq(syncChanges.entityId, id));
    expect(changes.some((c) => c.scope === `user:${technician.id}` && c.op === 'del')).toBe(true);
    expect(changes.some((c) => c.scope === `user:${victim.id}` && c.op === 'put')).toBe(true);

    const stale = await updateJob(office, { jobId: id, assigneeId: null, expectedAssigneeId: technician.id });
    expect(stale).toMatchObject({ status: 'refused', code: 'conflict' });
  });

  it('refuses technicians, other teams for leads, impossible schedules and bad references, changing nothing', async () => {
    const { orgA } = t.fixtures;
    const id = world.jobIds[2]!;
    const before = await jobRow(id);
    const technician = await sessionFor(t.db, orgA.users.technician);
    expect(await updateJob(technician, { jobId: id, title: 'Mine now' })).toMatchObject({
      status: 'refused',
      code: 'forbidden',
    });
    const lead = await sessionFor(t.db, orgA.users.lead);
    expect(await updateJob(lead, { jobId: id, title: 'Not my team' })).toMatchObject({
      status: 'refused',
      code: 'forbidden',
    });
    const office = await sessionFor(t.db, orgA.users.office);
    expect(await updateJob(office, { jobId: id, scheduledEnd: '2029-01-01T00:00:00Z' })).toMatchObject({
      status: 'refused',
      code: 'validation',
      reason: expect.stringContaining('end must be after the start'),
    });
    expect(
      await updateJob(office, { jobId: id, siteId: world.sites.zenithDepot, customerId: world.customers.acme }),
    ).toMatchObject({ status: 'refused', reason: expect.stringContaining('does not belong to this customer') });
    expect(await updateJob(office, { jobId: id, externalRef: 'EXT-3' })).toMatchObject({
      status: 'refused',
      code: 'conflict',
    });
    const otherOrg = await sessionFor(t.db, t.fixtures.orgB.users.admin);
    expect(await updateJob(otherOrg, { jobId: id, title: 'Theirs' })).toMatchObject({
      status: 'refused',
      code: 'not_found',
    });
    expect(await jobRow(id)).toEqual(before);
  });

  it('lets a lead edit their team job but not hand it outside the team', async () => {
    const lead = await sessionFor(t.db, t.fixtures.orgA.users.lead);
    const id = world.jobIds[2]!;
    expect(await updateJob(lead, { jobId: id, teamId: t.fixtures.orgA.teamId })).toMatchObject({
      status: 'refused',
      code: 'forbidden',
    });
    const office = await sessionFor(t.db, t.fixtures.orgA.users.office);
    expect(await updateJob(office, { jobId: id, teamId: t.fixtures.orgA.teamId })).toMatchObject({ status: 'applied' });
    expect(await updateJob(lead, { jobId: id, notes: 'Bring the long ladder' })).toMatchObject({ status: 'applied' });
    expect(await updateJob(lead, { jobId: id, teamId: null })).toMatchObject({ status: 'refused', code: 'forbidden' });
  });
});
