import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '@lastmile/domain';
import { SCHEMA_VERSION, type PullResponse } from '@lastmile/sync';
import { queryRows, writeInOrg } from '@lastmile/sync/server';
import { buildApp } from '../../app.ts';
import { revokeUserSessions } from '../../auth/sessions.ts';
import { hashPassword } from '../../auth/password.ts';
import { parseEnv } from '../../env.ts';
import { authHeaders, signInForTest, type HttpSession } from '../../sync/http-session.ts';
import { buildWorld, type World } from '../../sync/test-world.ts';
import { createTeam } from '../../services/create-team.ts';
import { createUser } from '../../services/create-user.ts';
import { createTestDb, type TestDb } from '../../test/test-db.ts';

/**
 * Crew mode through the real routes (ADR 0033): a phone's person adds a colleague with the
 * colleague's own password; the phone's pushes may then name that colleague as the maker of a
 * change, and nobody else; its pulls hold both people's work; leaving, signing out, deactivation
 * and another device all end the right to act.
 */
const PASSWORD = 'correct horse battery';
let testDb: TestDb;
let app: FastifyInstance;
let world: World;
let other: World;

type Result = { id: number; status: 'applied' | 'refused'; code?: string; reason?: string };

/** One phone: a cookie session and the sync client id of its replica, with its own mutation ids. */
type Phone = { session: HttpSession; clientId: string; next: number };

async function newPhone(email: string): Promise<Phone> {
  return {
    session: await signInForTest(app, email, PASSWORD),
    clientId: `crew${newId().replaceAll('-', '')}`,
    next: 1,
  };
}

async function push(
  phone: Phone,
  name: string,
  args: unknown,
  actorId?: string,
  clientTime = new Date().toISOString(),
): Promise<Result> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/sync/push',
    headers: { ...authHeaders(phone.session), 'content-type': 'application/json' },
    payload: JSON.stringify({
      schemaVersion: SCHEMA_VERSION,
      clientId: phone.clientId,
      mutations: [
        {
          id: phone.next++,
          name,
          args,
          clientTime,
          baseVersion: 0,
          ...(actorId ? { actorId } : {}),
        },
      ],
    }),
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ results: Result[] }>().results[0]!;
}

/** The job ids a phone holds after pulling from scratch, and whether the page said reset. */
async function pulledJobs(
  phone: Phone,
  cursor: string | null = null,
): Promise<{ jobs: Set<string>; people: Set<string>; reset: boolean }> {
  const jobs = new Set<string>();
  const people = new Set<string>();
  let reset = false;
  let at = cursor;
  for (;;) {
    const res = await app.inject({
      method: 'POST',
      url: '/api/sync/pull',
      headers: { ...authHeaders(phone.session), 'content-type': 'application/json' },
      payload: JSON.stringify({ schemaVersion: SCHEMA_VERSION, clientId: phone.clientId, cursor: at }),
    });
    expect(res.statusCode, res.body).toBe(200);
    const page = res.json<PullResponse>();
    reset ||= page.reset;
    for (const c of page.changes) if (c.entity === 'jobs' && c.op === 'put') jobs.add(c.id);
    for (const c of page.changes) if (c.entity === 'users' && c.op === 'put') people.add(c.id);
    at = page.cursor;
    if (!page.more) return { jobs, people, reset };
  }
}

function join(phone: Phone, body: Record<string, unknown>) {
  return app.inject({
    method: 'POST',
    url: '/api/auth/crew',
    headers: authHeaders(phone.session),
    payload: { clientId: phone.clientId, ...body },
  });
}

function leave(phone: Phone, userId: string) {
  return app.inject({
    method: 'POST',
    url: '/api/auth/crew/leave',
    headers: authHeaders(phone.session),
    payload: { clientId: phone.clientId, userId },
  });
}

/** The phone's own person signs out (which ends the crew on it). */
function signOut(phone: Phone) {
  return app.inject({ method: 'POST', url: '/api/auth/sign-out', headers: authHeaders(phone.session), payload: {} });
}

async function crewIds(phone: Phone): Promise<string[]> {
  const res = await app.inject({
    method: 'GET',
    url: `/api/auth/crew?clientId=${phone.clientId}`,
    headers: authHeaders(phone.session),
  });
  expect(res.statusCode, res.body).toBe(200);
  return res
    .json<{ members: { id: string }[] }>()
    .members.map((m) => m.id)
    .sort();
}

