import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId, type ReviewRoundRow } from '@lastmile/domain';
import { SCHEMA_VERSION } from '@lastmile/sync';
import { queryRows, writeInOrg } from '@lastmile/sync/server';
import { buildApp } from '../app.ts';
import { hashPassword } from '../auth/password.ts';
import { parseEnv } from '../env.ts';
import { createTeam } from '../services/create-team.ts';
import { createUser } from '../services/create-user.ts';
import { authHeaders, signInForTest, type HttpSession } from '../sync/http-session.ts';
import { buildWorld, publishWorldForm, type World } from '../sync/test-world.ts';
import { createTestDb, type TestDb } from '../test/test-db.ts';

/**
 * The review loop through the real push route: who may decide, on which submission, with which
 * comments; concurrent reviewers; a send back reaching the technician and the resubmission.
 */
const PASSWORD = 'correct horse battery';
let testDb: TestDb;
let app: FastifyInstance;
let world: World;
let versionId: string;
let s: Record<'tech1' | 'lead' | 'office' | 'admin' | 'otherLead', HttpSession>;

type Result = { id: number; status: 'applied' | 'refused'; code?: string; reason?: string };

beforeAll(async () => {
  testDb = await createTestDb();
  const passwordHash = await hashPassword(PASSWORD);
  world = await buildWorld(testDb.db, { passwordHash, jobCount: 18 });
  const emails = await writeInOrg(testDb.db, world.orgId, async (tx, rec) => {
    const team = await createTeam(tx, rec, { orgId: world.orgId, name: 'South' });
    const person = (name: string, role: 'lead' | 'admin', teamId: string | null) =>
      createUser(tx, rec, {
        orgId: world.orgId,
        teamId,
        name,
        email: `${name}-${newId()}@test.lastmile.app`,
        role,
        passwordHash,
      });
    return {
      otherLead: (await person('south-lead', 'lead', team.id)).email,
      admin: (await person('admin', 'admin', null)).email,
    };
  });
  versionId = (
    await publishWorldForm(testDb.db, world, 'Boiler check', [
      { key: 'co_ppm', label: 'Flue gas CO', type: 'number', unit: 'ppm', min: 0, max: 100 },
      { key: 'notes', label: 'Notes', type: 'shortText' },
      {
        key: 'radiators',
        label: 'Radiators',
        type: 'group',
        fields: [{ key: 'rad_ok', label: 'Bleeds', type: 'yesNo' }],
      },
    ])
  ).id;
  app = await buildApp({ db: testDb.db, config: parseEnv({}), listen: testDb.listen, logger: false });
  s = {
    tech1: await signInForTest(app, world.emails.tech1, PASSWORD),
    lead: await signInForTest(app, world.emails.lead, PASSWORD),
    office: await signInForTest(app, world.emails.office, PASSWORD),
    admin: await signInForTest(app, emails.admin, PASSWORD),
    otherLead: await signInForTest(app, emails.otherLead, PASSWORD),
  };
});
afterAll(async () => {
  await app.close();
  await testDb.cleanup();
});

async function pushBatch(
  session: HttpSession,
  clientId: string,
  mutations: { id: number; name: string; args: unknown }[],
  baseVersion = 0,
) {
  const res = await app.inject({
    method: 'POST',
    url: '/api/sync/push',
    headers: { ...authHeaders(session), 'content-type': 'application/json' },
    payload: JSON.stringify({
      schemaVersion: SCHEMA_VERSION,
      clientId,
      mutations: mutations.map((m) => ({ ...m, clientTime: '2026-11-21T09:00:00.000Z', baseVersion })),
    }),
  });
  expect(res.statusCode).toBe(200);
  return res.json<{ results: Result[] }>().results;
}

const freshClient = () => `rev${newId().replaceAll('-', '')}`;
async function push(session: HttpSession, name: string, args: unknown): Promise<Result> {
  return (await pushBatch(session, freshClient(), [{ id: 1, name, args }]))[0]!;
}

/** Pulls to the head as `clientId` (a phone catching up); returns the version it has now seen. */
async function syncUp(session: HttpSession, clientId: string): Promise<number> {
  let cursor: string | null = null;
  for (;;) {
    const payload: Record<string, unknown> = { schemaVersion: SCHEMA_VERSION, clientId, cursor };
    const res = await app.inject({ method: 'POST', url: '/api/sync/pull', headers: authHeaders(session), payload });
    expect(res.statusCode).toBe(200);
    const page = res.json<{ cursor: string; more: boolean }>();
    cursor = page.cursor;
    if (!page.more) break;
  }
  const [row] = await queryRows<{ version: number }>(
    testDb.db,
    sql`select version::int as version from sync_org_versions where org_id = ${world.orgId}`,
  );
  return row!.version;
}

