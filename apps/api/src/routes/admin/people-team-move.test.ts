import { randomUUID } from 'node:crypto';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { workScopes, type AdminUserChange, type JobStatus, type Role } from '@lastmile/domain';
import { queryRows, writeInOrg } from '@lastmile/sync/server';
import { auditEvents, formResponses, jobs, users } from '../../db/schema/index.ts';
import { createJob } from '../../services/create-job.ts';
import { createTeam } from '../../services/create-team.ts';
import { createUser } from '../../services/create-user.ts';
import { createTemplate, publishTemplate } from '../../services/form-templates.ts';
import { insertAnsweredForm } from '../../test/job-form.ts';
import { pullingDevice } from '../../test/pulling-device.ts';
import { createOfficeWorld, type OfficeWorld } from '../../test/office-fixtures.ts';
import {
  createTestApp,
  errorBody,
  sessionFor,
  TEST_PASSWORD,
  type Credentials,
  type TestApp,
} from '../../test/test-app.ts';
import { hashPassword } from '../../auth/password.ts';

/**
 * Moving a person to another team takes their unfinished jobs with them (with forms and the
 * rest of each job's family), in the same transaction and by sync: the old team's lead stops
 * holding them, the new team's lead starts. Runs on PostgreSQL with TEST_DATABASE_URL (the
 * concurrent moves then really run side by side), else on PGlite.
 */

type Person = { id: string; email: string; orgId: string };

let t: TestApp;
let orgId = '';
let teamA = '';
let teamB = '';
let teamC = '';
let world: OfficeWorld;
let templateId = '';
let versionId = '';
let admin: Credentials;
const leads: Record<'a' | 'b' | 'c', Person> = {} as Record<'a' | 'b' | 'c', Person>;
let passwordHash = '';
let seq = 0;

beforeAll(async () => {
  t = await createTestApp();
  orgId = t.fixtures.orgA.id;
  teamA = t.fixtures.orgA.teamId;
  leads.a = t.fixtures.orgA.users.lead;
  admin = await sessionFor(t.db, t.fixtures.orgA.users.admin);
  passwordHash = await hashPassword(TEST_PASSWORD);
  world = await createOfficeWorld(t.db, { orgId, teamId: null, assigneeId: null, jobCount: 0 });
  await writeInOrg(t.db, orgId, async (tx, rec) => {
    teamB = (await createTeam(tx, rec, { orgId, name: 'Team B' })).id;
    teamC = (await createTeam(tx, rec, { orgId, name: 'Team C' })).id;
    const template = await createTemplate(tx, {
      orgId,
      userId: t.fixtures.orgA.users.office.id,
      name: 'Service',
      definition: {
        sections: [{ key: 'main', title: 'Main', fields: [{ key: 'note', label: 'Note', type: 'shortText' }] }],
      },
    });
    templateId = template.id;
    versionId = (await publishTemplate(tx, rec, { orgId, userId: t.fixtures.orgA.users.office.id, id: template.id }))
      .id;
  });
  leads.b = await person('lead', teamB);
  leads.c = await person('lead', teamC);
});
afterAll(async () => t.close());

async function person(role: Role, teamId: string | null): Promise<Person> {
  seq += 1;
  return writeInOrg(t.db, orgId, async (tx, rec) => {
    const user = await createUser(tx, rec, {
      orgId,
      teamId,
      name: `${role} ${seq}`,
      email: `move-${seq}-${randomUUID().slice(0, 8)}@a.test`,
      role,
      passwordHash,
    });
    return { id: user.id, email: user.email, orgId };
  });
}