function item(jobId: string, title: string) {
  return {
    id: newId(),
    title,
    description: '',
    jobId,
    siteId: world.siteId,
    ownerId: null,
    dueDate: null,
    priority: 'normal',
  };
}

/** A job assigned to tech1 and one to tech2 (buildWorld alternates them). */
const tech1Job = () => world.jobIds[1]!;
const tech2Job = () => world.jobIds[2]!;
/** The unassigned job, given to a newcomer by the test that needs one. */
const apprenticeJob = () => world.jobIds[0]!;

beforeAll(async () => {
  testDb = await createTestDb();
  const passwordHash = await hashPassword(PASSWORD);
  world = await buildWorld(testDb.db, { passwordHash, jobCount: 4 });
  other = await buildWorld(testDb.db, { passwordHash, jobCount: 1 });
  app = await buildApp({ db: testDb.db, config: parseEnv({}), listen: testDb.listen, logger: false });
});
afterAll(async () => {
  await app.close();
  await testDb.cleanup();
});

describe('crew mode', () => {
  it('adds a colleague only with their password, on the device the session syncs with', async () => {
    const phone = await newPhone(world.emails.tech1);
    // Before the phone has synced, the server cannot know which device this is.
    const early = await join(phone, { email: world.emails.lead, password: PASSWORD });
    expect(early.statusCode).toBe(409);
    expect(early.json<{ detail?: { key: string } }>().detail?.key).toBe('crew.syncFirst');
    await pulledJobs(phone);

    const wrong = await join(phone, { email: world.emails.lead, password: 'not it' });
    expect(wrong.statusCode).toBe(401);
    // Someone of another organization is "wrong email or password", not a hint that they exist.
    const foreign = await join(phone, { email: other.emails.tech1, password: PASSWORD });
    expect(foreign.statusCode).toBe(401);
    const office = await join(phone, { email: world.emails.office, password: PASSWORD });
    expect(office.statusCode).toBe(403);
    const self = await join(phone, { email: world.emails.tech1, password: PASSWORD });
    expect(self.statusCode).toBe(409);
    // Another device's client id: refused, the crew lives where the cookie syncs.
    const elsewhere = await join(
      { ...phone, clientId: `crew${newId().replaceAll('-', '')}` },
      {
        email: world.emails.lead,
        password: PASSWORD,
      },
    );
    expect(elsewhere.statusCode).toBe(409);

    const joined = await join(phone, { email: world.emails.lead, password: PASSWORD });
    expect(joined.statusCode, joined.body).toBe(200);
    expect(joined.json<{ id: string; role: string }>()).toMatchObject({ id: world.actors.lead.userId, role: 'lead' });
    expect(await crewIds(phone)).toEqual([world.actors.lead.userId, world.actors.tech1.userId].sort());
    // The joined session is never a cookie: nothing in the answer signs anyone in.
    expect(joined.cookies).toEqual([]);
  });

  it('applies a change made by a crew member as theirs, and refuses one named for anyone else', async () => {
    const phone = await newPhone(world.emails.tech1);
    await pulledJobs(phone);
    expect((await join(phone, { email: world.emails.lead, password: PASSWORD })).statusCode).toBe(200);

    const byLead = item(tech1Job(), 'Cracked cover — lead');
    expect(await push(phone, 'addOutstandingItem', byLead, world.actors.lead.userId)).toMatchObject({
      status: 'applied',
    });
    const byTech = item(tech1Job(), 'Loose bolt — tech');
    expect(await push(phone, 'addOutstandingItem', byTech)).toMatchObject({ status: 'applied' });
    // tech2 never signed in on this phone: the phone cannot act for them.
    const forged = item(tech1Job(), 'Forged');
    const refused = await push(phone, 'addOutstandingItem', forged, world.actors.tech2.userId);
    expect(refused).toMatchObject({ status: 'refused', code: 'forbidden' });
    expect(refused.reason).toMatch(/not signed in on this device/);

    const rows = await queryRows<{ id: string; created_by: string }>(
      testDb.db,
      sql`select id, created_by from outstanding_items where id in (${byLead.id}, ${byTech.id}, ${forged.id})`,
    );
    expect(Object.fromEntries(rows.map((r) => [r.id, r.created_by]))).toEqual({
      [byLead.id]: world.actors.lead.userId,
      [byTech.id]: world.actors.tech1.userId,
    });
    // The audit trail says who and on which device.
    const audit = await queryRows<{ user_id: string; client_id: string; entity_id: string }>(
      testDb.db,
      sql`select user_id, client_id, entity_id from audit_events where entity_id in (${byLead.id}, ${byTech.id})`,
    );
    expect(audit.map((a) => [a.entity_id, a.user_id, a.client_id]).sort()).toEqual(
      [
        [byLead.id, world.actors.lead.userId, phone.clientId],
        [byTech.id, world.actors.tech1.userId, phone.clientId],
      ].sort(),
    );
  });

  it('a crew member’s session on one phone does not let another phone act for them', async () => {
    const a = await newPhone(world.emails.tech1);
    await pulledJobs(a);
    expect((await join(a, { email: world.emails.lead, password: PASSWORD })).statusCode).toBe(200);
    const b = await newPhone(world.emails.tech1);
    await pulledJobs(b);
    expect(await push(b, 'addOutstandingItem', item(tech1Job(), 'From b'), world.actors.lead.userId)).toMatchObject({
      status: 'refused',
      code: 'forbidden',
    });
  });

  it('uploads the bytes of a crew member’s photo through the phone’s session, and no other phone’s', async () => {
    // tech2 hosts: the join budget (10 a minute per address and person) is tech1's no more.
    const phone = await newPhone(world.emails.tech2);
    await pulledJobs(phone);
    expect((await join(phone, { email: world.emails.lead, password: PASSWORD })).statusCode).toBe(200);
    const id = newId();
    const photo = {
      id,
      kind: 'job',
      jobId: tech2Job(),
      contentType: 'image/jpeg',
      size: 1000,
      sha256: 'a'.repeat(64),
      width: 640,
      height: 480,
      capturedAt: new Date().toISOString(),
    };
    expect(await push(phone, 'addAttachment', photo, world.actors.lead.userId)).toMatchObject({ status: 'applied' });
    const tus = (p: Phone) =>
      app.inject({
        method: 'POST',
        url: '/api/attachments/uploads',
        headers: {
          ...authHeaders(p.session),
          'tus-resumable': '1.0.0',
          'upload-length': '1000',
          'upload-metadata': `attachmentId ${Buffer.from(id).toString('base64')}`,
        },
      });
    // Another phone of the same technician, where the lead never signed in: not theirs to upload.
    const other = await newPhone(world.emails.tech2);
    await pulledJobs(other);
    expect((await tus(other)).statusCode).toBe(403);
    expect((await tus(phone)).statusCode).toBe(201);
  });

  it('pulls the work of everyone in the crew, and stops when they leave', async () => {
    const phone = await newPhone(world.emails.tech1);
    const before = await pulledJobs(phone);
    expect(before.jobs.has(tech1Job())).toBe(true);
    expect(before.jobs.has(tech2Job())).toBe(false);

    expect((await join(phone, { email: world.emails.lead, password: PASSWORD })).statusCode).toBe(200);
    // The lead's team scope joins the phone's: a reset brings the team's jobs.
    const withLead = await pulledJobs(phone);
    expect(withLead.reset).toBe(true);
    expect(withLead.jobs.has(tech2Job())).toBe(true);

    const left = await leave(phone, world.actors.lead.userId);
    expect(left.statusCode, left.body).toBe(200);
    expect(left.json<{ members: { id: string }[] }>().members.map((m) => m.id)).toEqual([world.actors.tech1.userId]);
    expect(
      await push(phone, 'addOutstandingItem', item(tech1Job(), 'After leaving'), world.actors.lead.userId),
    ).toMatchObject({
      status: 'refused',
    });
    expect((await pulledJobs(phone)).jobs.has(tech2Job())).toBe(false);
    // The phone's own person signs out with "Sign out", not by leaving.
    expect((await leave(phone, world.actors.tech1.userId)).statusCode).toBe(409);
  });

  it('holds the people of every crew member’s team (ADR 0051), and no longer once they leave', async () => {
    const south = await writeInOrg(testDb.db, world.orgId, async (tx, rec) => {
      const team = await createTeam(tx, rec, { orgId: world.orgId, name: 'South' });
      const make = async (key: string) =>
        createUser(tx, rec, {
          orgId: world.orgId,
          teamId: team.id,
          name: key,
          email: `${key}-${newId()}@test.lastmile.app`,
          role: 'technician',
          passwordHash: await hashPassword(PASSWORD),
        });
      return { member: await make('south-member'), mate: await make('south-mate') };
    });
    const phone = await newPhone(world.emails.tech2);
    const alone = await pulledJobs(phone);
    expect(alone.people.has(world.actors.tech1.userId)).toBe(true);
    expect(alone.people.has(south.mate.id)).toBe(false);

    expect((await join(phone, { email: south.member.email, password: PASSWORD })).statusCode).toBe(200);
    const together = await pulledJobs(phone);
    expect(together.people.has(south.member.id)).toBe(true);
    expect(together.people.has(south.mate.id)).toBe(true);
    expect(together.people.has(world.actors.tech1.userId)).toBe(true);

    expect((await leave(phone, south.member.id)).statusCode).toBe(200);
    const after = await pulledJobs(phone);
    expect(after.people.has(south.mate.id)).toBe(false);
    expect(after.people.has(world.actors.tech1.userId)).toBe(true);
  });

  it('ends the crew when the phone’s person signs out, and a deactivated member at once', async () => {
    // Another host: the join budget (10 a minute per address and person) is tech1's no more.
    const phone = await newPhone(world.emails.tech2);
    await pulledJobs(phone);
    expect((await join(phone, { email: world.emails.lead, password: PASSWORD })).statusCode).toBe(200);
    await testDb.db.execute(sql`update users set active = false where id = ${world.actors.lead.userId}`);
    expect(
      await push(phone, 'addOutstandingItem', item(tech2Job(), 'Deactivated'), world.actors.lead.userId),
    ).toMatchObject({
      status: 'refused',
    });
    await testDb.db.execute(sql`update users set active = true where id = ${world.actors.lead.userId}`);
    expect(await crewIds(phone)).toContain(world.actors.lead.userId);

    expect((await signOut(phone)).statusCode).toBe(204);
    const live = await queryRows<{ n: number }>(
      testDb.db,
      sql`select count(*)::int as n from sessions where client_id = ${phone.clientId} and revoked_at is null`,
    );
    expect(live[0]!.n).toBe(0);
  });

  it('keeps a member’s changes made on the phone before they were signed out of it from elsewhere, and refuses later ones saying why', async () => {
    // A day on the lead's phone without signal: the apprentice's work waits in its outbox while the
    // office signs them out everywhere (their own phone was lost), resets their password, or
    // deactivates them. What they did on this phone before that is still their work.
    const apprentice = await writeInOrg(testDb.db, world.orgId, async (tx, rec) =>
      createUser(tx, rec, {
        orgId: world.orgId,
        teamId: world.teamId,
        name: 'Apprentice',
        email: `apprentice-${newId()}@test.lastmile.app`,
        role: 'technician',
        passwordHash: await hashPassword(PASSWORD),
      }),
    );
    const phone = await newPhone(world.emails.lead);
    await pulledJobs(phone);
    expect((await join(phone, { email: apprentice.email, password: PASSWORD })).statusCode).toBe(200);
    // The apprentice's own job today (the lead hands it over from the phone).
    const assigned = await push(phone, 'assignJob', {
      jobId: apprenticeJob(),
      expectedAssigneeId: null,
      assigneeId: apprentice.id,
      handoffNote: 'Yours today',
    });
    expect(assigned, assigned.reason).toMatchObject({ status: 'applied' });
    const morning = new Date().toISOString();
    const before = item(apprenticeJob(), 'Cracked cover, found before the sign-out');
    const after = item(apprenticeJob(), 'Typed after the sign-out');
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await revokeUserSessions(testDb.db, { orgId: world.orgId, userId: apprentice.id })).toBe(1);
    const later = new Date(Date.now() + 1000).toISOString();

    expect(await push(phone, 'addOutstandingItem', before, apprentice.id, morning)).toMatchObject({
      status: 'applied',
    });
    const refused = await push(phone, 'addOutstandingItem', after, apprentice.id, later);
    expect(refused).toMatchObject({ status: 'refused', code: 'forbidden' });
    expect(refused.reason).toMatch(/signed out of this device at/);

    // Deactivated: their work before it is evidence of what was done, credited to them.
    const photoBefore = {
      id: newId(),
      kind: 'job',
      jobId: apprenticeJob(),
      contentType: 'image/jpeg',
      size: 1000,
      sha256: 'b'.repeat(64),
      width: 640,
      height: 480,
      capturedAt: morning,
    };
    await testDb.db.execute(sql`update users set active = false where id = ${apprentice.id}`);
    expect(await push(phone, 'addAttachment', photoBefore, apprentice.id, morning)).toMatchObject({
      status: 'applied',
    });
    const rows = await queryRows<{ id: string; by: string }>(
      testDb.db,
      sql`select id, created_by as by from outstanding_items where id in (${before.id}, ${after.id})
          union all select id, captured_by as by from attachments where id = ${photoBefore.id}`,
    );
    expect(Object.fromEntries(rows.map((r) => [r.id, r.by]))).toEqual({
      [before.id]: apprentice.id,
      [photoBefore.id]: apprentice.id,
    });
    // Their scopes left the phone with them: a pull no longer serves the apprentice's own work.
    expect(await crewIds(phone)).toEqual([world.actors.lead.userId]);
  });

  it('keeps the crew’s queued changes when the phone’s person signs out before they were sent', async () => {
    // Another host: the join budget (10 a minute per address and person) is tech1's no more.
    const phone = await newPhone(world.emails.tech2);
    await pulledJobs(phone);
    expect((await join(phone, { email: world.emails.lead, password: PASSWORD })).statusCode).toBe(200);
    const queued = item(tech2Job(), 'Written by the lead, still queued at sign-out');
    const madeAt = new Date().toISOString();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect((await signOut(phone)).statusCode).toBe(204);
    // "They stay on this phone and sync when you sign in again": the same phone, the same person.
    const back = { ...phone, session: await signInForTest(app, world.emails.tech2, PASSWORD) };
    expect(await push(back, 'addOutstandingItem', queued, world.actors.lead.userId, madeAt)).toMatchObject({
      status: 'applied',
    });
    const [row] = await queryRows<{ by: string }>(
      testDb.db,
      sql`select created_by as by from outstanding_items where id = ${queued.id}`,
    );
    expect(row?.by).toBe(world.actors.lead.userId);
  });

  it('refuses malformed crew requests with 400, never 500', async () => {
    const phone = await newPhone(world.emails.tech1);
    await pulledJobs(phone);
    for (const body of [
      { clientId: 'x', email: world.emails.lead, password: PASSWORD },
      { clientId: phone.clientId, email: 'not-an-email', password: PASSWORD },
      { clientId: phone.clientId, email: world.emails.lead, password: 'a\u0000b'.repeat(100) },
      { clientId: `${phone.clientId}\u0000`, email: world.emails.lead, password: PASSWORD },
    ]) {
      const res = await app.inject({
        method: 'POST',
        url: '/api/auth/crew',
        headers: authHeaders(phone.session),
        payload: body,
      });
      expect(res.statusCode, JSON.stringify(body)).toBeGreaterThanOrEqual(400);
      expect(res.statusCode).toBeLessThan(500);
    }
    const badLeave = await app.inject({
      method: 'POST',
      url: '/api/auth/crew/leave',
      headers: authHeaders(phone.session),
      payload: { clientId: phone.clientId, userId: 'nobody' },
    });
    expect(badLeave.statusCode).toBe(400);
    const badActor = await app.inject({
      method: 'POST',
      url: '/api/sync/push',
      headers: { ...authHeaders(phone.session), 'content-type': 'application/json' },
      payload: JSON.stringify({
        schemaVersion: SCHEMA_VERSION,
        clientId: phone.clientId,
        mutations: [
          {
            id: 1,
            name: 'updateJobNotes',
            args: { jobId: tech1Job(), notes: 'x' },
            clientTime: new Date().toISOString(),
            baseVersion: 0,
            actorId: 'lead',
          },
        ],
      }),
    });
    expect(badActor.statusCode).toBe(400);
  });
});
