import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { driftReportSchema, newId, type DriftReport } from '@lastmile/domain';
import { SCHEMA_VERSION } from '@lastmile/sync';
import { queryRows, writeInOrg } from '@lastmile/sync/server';
import { buildApp } from '../../app.ts';
import { hashPassword } from '../../auth/password.ts';
import { parseEnv } from '../../env.ts';
import { createTeam } from '../../services/create-team.ts';
import { createUser } from '../../services/create-user.ts';
import { authHeaders, signInForTest, type HttpSession } from '../../sync/http-session.ts';
import { buildWorld, publishWorldForm, type World } from '../../sync/test-world.ts';
import { createTestDb, type TestDb } from '../../test/test-db.ts';

/**
 * The drift dashboard's numbers from work done through the real push route: two submissions,
 * one sent back with a comment on a field, one written hours after the job; a field nobody
 * fills; a silent device; an overdue item.
 */
const PASSWORD = 'correct horse battery';
const DAY = '?from=2026-11-21T00:00:00Z&to=2026-11-22T00:00:00Z';
let testDb: TestDb;
let app: FastifyInstance;
let world: World;
let versionId: string;
let s: Record<'tech1' | 'lead' | 'office' | 'otherLead', HttpSession>;
let sentBackJob: string;
let lateJob: string;
let onTimeJob: string;

type Result = { id: number; status: 'applied' | 'refused'; code?: string; reason?: string };

async function pushBatch(
  session: HttpSession,
  mutations: { id: number; name: string; args: unknown }[],
  clientTime: string,
) {
  const res = await app.inject({
    method: 'POST',
    url: '/api/sync/push',
    headers: { ...authHeaders(session), 'content-type': 'application/json' },
    payload: JSON.stringify({
      schemaVersion: SCHEMA_VERSION,
      clientId: `drift${newId().replaceAll('-', '')}`,
      mutations: mutations.map((m) => ({ ...m, clientTime, baseVersion: 0 })),
    }),
  });
  expect(res.statusCode).toBe(200);
  const results = res.json<{ results: Result[] }>().results;
  expect(results.filter((r) => r.status !== 'applied')).toEqual([]);
}

/** One of tech1's jobs done and submitted: completed at 09:00 on the phone, answers captured at `answeredAt`. */
async function submit(index: number, answeredAt: string, notes: string | null): Promise<string> {
  const jobId = world.jobIds[index]!;
  const responseId = newId();
  const answers = [
    { name: 'setAnswer', args: { responseId, fieldKey: 'co_ppm', value: 40, capturedAt: answeredAt } },
    ...(notes === null
      ? []
      : [{ name: 'setAnswer', args: { responseId, fieldKey: 'notes', value: notes, capturedAt: answeredAt } }]),
  ];
  await pushBatch(
    s.tech1,
    [
      { name: 'transitionJob', args: { jobId, to: 'in_progress' } },
      { name: 'transitionJob', args: { jobId, to: 'completed' } },
    ].map((m, i) => ({ id: i + 1, ...m })),
    '2026-11-21T09:00:00.000Z',
  );
  await pushBatch(
    s.tech1,
    [
      { name: 'startForm', args: { id: responseId, jobId, templateVersionId: versionId } },
      ...answers,
      { name: 'submitForm', args: { responseId } },
      { name: 'transitionJob', args: { jobId, to: 'submitted' } },
    ].map((m, i) => ({ id: i + 1, ...m })),
    answeredAt,
  );
  return responseId;
}

async function report(session: HttpSession, query = DAY): Promise<DriftReport> {
  const res = await app.inject({ method: 'GET', url: `/api/drift${query}`, headers: authHeaders(session) });
  expect(res.statusCode, res.body).toBe(200);
  return driftReportSchema.parse(res.json());
}