/** One job per status, assigned to the person on `teamId`; each with a started form (response + answer). */
async function jobsOf(
  assignee: Person,
  teamId: string,
  statuses: readonly JobStatus[],
): Promise<Map<JobStatus, string>> {
  return writeInOrg(t.db, orgId, async (tx, rec) => {
    const ids = new Map<JobStatus, string>();
    for (const status of statuses) {
      const start = new Date(Date.UTC(2030, 0, 1 + ids.size, 8));
      const job = await createJob(tx, rec, {
        orgId,
        jobTypeId: world.jobTypes.repair,
        customerId: world.customers.acme,
        siteId: world.sites.acmeMain,
        teamId,
        assigneeId: assignee.id,
        priority: 'normal',
        scheduledStart: start,
        scheduledEnd: new Date(start.getTime() + 3_600_000),
        title: `${status} job`,
        notes: '',
        externalRef: null,
        status,
        createdBy: null,
      });
      const scopes = workScopes({ orgId, teamId, userIds: [assignee.id] });
      await insertAnsweredForm(tx, rec, {
        orgId,
        jobId: job.id,
        templateId,
        versionId,
        answeredBy: assignee.id,
        value: 'checked',
        scopes,
      });
      ids.set(status, job.id);
    }
    return ids;
  });
}

const device = (who: Person) => pullingDevice(t.app, t.db, who, 'move');

const patchTeam = (who: Person, teamId: string | null) =>
  t.app.inject({ method: 'PATCH', url: `/api/admin/users/${who.id}`, headers: admin, payload: { teamId } });

async function teamsOfJobs(ids: readonly string[]): Promise<Map<string, string | null>> {
  const rows = await t.db
    .select({ id: jobs.id, teamId: jobs.teamId })
    .from(jobs)
    .where(inArray(jobs.id, [...ids]));
  return new Map(rows.map((r) => [r.id, r.teamId]));
}

async function formOf(jobId: string): Promise<string> {
  const [row] = await t.db.select({ id: formResponses.id }).from(formResponses).where(eq(formResponses.jobId, jobId));
  if (!row) throw new Error('no form');
  return row.id;
}

const OPEN: readonly JobStatus[] = ['scheduled', 'in_progress', 'paused', 'completed', 'submitted', 'sent_back'];
const CLOSED: readonly JobStatus[] = ['approved', 'cancelled'];

