import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '@lastmile/domain';
import { SCHEMA_VERSION } from '@lastmile/sync';
import { queryRows, writeInOrg } from '@lastmile/sync/server';
import { buildApp } from '../app.ts';
import { hashPassword } from '../auth/password.ts';
import { parseEnv } from '../env.ts';
import { createJob } from '../services/create-job.ts';
import { createTeam } from '../services/create-team.ts';
import { createUser } from '../services/create-user.ts';
import { authHeaders, signInForTest, type HttpSession } from '../sync/http-session.ts';
import { buildWorld, type World } from '../sync/test-world.ts';
import { createTestDb, type TestDb } from '../test/test-db.ts';

/**
 * Who may do what to jobs and items, through the real push route: a technician works only on
 * their own jobs and never assigns; a lead assigns within their team; office across the
 * organization; nobody reaches another organization.
 */
const PASSWORD = 'correct horse battery';
let testDb: TestDb;
let app: FastifyInstance;
let world: World;
let otherOrg: World;
let sessions: Record<'tech1' | 'tech2' | 'lead' | 'office' | 'southLead', HttpSession>;
let south: { teamId: string; techId: string; jobId: string };

beforeAll(async () => {
  testDb = await createTestDb();
  const passwordHash = await hashPassword(PASSWORD);
  world = await buildWorld(testDb.db, { passwordHash });
  otherOrg = await buildWorld(testDb.db, { passwordHash });
  // A second team in the same organization, with its own lead, technician and job.
  const southLeadEmail = `south-lead-${newId()}@test.lastmile.app`;
  south = await writeInOrg(testDb.db, world.orgId, async (tx, rec) => {
    const team = await createTeam(tx, rec, { orgId: world.orgId, name: 'South' });
    await createUser(tx, rec, {
      orgId: world.orgId,
      teamId: team.id,
      name: 'South lead',
      email: southLeadEmail,
      role: 'lead',
      passwordHash,
    });
    const tech = await createUser(tx, rec, {
      orgId: world.orgId,
      teamId: team.id,
      name: 'South tech',
      email: `south-tech-${newId()}@test.lastmile.app`,
      role: 'technician',
      passwordHash,
    });
    const [template] = await queryRows<{ job_type_id: string; customer_id: string }>(
      tx,
      sql`select job_type_id, customer_id from jobs where id = ${world.jobIds[0]!}`,
    );
    const job = await createJob(tx, rec, {
      orgId: world.orgId,
      jobTypeId: template!.job_type_id,
      customerId: template!.customer_id,
      siteId: world.siteId,
      teamId: team.id,
      assigneeId: tech.id,
      priority: 'normal',
      scheduledStart: new Date(Date.UTC(2026, 10, 21, 8)),
      scheduledEnd: new Date(Date.UTC(2026, 10, 21, 9)),
      title: 'South job',
      notes: '',
      externalRef: null,
      createdBy: world.actors.office.userId,
    });
    return { teamId: team.id, techId: tech.id, jobId: job.id };
  });
  app = await buildApp({ db: testDb.db, config: parseEnv({}), listen: testDb.listen, logger: false });
  sessions = {
    tech1: await signInForTest(app, world.emails.tech1, PASSWORD),
    tech2: await signInForTest(app, world.emails.tech2, PASSWORD),
    lead: await signInForTest(app, world.emails.lead, PASSWORD),
    office: await signInForTest(app, world.emails.office, PASSWORD),
    southLead: await signInForTest(app, southLeadEmail, PASSWORD),
  };
});
afterAll(async () => {
  await app.close();
  await testDb.cleanup();
});

type Result = { id: number; status: 'applied' | 'refused'; code?: string; reason?: string };