beforeAll(async () => {
  testDb = await createTestDb();
  const passwordHash = await hashPassword(PASSWORD);
  world = await buildWorld(testDb.db, { passwordHash, jobCount: 8 });
  const otherLead = await writeInOrg(testDb.db, world.orgId, async (tx, rec) => {
    const team = await createTeam(tx, rec, { orgId: world.orgId, name: 'South' });
    return createUser(tx, rec, {
      orgId: world.orgId,
      teamId: team.id,
      name: 'South lead',
      email: `south-${newId()}@test.lastmile.app`,
      role: 'lead',
      passwordHash,
    });
  });
  versionId = (
    await publishWorldForm(testDb.db, world, 'Boiler check', [
      { key: 'co_ppm', label: 'Flue gas CO', type: 'number', unit: 'ppm', min: 0, max: 100 },
      { key: 'notes', label: 'Appliance notes', type: 'shortText' },
    ])
  ).id;
  app = await buildApp({ db: testDb.db, config: parseEnv({}), listen: testDb.listen, logger: false });
  s = {
    tech1: await signInForTest(app, world.emails.tech1, PASSWORD),
    lead: await signInForTest(app, world.emails.lead, PASSWORD),
    office: await signInForTest(app, world.emails.office, PASSWORD),
    otherLead: await signInForTest(app, otherLead.email, PASSWORD),
  };

  // Job 1: answered on site, "notes" never filled; sent back with a comment on the CO reading.
  sentBackJob = world.jobIds[1]!;
  const responseId = await submit(1, '2026-11-21T09:00:00.000Z', null);
  const decide = (jobId: string, decision: string, fieldComments: unknown[]) =>
    pushBatch(
      s.office,
      [
        {
          id: 1,
          name: 'reviewJob',
          args: { id: newId(), jobId, round: 1, decision, comment: 'See the CO', fieldComments },
        },
      ],
      '2026-11-21T15:00:00.000Z',
    );
  await decide(sentBackJob, 'sent_back', [{ responseId, fieldKey: 'co_ppm', entryIndex: null, comment: 'Re-measure' }]);
  // Job 3: the form written four hours after the job was completed, notes "N/A"; approved.
  lateJob = world.jobIds[3]!;
  await submit(3, '2026-11-21T13:00:00.000Z', 'N/A');
  await decide(lateJob, 'approved', []);
  // Job 5: answered half an hour after, "notes" never filled; approved. (A sent-back form is a
  // draft again, so job 1's form is not among the submitted ones.)
  onTimeJob = world.jobIds[5]!;
  await submit(5, '2026-11-21T09:30:00.000Z', null);
  await decide(onTimeJob, 'approved', []);

  // A phone of tech1's that has not synced for ten days, and an item two days overdue.
  await testDb.db.execute(
    sql`insert into devices (id, org_id, client_id, last_user_id, name, last_seen_at)
        values (${newId()}, ${world.orgId}, ${`silent${newId()}`}, ${world.actors.tech1.userId}, 'Pixel 7',
          now() - interval '10 days')`,
  );
  // One that synced today but reported a change waiting for five days, and one that is fine.
  await testDb.db.execute(
    sql`insert into devices (id, org_id, client_id, last_user_id, name, last_seen_at, pending_count, oldest_pending_at)
        values (${newId()}, ${world.orgId}, ${`stuck${newId()}`}, ${world.actors.tech1.userId}, 'Galaxy A54',
          now(), 3, now() - interval '5 days'),
        (${newId()}, ${world.orgId}, ${`fine${newId()}`}, ${world.actors.tech1.userId}, 'iPhone 13',
          now(), 1, now() - interval '1 hour')`,
  );
  await pushBatch(
    s.tech1,
    [
      {
        id: 1,
        name: 'addOutstandingItem',
        args: {
          id: newId(),
          title: 'Replace the flue seal',
          description: '',
          jobId: sentBackJob,
          siteId: world.siteId,
          ownerId: world.actors.tech1.userId,
          dueDate: new Date(Date.now() - 2 * 86_400_000).toISOString().slice(0, 10),
          priority: 'high',
        },
      },
    ],
    '2026-11-21T10:00:00.000Z',
  );
});
afterAll(async () => {
  await app.close();
  await testDb.cleanup();
});