async function status(jobId: string): Promise<string> {
  const [row] = await queryRows<{ status: string }>(testDb.db, sql`select status from jobs where id = ${jobId}`);
  return row!.status;
}

async function rounds(jobId: string) {
  return queryRows<{ round: number; stage: string; decision: string; reviewer_id: string; comment: string }>(
    testDb.db,
    sql`select round, stage, decision, reviewer_id, comment from review_rounds where job_id = ${jobId} order by decided_at`,
  );
}

async function setMode(mode: 'office' | 'lead_then_office' | 'lead') {
  const res = await app.inject({
    method: 'PUT',
    url: '/api/admin/settings/review',
    headers: authHeaders(s.admin),
    payload: { mode },
  });
  expect(res.statusCode).toBe(200);
  expect(res.json()).toEqual({ mode });
}

/** Takes one of tech1's jobs to submitted with a filled form; returns the job and the form response. */
async function submittedJob(index: number): Promise<{ jobId: string; responseId: string }> {
  const jobId = world.jobIds[index]!;
  const responseId = newId();
  const at = '2026-11-21T09:00:00.000Z';
  const results = await pushBatch(s.tech1, freshClient(), [
    { id: 1, name: 'transitionJob', args: { jobId, to: 'in_progress' } },
    { id: 2, name: 'startForm', args: { id: responseId, jobId, templateVersionId: versionId } },
    { id: 3, name: 'setAnswer', args: { responseId, fieldKey: 'co_ppm', value: 40, capturedAt: at } },
    {
      id: 4,
      name: 'setAnswer',
      args: { responseId, fieldKey: 'radiators', value: [{ rad_ok: true }], capturedAt: at },
    },
    { id: 5, name: 'submitForm', args: { responseId } },
    { id: 6, name: 'transitionJob', args: { jobId, to: 'completed' } },
    { id: 7, name: 'transitionJob', args: { jobId, to: 'submitted' } },
  ]);
  expect(results.filter((r) => r.status !== 'applied')).toEqual([]);
  return { jobId, responseId };
}

const review = (jobId: string, extra: Record<string, unknown> = {}) => ({
  id: newId(),
  jobId,
  round: 1,
  decision: 'approved',
  comment: '',
  fieldComments: [],
  ...extra,
});

describe('who may review', () => {
  it('a technician never reviews, not even their own job', async () => {
    const { jobId } = await submittedJob(1);
    const r = await push(s.tech1, 'reviewJob', review(jobId));
    expect(r).toMatchObject({ status: 'refused', code: 'forbidden', reason: 'Technicians cannot review jobs.' });
    expect(await status(jobId)).toBe('submitted');
    expect(await rounds(jobId)).toEqual([]);
  });

  it('a lead only when the organization allows it, and only on their team', async () => {
    const { jobId } = await submittedJob(3);
    expect(await push(s.lead, 'reviewJob', review(jobId))).toMatchObject({
      status: 'refused',
      code: 'forbidden',
      reason: expect.stringMatching(/office reviews submissions/),
    });
    await setMode('lead');
    expect(await push(s.otherLead, 'reviewJob', review(jobId))).toMatchObject({
      status: 'refused',
      code: 'forbidden',
      reason: expect.stringMatching(/belongs to another team/),
    });
    expect(await push(s.lead, 'reviewJob', review(jobId))).toMatchObject({ status: 'applied' });
    expect(await status(jobId)).toBe('approved');
    expect(await rounds(jobId)).toMatchObject([{ round: 1, stage: 'lead', decision: 'approved' }]);
    await setMode('office');
  });

  it('lead then office: the lead approval passes the job on; a second lead decision is refused; the office decides', async () => {
    await setMode('lead_then_office');
    const { jobId } = await submittedJob(5);
    const queue = await app.inject({ method: 'GET', url: '/api/review/queue', headers: authHeaders(s.office) });
    const item = () => queue.json<{ items: { id: string; awaiting: string }[] }>().items.find((i) => i.id === jobId);
    expect(item()).toMatchObject({ awaiting: 'lead' });
    expect(await push(s.lead, 'reviewJob', review(jobId))).toMatchObject({ status: 'applied' });
    expect(await status(jobId)).toBe('submitted');
    expect(await push(s.lead, 'reviewJob', review(jobId))).toMatchObject({
      status: 'refused',
      code: 'conflict',
      reason: expect.stringMatching(/waiting for the office/),
    });
    const after = await app.inject({ method: 'GET', url: '/api/review/queue', headers: authHeaders(s.office) });
    expect(after.json<{ items: { id: string; awaiting: string }[] }>().items.find((i) => i.id === jobId)).toMatchObject(
      {
        awaiting: 'office',
      },
    );
    expect(await push(s.office, 'reviewJob', review(jobId))).toMatchObject({ status: 'applied' });
    expect(await status(jobId)).toBe('approved');
    expect((await rounds(jobId)).map((r) => r.stage)).toEqual(['lead', 'office']);
    await setMode('office');
  });
});