/** Pushes one mutation from a fresh client and returns its result. */
async function pushOne(session: HttpSession, name: string, args: unknown): Promise<Result> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/sync/push',
    headers: { ...authHeaders(session), 'content-type': 'application/json' },
    payload: JSON.stringify({
      schemaVersion: SCHEMA_VERSION,
      clientId: `perm${newId().replaceAll('-', '')}`,
      mutations: [{ id: 1, name, args, clientTime: '2026-11-21T09:00:00.000Z', baseVersion: 0 }],
    }),
  });
  expect(res.statusCode).toBe(200);
  return res.json<{ results: Result[] }>().results[0]!;
}

function expectRefused(result: Result, code: string | null, reason: RegExp | string): void {
  expect(result.status).toBe('refused');
  if (code) expect(result.code).toBe(code);
  if (typeof reason === 'string') expect(result.reason).toBe(reason);
  else expect(result.reason).toMatch(reason);
}

async function jobRow(id: string) {
  const [row] = await queryRows<{ assignee_id: string | null; status: string; handoff_note: string | null }>(
    testDb.db,
    sql`select assignee_id, status, handoff_note from jobs where id = ${id}`,
  );
  return row!;
}

// buildWorld: job 0 unassigned, odd jobs tech1's, even jobs (from 2) tech2's.
const tech1Job = () => world.jobIds[1]!;
const tech2Job = () => world.jobIds[2]!;

describe('technicians', () => {
  it('work on their own jobs: start, pause with a reason, resume, complete', async () => {
    const jobId = world.jobIds[3]!;
    for (const [to, reason] of [
      ['in_progress'],
      ['paused', 'waiting for parts'],
      ['in_progress'],
      ['completed'],
    ] as const) {
      expect(await pushOne(sessions.tech1, 'transitionJob', { jobId, to, reason })).toMatchObject({
        status: 'applied',
      });
    }
    expect((await jobRow(jobId)).status).toBe('completed');
  });

  it('cannot change a job that is not theirs (status, notes, messages, items)', async () => {
    const jobId = tech2Job();
    const refusals = [
      await pushOne(sessions.tech1, 'transitionJob', { jobId, to: 'in_progress' }),
      await pushOne(sessions.tech1, 'updateJobNotes', { jobId, notes: 'mine now' }),
      await pushOne(sessions.tech1, 'postJobMessage', { id: newId(), jobId, body: 'hi' }),
      await pushOne(sessions.tech1, 'addOutstandingItem', {
        id: newId(),
        title: 'Leak',
        description: '',
        jobId,
        siteId: null,
        ownerId: null,
        dueDate: null,
        priority: 'normal',
      }),
    ];
    // Never theirs: the reason does not name the job (an id is no way to learn of other work).
    for (const r of refusals) expectRefused(r, 'forbidden', /^This job is not assigned to you/);
    expect((await jobRow(jobId)).status).toBe('scheduled');
  });

  it('cannot assign or create jobs, even their own', async () => {
    const r = await pushOne(sessions.tech1, 'assignJob', {
      jobId: tech1Job(),
      expectedAssigneeId: world.actors.tech1.userId,
      assigneeId: world.actors.tech2.userId,
      handoffNote: 'take it',
    });
    expectRefused(r, 'forbidden', 'Technicians cannot assign jobs.');
    expect((await jobRow(tech1Job())).assignee_id).toBe(world.actors.tech1.userId);
  });

  it('refuses an illegal status change with a reason the person can read', async () => {
    const r = await pushOne(sessions.tech1, 'transitionJob', { jobId: tech1Job(), to: 'approved' });
    expectRefused(r, null, /cannot be approved|Only office/);
  });
});

