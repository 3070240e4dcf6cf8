import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId, workScopes, type Actor, type Role } from '@lastmile/domain';
import { writeInOrg } from '@lastmile/sync/server';
import { hashPassword } from '../../auth/password.ts';
import { formAnswers, jobs } from '../../db/schema/index.ts';
import { createJob } from '../../services/create-job.ts';
import { createTeam } from '../../services/create-team.ts';
import { createUser } from '../../services/create-user.ts';
import { createTemplate, publishTemplate } from '../../services/form-templates.ts';
import { memoryDevice } from '../../sync/test-world.ts';
import { insertAnsweredForm } from '../../test/job-form.ts';
import { pullingDevice } from '../../test/pulling-device.ts';
import { createOfficeWorld, type OfficeWorld } from '../../test/office-fixtures.ts';
import { createTestApp, sessionFor, TEST_PASSWORD, type Credentials, type TestApp } from '../../test/test-app.ts';

/**
 * People follow their teams (ADR 0051): a technician's or lead's phone holds its team's people,
 * the office's and itself, not the whole organization; a move, a role change or a new lead puts
 * the person where they are held now and deletes them where they are not. Through the real admin
 * routes and real pulls (scopes read from the session's person, as in production).
 */

type Person = { id: string; email: string; orgId: string; role: Role; teamId: string | null };

let t: TestApp;
let orgId = '';
let teamA = '';
let teamB = '';
let teamC = '';
let admin: Credentials;
let world: OfficeWorld;
let templateId = '';
let versionId = '';
let passwordHash = '';
let seq = 0;

beforeAll(async () => {
  t = await createTestApp();
  orgId = t.fixtures.orgA.id;
  teamA = t.fixtures.orgA.teamId;
  admin = await sessionFor(t.db, t.fixtures.orgA.users.admin);
  passwordHash = await hashPassword(TEST_PASSWORD);
  world = await createOfficeWorld(t.db, { orgId, teamId: null, assigneeId: null, jobCount: 0 });
  await writeInOrg(t.db, orgId, async (tx, rec) => {
    teamB = (await createTeam(tx, rec, { orgId, name: 'Team B' })).id;
    teamC = (await createTeam(tx, rec, { orgId, name: 'Team C' })).id;
    const userId = t.fixtures.orgA.users.office.id;
    const fields = [
      { key: 'note', label: 'Note', type: 'shortText' },
      { key: 'reading', label: 'Reading', type: 'shortText' },
    ];
    const template = await createTemplate(tx, {
      orgId,
      userId,
      name: 'Service',
      definition: { sections: [{ key: 'main', title: 'Main', fields }] },
    });
    templateId = template.id;
    versionId = (await publishTemplate(tx, rec, { orgId, userId, id: template.id })).id;
  });
});
afterAll(async () => t.close());

async function person(role: Role, teamId: string | null): Promise<Person> {
  seq += 1;
  return writeInOrg(t.db, orgId, async (tx, rec) => {
    const user = await createUser(tx, rec, {
      orgId,
      teamId,
      name: `${role} ${seq}`,
      email: `follow-${seq}-${randomUUID().slice(0, 8)}@a.test`,
      role,
      passwordHash,
    });
    return { id: user.id, email: user.email, orgId, role, teamId };
  });
}

const phone = (who: Person) => pullingDevice(t.app, t.db, who, 'follow');

const patch = (who: Person, payload: { teamId?: string | null; role?: Role }) =>
  t.app.inject({ method: 'PATCH', url: `/api/admin/users/${who.id}`, headers: admin, payload });

/** A job on `teamId` for `assignee`, with a started form one field of which `answeredBy` filled in. */
async function jobWithAnswer(assignee: Person, teamId: string, answeredBy: Person) {
  return writeInOrg(t.db, orgId, async (tx, rec) => {
    const job = await createJob(tx, rec, {
      orgId,
      jobTypeId: world.jobTypes.repair,
      customerId: world.customers.acme,
      siteId: world.sites.acmeMain,
      teamId,
      assigneeId: assignee.id,
      priority: 'normal',
      scheduledStart: new Date('2030-02-01T08:00:00Z'),
      scheduledEnd: new Date('2030-02-01T09:00:00Z'),
      title: 'Boiler service',
      notes: 'First line',
      externalRef: null,
      createdBy: null,
    });
    const scopes = workScopes({ orgId, teamId, userIds: [assignee.id] });
    const { responseId } = await insertAnsweredForm(tx, rec, {
      orgId,
      jobId: job.id,
      templateId,
      versionId,
      answeredBy: answeredBy.id,
      value: 'valve replaced',
      scopes,
    });
    return { jobId: job.id, responseId };
  });
}

