import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId, type RefusedChange } from '@lastmile/domain';
import { SCHEMA_VERSION } from '@lastmile/sync';
import { processPush, queryRows, writeInOrg } from '@lastmile/sync/server';
import { buildApp } from '../../app.ts';
import { crewActor } from '../../auth/crew-sessions.ts';
import { hashPassword } from '../../auth/password.ts';
import { parseEnv } from '../../env.ts';
import { pushUnitOfWork, serverMutators } from '../../mutators/index.ts';
import { createTeam } from '../../services/create-team.ts';
import { createUser } from '../../services/create-user.ts';
import { authHeaders, signInForTest, type HttpSession } from '../../sync/http-session.ts';
import { buildWorld, publishWorldForm, type World } from '../../sync/test-world.ts';
import { createTestDb, type TestDb } from '../../test/test-db.ts';

/**
 * The review of refused changes names who made each one (ADR 0033): on a crew's phone, the member
 * who held it, not the phone's signed-in person; and a lead sees their team's people's refusals
 * by that same person.
 */
const PASSWORD = 'correct horse battery';
let testDb: TestDb;
let app: FastifyInstance;
let world: World;
/** A second team of the organization, South: its lead and a technician. */
let south: { leadEmail: string; techEmail: string; techId: string };

beforeAll(async () => {
  testDb = await createTestDb();
  const passwordHash = await hashPassword(PASSWORD);
  world = await buildWorld(testDb.db, { passwordHash, jobCount: 4 });
  south = await writeInOrg(testDb.db, world.orgId, async (tx, rec) => {
    const team = await createTeam(tx, rec, { orgId: world.orgId, name: 'South' });
    const person = (role: 'lead' | 'technician') =>
      createUser(tx, rec, {
        orgId: world.orgId,
        teamId: team.id,
        name: `south ${role} ${newId().slice(0, 4)}`,
        email: `south-${role}-${newId()}@test.lastmile.app`,
        role,
        passwordHash,
      });
    const lead = await person('lead');
    const tech = await person('technician');
    return { leadEmail: lead.email, techEmail: tech.email, techId: tech.id };
  });
  app = await buildApp({ db: testDb.db, config: parseEnv({}), listen: testDb.listen, logger: false });
});
afterAll(async () => {
  await app.close();
  await testDb.cleanup();
});

/** One phone: a cookie session and the sync client id of its replica, with its own mutation ids. */
type Phone = { session: HttpSession; clientId: string; next: number };

async function newPhone(email: string): Promise<Phone> {
  const phone = { session: await signInForTest(app, email, PASSWORD), clientId: `rr${newId()}`, next: 1 };
  // A crew joins only on the client the session syncs with, which a first pull records.
  const pull = await app.inject({
    method: 'POST',
    url: '/api/sync/pull',
    headers: authHeaders(phone.session),
    payload: { schemaVersion: SCHEMA_VERSION, clientId: phone.clientId, cursor: null },
  });
  expect(pull.statusCode, pull.body).toBe(200);
  return phone;
}

async function join(phone: Phone, email: string): Promise<void> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/auth/crew',
    headers: authHeaders(phone.session),
    payload: { clientId: phone.clientId, email, password: PASSWORD },
  });
  expect(res.statusCode, res.body).toBe(200);
}

type Made = { name: string; args: unknown; actorId?: string };