describe('leads', () => {
  it('assign within their team; a started job needs a handoff note, which joins the thread', async () => {
    const jobId = world.jobIds[5]!;
    expect(await pushOne(sessions.tech1, 'transitionJob', { jobId, to: 'in_progress' })).toMatchObject({
      status: 'applied',
    });
    const noNote = await pushOne(sessions.lead, 'assignJob', {
      jobId,
      expectedAssigneeId: world.actors.tech1.userId,
      assigneeId: world.actors.tech2.userId,
      handoffNote: ' ',
    });
    expectRefused(noNote, 'validation', /handoff note/);
    const ok = await pushOne(sessions.lead, 'assignJob', {
      jobId,
      expectedAssigneeId: world.actors.tech1.userId,
      assigneeId: world.actors.tech2.userId,
      handoffNote: 'Key under the mat',
    });
    expect(ok).toMatchObject({ status: 'applied' });
    expect(await jobRow(jobId)).toMatchObject({
      assignee_id: world.actors.tech2.userId,
      handoff_note: 'Key under the mat',
    });
    const [message] = await queryRows<{ kind: string; body: string }>(
      testDb.db,
      sql`select kind, body from job_messages where job_id = ${jobId}`,
    );
    expect(message).toEqual({ kind: 'handoff', body: 'Key under the mat' });
  });

  it('lose a concurrent reassignment: the later one, based on a stale assignee, is refused and says who has it', async () => {
    const jobId = world.jobIds[0]!; // unassigned
    const first = await pushOne(sessions.lead, 'assignJob', {
      jobId,
      expectedAssigneeId: null,
      assigneeId: world.actors.tech1.userId,
      handoffNote: '',
    });
    const second = await pushOne(sessions.office, 'assignJob', {
      jobId,
      expectedAssigneeId: null,
      assigneeId: world.actors.tech2.userId,
      handoffNote: '',
    });
    expect(first.status).toBe('applied');
    expectRefused(second, 'conflict', /was reassigned to .*tech1/);
    expect((await jobRow(jobId)).assignee_id).toBe(world.actors.tech1.userId);
  });

  it("cannot assign another team's job, nor give their job to another team's technician", async () => {
    const other = await pushOne(sessions.lead, 'assignJob', {
      jobId: south.jobId,
      expectedAssigneeId: south.techId,
      assigneeId: world.actors.tech1.userId,
      handoffNote: 'mine',
    });
    expectRefused(other, 'forbidden', /another team/);
    const away = await pushOne(sessions.lead, 'assignJob', {
      jobId: tech2Job(),
      expectedAssigneeId: world.actors.tech2.userId,
      assigneeId: south.techId,
      handoffNote: 'over to you',
    });
    expectRefused(away, 'forbidden', /not in your team/);
    const status = await pushOne(sessions.southLead, 'transitionJob', {
      jobId: tech2Job(),
      to: 'cancelled',
      reason: 'no',
    });
    expect(status).toMatchObject({ status: 'refused', code: 'forbidden' });
  });
});

describe('office', () => {
  it('reassigns across teams within the organization, never into another organization', async () => {
    const ok = await pushOne(sessions.office, 'assignJob', {
      jobId: south.jobId,
      expectedAssigneeId: south.techId,
      assigneeId: world.actors.tech2.userId,
      handoffNote: 'covering',
    });
    expect(ok).toMatchObject({ status: 'applied' });
    const foreign = await pushOne(sessions.office, 'assignJob', {
      jobId: otherOrg.jobIds[1]!,
      expectedAssigneeId: otherOrg.actors.tech1.userId,
      assigneeId: world.actors.tech1.userId,
      handoffNote: 'x',
    });
    expect(foreign).toMatchObject({ status: 'refused', code: 'not_found' });
    const foreignPerson = await pushOne(sessions.office, 'assignJob', {
      jobId: world.jobIds[4]!,
      expectedAssigneeId: world.actors.tech2.userId,
      assigneeId: otherOrg.actors.tech1.userId,
      handoffNote: 'x',
    });
    expect(foreignPerson).toMatchObject({ status: 'refused', code: 'validation' });
  });
});