describe('a phone holds its own team’s people', () => {
  it("a technician's first sync holds its team, the office and itself, and does not grow with other teams", async () => {
    const tech = await person('technician', teamA);
    const mate = await person('technician', teamA);
    const other = await person('technician', teamB);
    const loner = await person('technician', null);
    // Made here: the fixture people are logged in the fixtures' own transaction, under another org id.
    const [lead, office, adminUser] = [
      await person('lead', teamA),
      await person('office', null),
      await person('admin', null),
    ];
    const first = await phone(tech).sync();
    for (const [who, id] of Object.entries({
      tech: tech.id,
      mate: mate.id,
      lead: lead.id,
      office: office.id,
      admin: adminUser.id,
    }))
      expect(first.has('users', id), who).toBe(true);
    expect(first.has('users', other.id)).toBe(false);
    expect(first.has('users', loner.id)).toBe(false);
    // The teamless technician's own phone holds them, and the office's people.
    const lonely = await phone(loner).sync();
    expect(lonely.has('users', loner.id)).toBe(true);
    expect(lonely.has('users', office.id)).toBe(true);
    expect(lonely.has('users', tech.id)).toBe(false);

    const before = first.held.size;
    for (let i = 0; i < 50; i++) await person(i % 5 === 0 ? 'lead' : 'technician', i % 2 ? teamB : teamC);
    const again = await phone(tech).sync();
    expect(again.held.size).toBe(before);
    expect(again.people()).toBe(first.people());
    // The office and the admin keep everyone.
    const desk = await phone(office).sync();
    expect(desk.has('users', other.id)).toBe(true);
    expect(desk.has('users', loner.id)).toBe(true);
    expect(desk.people()).toBeGreaterThanOrEqual(again.people() + 52);
  });
});

describe('a person moving team, changing role or leading a team is put where they are held now', () => {
  it('the old team loses them, the new team gains them, their own phone and the office keep them', async () => {
    const mover = await person('technician', teamA);
    const oldMate = await person('technician', teamA);
    const newMate = await person('technician', teamB);
    const desk = phone(await person('office', null));
    const [was, will, own] = [phone(oldMate), phone(newMate), phone(mover)];
    for (const p of [was, will, own, desk]) await p.sync();
    expect(was.has('users', mover.id)).toBe(true);
    expect(will.has('users', mover.id)).toBe(false);

    const moved = await patch(mover, { teamId: teamB });
    expect(moved.statusCode, moved.body).toBe(200);
    for (const p of [was, will, own, desk]) await p.sync();
    expect(was.has('users', mover.id)).toBe(false);
    expect(will.held.get(`users:${mover.id}`)).toMatchObject({ teamId: teamB });
    expect(own.held.get(`users:${mover.id}`)).toMatchObject({ teamId: teamB });
    expect(own.has('users', newMate.id)).toBe(true);
    expect(own.has('users', oldMate.id)).toBe(false);
    expect(desk.held.get(`users:${mover.id}`)).toMatchObject({ teamId: teamB });

    // Made office staff: every phone holds them (they serve everyone).
    expect((await patch(mover, { role: 'office' })).statusCode).toBe(200);
    for (const p of [was, will, desk]) await p.sync();
    expect(was.held.get(`users:${mover.id}`)).toMatchObject({ role: 'office' });
    expect(will.held.get(`users:${mover.id}`)).toMatchObject({ role: 'office' });

    // Back to technician, on team A: team A's phone keeps them (put and delete in one commit), B's loses them.
    expect((await patch(mover, { role: 'technician', teamId: teamA })).statusCode).toBe(200);
    for (const p of [was, will, desk]) await p.sync();
    expect(was.held.get(`users:${mover.id}`)).toMatchObject({ role: 'technician', teamId: teamA });
    expect(will.has('users', mover.id)).toBe(false);
    expect(desk.held.get(`users:${mover.id}`)).toMatchObject({ role: 'technician', teamId: teamA });

    // Made team C's lead: C's technicians gain them, A's lose them; deactivated, C's still show their name.
    const cTech = await person('technician', teamC);
    const c = await phone(cTech).sync();
    const led = await t.app.inject({
      method: 'PUT',
      url: `/api/admin/teams/${teamC}/lead`,
      headers: admin,
      payload: { userId: mover.id },
    });
    expect(led.statusCode, led.body).toBe(200);
    await was.sync();
    await c.sync();
    expect(was.has('users', mover.id)).toBe(false);
    expect(c.held.get(`users:${mover.id}`)).toMatchObject({ role: 'lead', teamId: teamC });
    const off = await t.app.inject({ method: 'POST', url: `/api/admin/users/${mover.id}/deactivate`, headers: admin });
    expect(off.statusCode, off.body).toBe(200);
    await c.sync();
    expect(c.held.get(`users:${mover.id}`)).toMatchObject({ active: false });
  });
});