describe('GET /api/drift', () => {
  it('counts send backs per job, and names the field reviewers commented on', async () => {
    const r = await report(s.office);
    expect(r.jobs).toBe(8);
    expect(r.sendBack).toMatchObject({ reviewed: 3, sentBack: 1 });
    expect(r.sendBack.byTechnician).toEqual([
      { id: world.actors.tech1.userId, name: expect.any(String), reviewed: 3, sentBack: 1 },
    ]);
    expect(r.sendBack.byTeam).toEqual([{ id: world.teamId, name: 'North', reviewed: 3, sentBack: 1 }]);
    expect(r.sendBack.commentedFields).toEqual([
      expect.objectContaining({
        templateName: 'Boiler check',
        fieldKey: 'co_ppm',
        fieldLabel: 'Flue gas CO',
        count: 1,
      }),
    ]);
  });

  it('finds the field left empty or N/A on every submitted form, and not the one always answered', async () => {
    const r = await report(s.office);
    expect(r.skippedFields).toEqual([
      expect.objectContaining({ fieldKey: 'notes', fieldLabel: 'Appliance notes', count: 2, of: 2 }),
    ]);
  });

  it('flags the form written hours after the job, and done jobs without a photo', async () => {
    const r = await report(s.office);
    expect(r.lateForms).toMatchObject({ forms: 2, late: 1, medianMinutes: 135 });
    expect(r.lateForms.examples).toEqual([expect.objectContaining({ id: lateJob, figure: 240 })]);
    expect(r.noPhotos).toMatchObject({ done: 3, withoutPhoto: 3 });
    expect(r.noPhotos.examples.map((j) => j.id).sort()).toEqual([sentBackJob, lateJob, onTimeJob].sort());
  });

  it('lists the silent device and the overdue item by team', async () => {
    const r = await report(s.office);
    expect(r.staleDevices.map((d) => [d.name, d.pendingCount])).toEqual([
      ['Pixel 7', null],
      ['Galaxy A54', 3],
    ]);
    expect(r.overdueItems).toEqual([expect.objectContaining({ teamId: world.teamId, team: 'North', overdue: 1 })]);
  });

  it('narrows by the office table filters and period; a lead sees only their team', async () => {
    const other = await report(s.office, `${DAY}&assigneeId=${world.actors.tech2.userId}`);
    expect(other.sendBack.reviewed).toBe(0);
    expect(other.skippedFields).toEqual([]);
    const before = await report(s.office, '?from=2026-10-01T00:00:00Z&to=2026-11-01T00:00:00Z');
    expect(before.jobs).toBe(0);
    expect((await report(s.lead)).sendBack.reviewed).toBe(3);
    const south = await report(s.otherLead);
    expect(south).toMatchObject({ jobs: 0, sendBack: { reviewed: 0 }, staleDevices: [], overdueItems: [] });
  });

  it('answers mistakes in the query with 400, never 500', async () => {
    for (const query of [
      '?from=2026-11-22T00:00:00Z&to=2026-11-21T00:00:00Z',
      '?teamId=nope',
      '?from=yesterday',
      `?${Array.from({ length: 51 }, () => `jobTypeId=${world.teamId}`).join('&')}`,
    ]) {
      const res = await app.inject({ method: 'GET', url: `/api/drift${query}`, headers: authHeaders(s.office) });
      expect(res.statusCode, query).toBe(400);
    }
    // A NUL is removed from a query as from a body (ADR 0014): the date is read without it.
    const nul = await app.inject({
      method: 'GET',
      url: '/api/drift?from=2026-11-21T00:00:00Z%00&to=2026-11-25T00:00:00Z',
      headers: authHeaders(s.office),
    });
    const plain = await app.inject({
      method: 'GET',
      url: '/api/drift?from=2026-11-21T00:00:00Z&to=2026-11-25T00:00:00Z',
      headers: authHeaders(s.office),
    });
    expect([nul.statusCode, nul.json()]).toEqual([200, plain.json()]);
    const tech = await app.inject({ method: 'GET', url: '/api/drift', headers: authHeaders(s.tech1) });
    expect(tech.statusCode).toBe(403);
  });

  it('reads only what it is asked (no write, the report twice is the same)', async () => {
    const [before] = await queryRows<{ n: number }>(testDb.db, sql`select count(*)::int as n from audit_events`);
    expect(await report(s.office)).toEqual(await report(s.office));
    const [after] = await queryRows<{ n: number }>(testDb.db, sql`select count(*)::int as n from audit_events`);
    expect(after?.n).toBe(before?.n);
  });
});