describe('moving a person to another team takes their unfinished jobs with them', () => {
  it('moves every job but approved and cancelled ones, with its forms, from the old lead’s device to the new lead’s', async () => {
    const tech = await person('technician', teamA);
    const ids = await jobsOf(tech, teamA, [...OPEN, ...CLOSED]);
    const oldLead = device(leads.a);
    const newLead = device(leads.b);
    await oldLead.sync();
    await newLead.sync();
    for (const id of ids.values()) expect(oldLead.has('jobs', id)).toBe(true);

    const res = await patchTeam(tech, teamB);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<AdminUserChange>()).toMatchObject({ id: tech.id, teamId: teamB, jobsMoved: OPEN.length });

    const teams = await teamsOfJobs([...ids.values()]);
    for (const status of OPEN) expect(teams.get(ids.get(status)!), status).toBe(teamB);
    for (const status of CLOSED) expect(teams.get(ids.get(status)!), status).toBe(teamA);

    await oldLead.sync();
    await newLead.sync();
    for (const status of OPEN) {
      const jobId = ids.get(status)!;
      const form = await formOf(jobId);
      expect(oldLead.has('jobs', jobId), status).toBe(false);
      expect(oldLead.has('formResponses', form), status).toBe(false);
      expect(oldLead.has('formAnswers', `${form}:note`), status).toBe(false);
      expect(newLead.has('jobs', jobId), status).toBe(true);
      expect(newLead.held.get(`jobs:${jobId}`)).toMatchObject({ teamId: teamB, assigneeId: tech.id });
      expect(newLead.has('formResponses', form), status).toBe(true);
      expect(newLead.has('formAnswers', `${form}:note`), status).toBe(true);
    }
    for (const status of CLOSED) {
      expect(oldLead.has('jobs', ids.get(status)!), status).toBe(true);
      expect(newLead.has('jobs', ids.get(status)!), status).toBe(false);
    }

    const trail = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'job.moved_with_assignee'), inArray(auditEvents.jobId, [...ids.values()])));
    expect(trail).toHaveLength(OPEN.length);
    for (const event of trail) {
      expect(event.changes).toEqual([{ field: 'teamId', before: teamA, after: teamB }]);
      expect(event.userId).toBe(t.fixtures.orgA.users.admin.id);
    }
  });

  it('moves them when the person is made the lead of another team', async () => {
    const tech = await person('technician', teamA);
    const ids = await jobsOf(tech, teamA, ['scheduled', 'in_progress', 'approved']);
    const res = await t.app.inject({
      method: 'PUT',
      url: `/api/admin/teams/${teamC}/lead`,
      headers: admin,
      payload: { userId: tech.id },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<AdminUserChange>()).toMatchObject({ role: 'lead', teamId: teamC, jobsMoved: 2 });
    const teams = await teamsOfJobs([...ids.values()]);
    expect(teams.get(ids.get('scheduled')!)).toBe(teamC);
    expect(teams.get(ids.get('in_progress')!)).toBe(teamC);
    expect(teams.get(ids.get('approved')!)).toBe(teamA);

    // The new lead's own phone holds their moved work through the team, as the board shows it.
    const theirs = device(tech);
    const otherLead = device(leads.c);
    await theirs.sync();
    await otherLead.sync();
    for (const status of ['scheduled', 'in_progress'] as const) {
      expect(theirs.held.get(`jobs:${ids.get(status)!}`)).toMatchObject({ teamId: teamC });
      expect(otherLead.has('jobs', ids.get(status)!)).toBe(true);
    }
  });

  it('refuses to take a person with unfinished jobs out of every team, naming how many, and changes nothing', async () => {
    const tech = await person('technician', teamA);
    const ids = await jobsOf(tech, teamA, ['scheduled', 'submitted', 'cancelled']);
    const version = async () =>
      (await queryRows<{ v: string }>(t.db, sql`select count(*) as v from sync_changes where org_id = ${orgId}`))[0]?.v;
    const logged = await version();

    const res = await patchTeam(tech, null);
    expect(res.statusCode, res.body).toBe(409);
    const body = errorBody(res);
    expect(body.code).toBe('conflict');
    expect(body.message).toContain('2 open jobs');
    expect(body.detail).toMatchObject({ key: 'people.team.openJobs', params: { count: 2 } });

    const [row] = await t.db.select({ teamId: users.teamId }).from(users).where(eq(users.id, tech.id));
    expect(row?.teamId).toBe(teamA);
    for (const team of (await teamsOfJobs([...ids.values()])).values()) expect(team).toBe(teamA);
    expect(await version()).toBe(logged);
  });

  it('answers jobsMoved 0 for a person with no unfinished jobs, and lets them leave every team', async () => {
    const tech = await person('technician', teamA);
    const moved = await patchTeam(tech, teamB);
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json<AdminUserChange>()).toMatchObject({ teamId: teamB, jobsMoved: 0 });

    const finished = await person('technician', teamA);
    await jobsOf(finished, teamA, ['approved']);
    const out = await patchTeam(finished, null);
    expect(out.statusCode, out.body).toBe(200);
    expect(out.json<AdminUserChange>()).toMatchObject({ teamId: null, jobsMoved: 0 });
  });

  it('two admins moving the same person at once, in opposite directions, leave the jobs on the team the person ends in', async () => {
    const tech = await person('technician', teamC);
    const ids = [...(await jobsOf(tech, teamC, ['scheduled', 'paused', 'sent_back'])).values()];
    const otherAdmin = await sessionFor(t.db, await person('admin', null));
    const boards = { [teamA]: device(leads.a), [teamB]: device(leads.b), [teamC]: device(leads.c) };
    for (const round of [1, 2, 3]) {
      const [toA, toB] = await Promise.all([
        patchTeam(tech, teamA),
        t.app.inject({
          method: 'PATCH',
          url: `/api/admin/users/${tech.id}`,
          headers: otherAdmin,
          payload: { teamId: teamB },
        }),
      ]);
      expect(toA.statusCode, toA.body).toBe(200);
      expect(toB.statusCode, toB.body).toBe(200);
      const [row] = await t.db.select({ teamId: users.teamId }).from(users).where(eq(users.id, tech.id));
      const ends = row?.teamId;
      expect([teamA, teamB], `round ${round}`).toContain(ends);
      for (const team of (await teamsOfJobs(ids)).values()) expect(team, `round ${round}`).toBe(ends);
      for (const [team, board] of Object.entries(boards)) {
        await board.sync();
        for (const id of ids) expect(board.has('jobs', id), `round ${round}, board of ${team}`).toBe(team === ends);
      }
    }
  });
});