const actorOf = (p: Person): Actor => ({ userId: p.id, orgId, role: p.role, teamId: p.teamId });

describe('the people on a job from another team', () => {
  it("a job handed to another team keeps its answers and their authors' ids; the new phone does not hold those people", async () => {
    // ADR 0051: the web app names them "someone from another team" (job.unknownPerson); no blank, no crash.
    const [techA, techB] = [await person('technician', teamA), await person('technician', teamB)];
    const { jobId, responseId } = await jobWithAnswer(techA, teamA, techA);
    const desk = memoryDevice(t.db, actorOf(await person('office', null)));
    await desk.client.sync();
    await desk.client.mutate('assignJob', {
      jobId,
      expectedAssigneeId: techA.id,
      assigneeId: techB.id,
      handoffNote: '',
    });
    await desk.client.sync();
    const b = await phone(techB).sync();
    expect(b.held.get(`jobs:${jobId}`)).toMatchObject({ teamId: teamB, assigneeId: techB.id });
    expect(b.held.get(`formAnswers:${responseId}:note`)).toMatchObject({ answeredBy: techA.id });
    expect(b.has('users', techA.id)).toBe(false);
    expect(desk.has('users', techA.id)).toBe(true);
  });

  it('a phone offline with changes on a job whose answerer moves team meanwhile loses nothing', async () => {
    const [tech, answerer] = [await person('technician', teamA), await person('technician', teamA)];
    const { jobId, responseId } = await jobWithAnswer(tech, teamA, answerer);
    const device = memoryDevice(t.db, actorOf(tech));
    await device.client.sync();
    expect(device.has('users', answerer.id)).toBe(true);

    // Offline: an answer, the notes and a message wait in the outbox while the answerer moves to team B.
    const capturedAt = new Date().toISOString();
    await device.client.mutate('setAnswer', { responseId, fieldKey: 'reading', value: '42 bar', capturedAt });
    await device.client.mutate('updateJobNotes', {
      jobId,
      notes: 'First line\nGasket ordered',
      baseNotes: 'First line',
    });
    const messageId = newId();
    await device.client.mutate('postJobMessage', { id: messageId, jobId, body: 'Back on Monday' });
    expect(await device.store.listOutbox()).toHaveLength(3);
    expect((await patch(answerer, { teamId: teamB })).statusCode).toBe(200);

    await device.client.sync();
    expect(await device.store.listOutbox()).toEqual([]);
    const [job] = await t.db.select({ notes: jobs.notes, teamId: jobs.teamId }).from(jobs).where(eq(jobs.id, jobId));
    expect(job).toEqual({ notes: 'First line\nGasket ordered', teamId: teamA });
    const answers = await t.db.select().from(formAnswers).where(eq(formAnswers.responseId, responseId));
    expect(Object.fromEntries(answers.map((a) => [a.fieldKey, [a.value, a.answeredBy]]))).toEqual({
      note: ['valve replaced', answerer.id],
      reading: ['42 bar', tech.id],
    });
    // The phone no longer holds the person who moved, but still holds all of the job's work.
    expect(device.has('users', answerer.id)).toBe(false);
    expect(device.has('users', tech.id)).toBe(true);
    expect(device.store.snapshotRows().get(`formAnswers:${responseId}:note`)).toMatchObject({
      answeredBy: answerer.id,
    });
    expect(device.store.snapshotRows().get(`formAnswers:${responseId}:reading`)).toMatchObject({ value: '42 bar' });
    expect(device.store.snapshotRows().get(`jobs:${jobId}`)).toMatchObject({ notes: 'First line\nGasket ordered' });
    expect(device.has('jobMessages', messageId)).toBe(true);
  });
});