/** Pushes the changes as one batch; returns each one's mutation id and status. */
async function pushBatch(phone: Phone, made: Made[]): Promise<{ id: number; status: string }[]> {
  const mutations = made.map((m) => ({ id: phone.next++, clientTime: new Date().toISOString(), baseVersion: 0, ...m }));
  const res = await app.inject({
    method: 'POST',
    url: '/api/sync/push',
    headers: authHeaders(phone.session),
    payload: { schemaVersion: SCHEMA_VERSION, clientId: phone.clientId, mutations },
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ results: { id: number; status: string }[] }>().results;
}

/** Pushes the changes as one batch; every one is expected refused. Returns their mutation ids. */
async function pushRefused(phone: Phone, made: Made[]): Promise<number[]> {
  const results = await pushBatch(phone, made);
  expect(results.map((r) => r.status)).toEqual(made.map(() => 'refused'));
  return results.map((r) => r.id);
}

/** Who each of the phone's refusals is credited to in the review `email` sees, by mutation id. */
async function reviewedBy(email: string, phone: Phone): Promise<Record<number, string>> {
  const viewer = await signInForTest(app, email, PASSWORD);
  const res = await app.inject({ method: 'GET', url: '/api/sync/refused?limit=500', headers: authHeaders(viewer) });
  expect(res.statusCode, res.body).toBe(200);
  const items = res.json<{ items: RefusedChange[] }>().items.filter((i) => i.clientId === phone.clientId);
  return Object.fromEntries(items.map((i) => [i.mutationId, i.by.id]));
}

const notes = (jobId: unknown, actorId?: string): Made => ({
  name: 'updateJobNotes',
  args: { jobId, notes: 'from the van' },
  ...(actorId ? { actorId } : {}),
});
/** Jobs 1 and 3 are tech1's, job 2 tech2's (buildWorld alternates them), all of team North. */
const tech1Job = () => world.jobIds[1]!;
const tech2Job = () => world.jobIds[2]!;

describe('refused changes are credited to the person who made them', () => {
  it('names the crew member whose change was refused, not the phone’s person', async () => {
    const { tech1, tech2, lead } = world.actors;
    const phone = await newPhone(world.emails.tech1);
    await join(phone, world.emails.tech2);
    const [invalid, byMember, byHost, unknownMaker] = await pushRefused(phone, [
      // Refused before it runs (its arguments), so its maker is checked only for the credit.
      notes(42, tech2.userId),
      // tech2, holding tech1's phone, edits tech1's job: not theirs.
      notes(tech1Job(), tech2.userId),
      notes(tech2Job()),
      // The lead never joined this phone: the name is only the phone's claim.
      notes(tech1Job(), lead.userId),
    ]);
    const expected = {
      [invalid!]: tech2.userId,
      [byMember!]: tech2.userId,
      [byHost!]: tech1.userId,
      [unknownMaker!]: tech1.userId,
    };
    expect(await reviewedBy(world.emails.office, phone)).toEqual(expected);
    expect(await reviewedBy(world.emails.lead, phone)).toEqual(expected);
  });

  it('names the crew member in the run with a savepoint per mutation too', async () => {
    const phone = await newPhone(world.emails.tech1);
    await join(phone, world.emails.tech2);
    const id = phone.next++;
    const res = await processPush(
      testDb.db,
      world.actors.tech1,
      {
        schemaVersion: SCHEMA_VERSION,
        clientId: phone.clientId,
        mutations: [
          { id, clientTime: new Date().toISOString(), baseVersion: 0, ...notes(tech1Job(), world.actors.tech2.userId) },
        ],
      },
      serverMutators,
      { unitOfWork: pushUnitOfWork, crewActor, savepointsOnly: true },
    );
    expect(res.results).toMatchObject([{ id, status: 'refused' }]);
    const [row] = await queryRows<{ actor_id: string; user_id: string }>(
      testDb.db,
      sql`select actor_id, user_id from sync_mutation_results where client_id = ${phone.clientId} and mutation_id = ${id}`,
    );
    expect(row).toEqual({ actor_id: world.actors.tech2.userId, user_id: world.actors.tech1.userId });
  });

  it('names the phone’s person when there is no crew', async () => {
    const phone = await newPhone(world.emails.tech2);
    const [refused] = await pushRefused(phone, [notes(tech1Job())]);
    expect(await reviewedBy(world.emails.office, phone)).toEqual({ [refused!]: world.actors.tech2.userId });
  });

  it('shows a lead the refusals their own people made on another team’s phone, and not the other way round', async () => {
    const phone = await newPhone(world.emails.tech1);
    await join(phone, south.techEmail);
    const [noJob, northJob] = await pushRefused(phone, [notes(newId(), south.techId), notes(tech1Job(), south.techId)]);
    // South's lead: their technician's work, wherever it was done.
    expect(await reviewedBy(south.leadEmail, phone)).toEqual({ [noJob!]: south.techId, [northJob!]: south.techId });
    // North's lead: only what touched North's job; the phone being a North technician's is not a reason.
    expect(await reviewedBy(world.emails.lead, phone)).toEqual({ [northJob!]: south.techId });
  });

  it('names the phone’s person for refusals recorded before the maker was kept (migration 0023)', async () => {
    const phone = await newPhone(world.emails.tech1);
    await testDb.db
      .execute(sql`insert into sync_mutation_results (client_id, mutation_id, org_id, user_id, name, args, code, reason)
      values (${phone.clientId}, 1, ${world.orgId}, ${world.actors.tech1.userId}, 'updateJobNotes', '{}', 'forbidden', 'old')`);
    expect(await reviewedBy(world.emails.office, phone)).toEqual({ 1: world.actors.tech1.userId });
  });
});

describe('refused changes name their job', () => {
  const pushAll = async (phone: Phone, made: Made[]) => (await pushBatch(phone, made)).map((r) => r.status);

  async function jobsOf(phone: Phone): Promise<Record<number, string | null>> {
    const office = await signInForTest(app, world.emails.office, PASSWORD);
    const res = await app.inject({ method: 'GET', url: '/api/sync/refused?limit=500', headers: authHeaders(office) });
    const items = res.json<{ items: RefusedChange[] }>().items.filter((i) => i.clientId === phone.clientId);
    return Object.fromEntries(items.map((i) => [i.mutationId, i.job?.id ?? null]));
  }

  it('for a form change sent under the id a second device started the form with, and after a refused start', async () => {
    const version = await publishWorldForm(testDb.db, world, 'Van check', [
      { key: 'tyres', label: 'Tyres', type: 'shortText' },
    ]);
    const answer = (responseId: string): Made => ({
      name: 'setAnswer',
      args: { responseId, fieldKey: 'tyres', value: 'worn', capturedAt: new Date().toISOString() },
    });
    const start = (id: string, jobId: string): Made => ({
      name: 'startForm',
      args: { id, jobId, templateVersionId: version.id },
    });
    // The phone starts and submits the form; the tablet, offline, started the same form under its
    // own id (joined to the phone's) and answers it after the submission: refused, read-only.
    const phone = await newPhone(world.emails.tech1);
    const first = newId();
    expect(
      await pushAll(phone, [start(first, tech1Job()), { name: 'submitForm', args: { responseId: first } }]),
    ).toEqual(['applied', 'applied']);
    const tablet = await newPhone(world.emails.tech1);
    const second = newId();
    expect(await pushAll(tablet, [start(second, tech1Job()), answer(second)])).toEqual(['applied', 'refused']);
    // A start on a job that is not theirs is refused; the answers given to that form after it too.
    const third = newId();
    expect(await pushAll(tablet, [start(third, tech2Job()), answer(third)])).toEqual(['refused', 'refused']);

    expect(await jobsOf(tablet)).toEqual({ 2: tech1Job(), 3: tech2Job(), 4: tech2Job() });
  });

  it('for a change with invalid arguments whose ids are in upper case, as Swift writes them', async () => {
    const phone = await newPhone(world.emails.tech1);
    const tooLong = { name: 'updateJobNotes', args: { jobId: tech1Job().toUpperCase(), notes: 'x'.repeat(10_001) } };
    expect(await pushAll(phone, [tooLong])).toEqual(['refused']);
    expect(await jobsOf(phone)).toEqual({ 1: tech1Job() });
  });
});