describe('the queue', () => {
  it('lists submitted jobs oldest first with counts; a lead sees only their team; filters narrow it', async () => {
    const jobId = world.jobIds[1]!; // submitted in the first test; every decision on it was refused
    const get = (session: HttpSession, qs = '') =>
      app.inject({ method: 'GET', url: `/api/review/queue${qs}`, headers: authHeaders(session) });
    const all = (await get(s.office)).json<{ items: { id: string; submittedAt: string }[]; total: number }>();
    expect(all.items.map((i) => i.id)).toContain(jobId);
    const times = all.items.map((i) => i.submittedAt);
    expect([...times].sort()).toEqual(times);
    expect(all.total).toBe(all.items.length);
    const byOther = (await get(s.office, `?assigneeId=${world.actors.tech2.userId}`)).json<{ total: number }>();
    expect(byOther.total).toBe(0);
    // Several technicians are "any of" them, as in the jobs table.
    const byBoth = await get(
      s.office,
      `?assigneeId=${world.actors.tech2.userId}&assigneeId=${world.actors.tech1.userId}`,
    );
    expect(byBoth.json<{ items: { id: string }[] }>().items.map((i) => i.id)).toContain(jobId);
    await setMode('lead');
    expect((await get(s.lead)).json<{ items: { id: string }[] }>().items.map((i) => i.id)).toContain(jobId);
    expect((await get(s.otherLead)).json<{ total: number }>().total).toBe(0);
    await setMode('office');
    expect((await get(s.lead)).statusCode).toBe(403);
    expect((await get(s.tech1)).statusCode).toBe(403);
  });

  it('keeps a waiting job’s submission time and place when it is edited meanwhile', async () => {
    const jobId = world.jobIds[1]!; // still submitted, the longest-waiting
    await submittedJob(17); // submitted after it
    const queue = async () =>
      (await app.inject({ method: 'GET', url: '/api/review/queue', headers: authHeaders(s.office) }))
        .json<{
          items: { id: string; submittedAt: string }[];
        }>()
        .items.map((i) => ({ id: i.id, submittedAt: i.submittedAt }));
    const before = await queue();
    // The technician adds a note after submitting; the office corrects the title.
    expect(await push(s.tech1, 'updateJobNotes', { jobId, notes: 'Gate code 1234' })).toMatchObject({
      status: 'applied',
    });
    expect(await push(s.office, 'updateJob', { jobId, title: 'Boiler service (typo fixed)' })).toMatchObject({
      status: 'applied',
    });
    const after = await queue();
    expect(after).toEqual(before);
    expect(after.findIndex((i) => i.id === jobId)).toBeLessThan(after.findIndex((i) => i.id === world.jobIds[17]));
  });
});