describe('outstanding items and follow-up jobs', () => {
  it('a lead turns an item into a follow-up job and moves the item onto it', async () => {
    const itemId = newId();
    expect(
      await pushOne(sessions.tech1, 'addOutstandingItem', {
        id: itemId,
        title: 'Replace valve',
        description: 'Drips',
        jobId: tech1Job(),
        siteId: null,
        ownerId: world.actors.tech1.userId,
        dueDate: '2026-11-30',
        priority: 'high',
      }),
    ).toMatchObject({ status: 'applied' });
    const [source] = await queryRows<{ job_type_id: string; customer_id: string }>(
      testDb.db,
      sql`select job_type_id, customer_id from jobs where id = ${tech1Job()}`,
    );
    const followUp = newId();
    const created = await pushOne(sessions.lead, 'createJob', {
      id: followUp,
      jobTypeId: source!.job_type_id,
      customerId: source!.customer_id,
      siteId: world.siteId,
      teamId: world.teamId,
      assigneeId: null,
      priority: 'high',
      scheduledStart: '2026-11-30T08:00:00.000Z',
      scheduledEnd: '2026-11-30T09:00:00.000Z',
      title: 'Replace valve',
      notes: 'Drips',
      externalRef: null,
    });
    expect(created).toMatchObject({ status: 'applied' });
    expect(
      await pushOne(sessions.lead, 'updateOutstandingItem', { id: itemId, jobId: followUp, status: 'in_progress' }),
    ).toMatchObject({ status: 'applied' });
    const [item] = await queryRows<{ job_id: string; status: string; team_id: string }>(
      testDb.db,
      sql`select job_id, status, team_id from outstanding_items where id = ${itemId}`,
    );
    expect(item).toEqual({ job_id: followUp, status: 'in_progress', team_id: world.teamId });
  });

  it("a technician cannot move their item onto someone else's job", async () => {
    const itemId = newId();
    await pushOne(sessions.tech1, 'addOutstandingItem', {
      id: itemId,
      title: 'Paint',
      description: '',
      jobId: tech1Job(),
      siteId: null,
      ownerId: null,
      dueDate: null,
      priority: 'low',
    });
    const moved = await pushOne(sessions.tech1, 'updateOutstandingItem', { id: itemId, jobId: tech2Job() });
    expect(moved).toMatchObject({ status: 'refused', code: 'forbidden' });
    const [item] = await queryRows<{ job_id: string }>(
      testDb.db,
      sql`select job_id from outstanding_items where id = ${itemId}`,
    );
    expect(item?.job_id).toBe(tech1Job());
  });

  it("a technician cannot change another person's item; the other team's lead neither", async () => {
    const itemId = newId();
    await pushOne(sessions.tech2, 'addOutstandingItem', {
      id: itemId,
      title: 'Fence',
      description: '',
      jobId: tech2Job(),
      siteId: null,
      ownerId: world.actors.tech2.userId,
      dueDate: null,
      priority: 'low',
    });
    expect(await pushOne(sessions.tech1, 'updateOutstandingItem', { id: itemId, status: 'done' })).toMatchObject({
      status: 'refused',
      code: 'forbidden',
    });
    expect(await pushOne(sessions.southLead, 'updateOutstandingItem', { id: itemId, status: 'done' })).toMatchObject({
      status: 'refused',
      code: 'forbidden',
    });
    expect(await pushOne(sessions.lead, 'updateOutstandingItem', { id: itemId, status: 'done' })).toMatchObject({
      status: 'applied',
    });
  });
});