describe('deciding', () => {
  it('two reviewers deciding the same submission: one wins, the other gets a clear refusal', async () => {
    const { jobId } = await submittedJob(7);
    const [a, b] = await Promise.all([
      push(s.office, 'reviewJob', review(jobId)),
      push(s.admin, 'reviewJob', review(jobId, { decision: 'sent_back', comment: 'Redo it' })),
    ]);
    const outcomes = [a, b].map((r) => r.status).sort();
    expect(outcomes).toEqual(['applied', 'refused']);
    const loser = [a, b].find((r) => r.status === 'refused')!;
    expect(loser.reason).toMatch(/already (approved|sent back) by someone else.*your decision was not applied/);
    expect(await rounds(jobId)).toHaveLength(1);
  });

  it('refuses a comment on a field that does not exist, and on a group entry that does not exist', async () => {
    const { jobId, responseId } = await submittedJob(9);
    const bad = [
      { responseId, fieldKey: 'no_such_field', entryIndex: null, comment: 'What?' },
      { responseId, fieldKey: 'rad_ok', entryIndex: 3, comment: 'Which one?' },
      { responseId, fieldKey: 'rad_ok', entryIndex: null, comment: 'Which one?' },
      { responseId: newId(), fieldKey: 'co_ppm', entryIndex: null, comment: 'Other form' },
    ];
    for (const comment of bad) {
      const r = await push(s.office, 'reviewJob', review(jobId, { decision: 'sent_back', fieldComments: [comment] }));
      expect(r).toMatchObject({ status: 'refused', code: 'validation' });
    }
    expect(await status(jobId)).toBe('submitted');
    const noComment = await push(s.office, 'reviewJob', review(jobId, { decision: 'sent_back' }));
    expect(noComment).toMatchObject({ status: 'refused', reason: expect.stringMatching(/needs a comment/) });
  });

  it('stores NUL-free text and refuses a huge comment without blocking the queue', async () => {
    const { jobId, responseId } = await submittedJob(11);
    const results = await pushBatch(s.office, freshClient(), [
      { id: 1, name: 'reviewJob', args: review(jobId, { decision: 'sent_back', comment: 'x'.repeat(100_000) }) },
      {
        id: 2,
        name: 'reviewJob',
        args: review(jobId, {
          decision: 'sent_back',
          comment: 'Check\u0000 the flue',
          fieldComments: [{ responseId, fieldKey: 'rad_ok', entryIndex: 0, comment: 'Bleed\u0000 it' }],
        }),
      },
    ]);
    expect(results.map((r) => r.status)).toEqual(['refused', 'applied']);
    expect(results[0]!.code).toBe('validation');
    const [row] = await queryRows<{ comment: string; field_comments: ReviewRoundRow['fieldComments'] }>(
      testDb.db,
      sql`select comment, field_comments from review_rounds where job_id = ${jobId}`,
    );
    expect(row).toMatchObject({ comment: 'Check the flue', field_comments: [{ comment: 'Bleed it', entryIndex: 0 }] });
  });
});

describe('the loop', () => {
  it('send back reaches the technician with the comments; they fix and resubmit; round 2 sees what changed; a replay changes nothing', async () => {
    const { jobId, responseId } = await submittedJob(13);
    const sendBack = review(jobId, {
      decision: 'sent_back',
      comment: 'CO is too high',
      fieldComments: [{ responseId, fieldKey: 'co_ppm', entryIndex: null, comment: 'Measure again after cleaning' }],
    });
    const client = freshClient();
    expect(await pushBatch(s.office, client, [{ id: 1, name: 'reviewJob', args: sendBack }])).toMatchObject([
      { status: 'applied' },
    ]);
    // The same push again (a lost answer): the decision is not recorded twice.
    expect(await pushBatch(s.office, client, [{ id: 1, name: 'reviewJob', args: sendBack }])).toMatchObject([
      { status: 'applied' },
    ]);
    expect(await rounds(jobId)).toHaveLength(1);
    expect(await status(jobId)).toBe('sent_back');

    const pulled = await app.inject({
      method: 'POST',
      url: '/api/sync/pull',
      headers: authHeaders(s.tech1),
      payload: { schemaVersion: SCHEMA_VERSION, clientId: freshClient(), cursor: null },
    });
    const changes = pulled.json<{ changes: { entity: string; row?: ReviewRoundRow }[] }>().changes;
    const mine = changes.filter((c) => c.entity === 'reviewRounds' && c.row?.jobId === jobId);
    expect(mine).toHaveLength(1);
    // And in their inbox, once (the replay told nobody again), with the reviewer's words.
    const told = changes.filter(
      (c) => c.entity === 'notifications' && (c.row as { jobId?: string } | undefined)?.jobId === jobId,
    );
    expect(told.map((c) => c.row)).toEqual([
      expect.objectContaining({ kind: 'sent_back', body: 'CO is too high (1 comment on the form)' }),
    ]);
    expect(mine[0]!.row).toMatchObject({
      round: 1,
      decision: 'sent_back',
      comment: 'CO is too high',
      fieldComments: [{ fieldKey: 'co_ppm', comment: 'Measure again after cleaning' }],
    });

    // A stale decision on round 1 after the resubmission is refused.
    const at = '2026-11-21T10:00:00.000Z';
    const phone = freshClient();
    const seen = await syncUp(s.tech1, phone);
    expect(
      (
        await pushBatch(
          s.tech1,
          phone,
          [
            { id: 1, name: 'transitionJob', args: { jobId, to: 'in_progress' } },
            { id: 2, name: 'setAnswer', args: { responseId, fieldKey: 'co_ppm', value: 8, capturedAt: at } },
            { id: 3, name: 'submitForm', args: { responseId } },
            { id: 4, name: 'transitionJob', args: { jobId, to: 'completed' } },
            { id: 5, name: 'transitionJob', args: { jobId, to: 'submitted' } },
          ],
          seen,
        )
      ).map((r) => r.status),
    ).toEqual(Array(5).fill('applied'));
    expect(await push(s.office, 'reviewJob', review(jobId))).toMatchObject({
      status: 'refused',
      code: 'conflict',
      reason: expect.stringMatching(/resubmitted after you opened it/),
    });
    const queue = await app.inject({ method: 'GET', url: '/api/review/queue', headers: authHeaders(s.office) });
    expect(queue.json<{ items: { id: string; round: number }[] }>().items.find((i) => i.id === jobId)).toMatchObject({
      round: 2,
    });
    expect(await push(s.office, 'reviewJob', review(jobId, { round: 2 }))).toMatchObject({ status: 'applied' });
    const stored = await queryRows<{ round: number; answers: Record<string, unknown> }>(
      testDb.db,
      sql`select round, answers from review_rounds where job_id = ${jobId} order by round`,
    );
    expect(stored.map((r) => [r.round, r.answers[`${responseId}:co_ppm`]])).toEqual([
      [1, 40],
      [2, 8],
    ]);
  });

  it('a form submitted on a device that had not seen the send-back is refused, not closed again unchanged', async () => {
    const { jobId, responseId } = await submittedJob(15);
    // The technician's other device caught up before the office decided, then went offline.
    const tablet = freshClient();
    const seenBefore = await syncUp(s.tech1, tablet);
    const sendBack = review(jobId, {
      decision: 'sent_back',
      comment: 'CO reading missing a photo',
      fieldComments: [{ responseId, fieldKey: 'co_ppm', entryIndex: null, comment: 'Measure again' }],
    });
    expect(await push(s.office, 'reviewJob', sendBack)).toMatchObject({ status: 'applied' });
    const at = '2026-11-21T09:30:00.000Z';
    const offline = await pushBatch(
      s.tech1,
      tablet,
      [
        { id: 1, name: 'setAnswer', args: { responseId, fieldKey: 'notes', value: 'from the tablet', capturedAt: at } },
        { id: 2, name: 'submitForm', args: { responseId } },
      ],
      seenBefore,
    );
    expect(offline[0]).toMatchObject({ status: 'applied' });
    expect(offline[1]).toMatchObject({
      status: 'refused',
      code: 'conflict',
      reason: expect.stringMatching(/was sent back after this device last synced/),
    });
    const form = () =>
      queryRows<{ status: string; submitted_by: string | null }>(
        testDb.db,
        sql`select status, submitted_by from form_responses where id = ${responseId}`,
      );
    // Still open for the fix, with the tablet's answer on it.
    expect(await form()).toEqual([{ status: 'draft', submitted_by: null }]);
    const notes = await queryRows<{ value: unknown }>(
      testDb.db,
      sql`select value from form_answers where response_id = ${responseId} and field_key = 'notes'`,
    );
    expect(notes).toEqual([{ value: 'from the tablet' }]);

    // Once the tablet has seen the send-back, the technician fixes the reading and submits.
    const seenAfter = await syncUp(s.tech1, tablet);
    const fixed = await pushBatch(
      s.tech1,
      tablet,
      [
        { id: 3, name: 'transitionJob', args: { jobId, to: 'in_progress' } },
        { id: 4, name: 'setAnswer', args: { responseId, fieldKey: 'co_ppm', value: 9, capturedAt: at } },
        { id: 5, name: 'submitForm', args: { responseId } },
        { id: 6, name: 'transitionJob', args: { jobId, to: 'completed' } },
        { id: 7, name: 'transitionJob', args: { jobId, to: 'submitted' } },
      ],
      seenAfter,
    );
    expect(fixed.map((r) => r.status)).toEqual(Array(5).fill('applied'));
    expect((await form())[0]?.status).toBe('submitted');
    expect(await status(jobId)).toBe('submitted');
  });

  it('the older transitionJob path records its decision as a round too', async () => {
    const jobId = world.jobIds[9]!; // still submitted: every decision on it above was refused
    const r = await push(s.office, 'transitionJob', { jobId, to: 'sent_back', reason: 'Photos missing' });
    expect(r).toMatchObject({ status: 'applied' });
    expect(await rounds(jobId)).toMatchObject([
      { round: 1, stage: 'office', decision: 'sent_back', comment: 'Photos missing' },
    ]);
  });
});