describe('one set of assignment rules for every path that sets an assignee or a team', () => {
  const newJobArgs = async (patch: Record<string, unknown>) => {
    const [ref] = await queryRows<{ job_type_id: string; customer_id: string }>(
      testDb.db,
      sql`select job_type_id, customer_id from jobs where id = ${world.jobIds[0]!}`,
    );
    return {
      id: newId(),
      jobTypeId: ref!.job_type_id,
      customerId: ref!.customer_id,
      siteId: world.siteId,
      teamId: world.teamId,
      assigneeId: null,
      priority: 'normal',
      scheduledStart: '2026-11-22T08:00:00.000Z',
      scheduledEnd: '2026-11-22T09:00:00.000Z',
      title: 'Boiler service',
      notes: '',
      externalRef: null,
      ...patch,
    };
  };
  const exists = async (id: string) =>
    (await queryRows<{ id: string }>(testDb.db, sql`select id from jobs where id = ${id}`)).length > 0;

  it("a lead's createJob cannot give the job to another team's technician (as assignJob refuses)", async () => {
    const args = await newJobArgs({ assigneeId: south.techId });
    expectRefused(await pushOne(sessions.lead, 'createJob', args), 'forbidden', /South tech is not in your team/);
    expect(await exists(args.id)).toBe(false);
    const free = await newJobArgs({});
    expect(await pushOne(sessions.office, 'createJob', free)).toMatchObject({ status: 'applied' });
    const assign = await pushOne(sessions.lead, 'assignJob', {
      jobId: free.id,
      expectedAssigneeId: null,
      assigneeId: south.techId,
      handoffNote: '',
    });
    expectRefused(assign, 'forbidden', /South tech is not in your team/);
  });

  it("a lead's createJob with no team and one of their technicians goes to that technician's team, their own", async () => {
    const derived = await newJobArgs({ assigneeId: world.actors.tech1.userId, teamId: null });
    expect(await pushOne(sessions.lead, 'createJob', derived)).toMatchObject({ status: 'applied' });
    const [row] = await queryRows<{ team_id: string }>(
      testDb.db,
      sql`select team_id from jobs where id = ${derived.id}`,
    );
    expect(row?.team_id).toBe(world.teamId);
    // No team and nobody assigned: not the lead's team, so refused as any other team is.
    const loose = await newJobArgs({ teamId: null });
    expectRefused(await pushOne(sessions.lead, 'createJob', loose), 'forbidden', /own team/);
    expect(await exists(loose.id)).toBe(false);
  });

  it('createJob cannot assign someone who does no field work, from any role', async () => {
    for (const session of [sessions.lead, sessions.office]) {
      const args = await newJobArgs({ assigneeId: world.actors.office.userId });
      expectRefused(await pushOne(session, 'createJob', args), null, /does not do field work/);
      expect(await exists(args.id)).toBe(false);
    }
  });

  it("office createJob with a team that is not the assignee's is refused, not silently changed", async () => {
    const args = await newJobArgs({ assigneeId: world.actors.tech1.userId, teamId: south.teamId });
    expectRefused(await pushOne(sessions.office, 'createJob', args), 'validation', /belongs to its assignee's team/);
    expect(await exists(args.id)).toBe(false);
    // No team given: the job goes to the assignee's team.
    const derived = await newJobArgs({ assigneeId: world.actors.tech1.userId, teamId: null });
    expect(await pushOne(sessions.office, 'createJob', derived)).toMatchObject({ status: 'applied' });
    const [row] = await queryRows<{ team_id: string }>(
      testDb.db,
      sql`select team_id from jobs where id = ${derived.id}`,
    );
    expect(row?.team_id).toBe(world.teamId);
  });

  it('updateJob with another team on an assigned job is refused, and the job keeps its team', async () => {
    const jobId = tech1Job();
    const result = await pushOne(sessions.office, 'updateJob', { jobId, teamId: south.teamId });
    expectRefused(result, 'validation', /belongs to its assignee's team/);
    const [row] = await queryRows<{ team_id: string }>(testDb.db, sql`select team_id from jobs where id = ${jobId}`);
    expect(row?.team_id).toBe(world.teamId);
    // Unassigned, the same change applies.
    const args = await newJobArgs({});
    expect(await pushOne(sessions.office, 'createJob', args)).toMatchObject({ status: 'applied' });
    const free = args.id;
    expect(await pushOne(sessions.office, 'updateJob', { jobId: free, teamId: south.teamId })).toMatchObject({
      status: 'applied',
    });
    const [moved] = await queryRows<{ team_id: string }>(testDb.db, sql`select team_id from jobs where id = ${free}`);
    expect(moved?.team_id).toBe(south.teamId);
  });
});
