import { and, asc, eq, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId, type TemplateDefinitionInput } from '@lastmile/domain';
import { SCHEMA_VERSION } from '@lastmile/sync';
import { queryRows, writeInOrg } from '@lastmile/sync/server';
import { buildApp } from '../app.ts';
import { hashPassword } from '../auth/password.ts';
import { auditEvents, formAnswers, formResponses, jobTypes } from '../db/schema/index.ts';
import { parseEnv } from '../env.ts';
import { createUser } from '../services/create-user.ts';
import { authHeaders, signInForTest, type HttpSession } from '../sync/http-session.ts';
import { buildWorld, type World } from '../sync/test-world.ts';
import { createTestDb, type TestDb } from '../test/test-db.ts';

/**
 * Forms through the real routes: templates published over REST, answers pushed as mutations by
 * the people of a test organization, results read back from the database and the change log.
 */
const PASSWORD = 'correct horse battery';
let testDb: TestDb;
let app: FastifyInstance;
let world: World;
let other: World;
type Who = 'tech1' | 'tech2' | 'lead' | 'office' | 'otherOffice';
let sessions: Record<Who, HttpSession>;
const clients: Record<string, { id: string; next: number }> = {};

const boiler: TemplateDefinitionInput = {
  sections: [
    {
      key: 'appliance',
      title: 'Appliance',
      fields: [
        { key: 'make', label: 'Make', type: 'shortText', required: true },
        { key: 'co_ppm', label: 'Flue gas CO', type: 'number', unit: 'ppm', min: 0, max: 1000, required: true },
        {
          key: 'co_action',
          label: 'Action on high CO',
          type: 'longText',
          required: true,
          visibleWhen: { match: 'all', conditions: [{ field: 'co_ppm', op: 'greaterThan', value: 100 }] },
        },
        { key: 'flue', label: 'Flue integrity', type: 'passFail', required: true },
        { key: 'notice', label: 'Tell the customer', type: 'instructions' },
        { key: 'serial', label: 'Serial number', type: 'shortText' },
        { key: 'photos', label: 'Photos', type: 'photos', maxPhotos: 3 },
      ],
    },
    {
      key: 'rads',
      title: 'Radiators',
      fields: [
        {
          key: 'radiators',
          label: 'Radiator',
          type: 'group',
          fields: [{ key: 'room', label: 'Room', type: 'shortText', required: true }],
        },
      ],
    },
  ],
};

beforeAll(async () => {
  testDb = await createTestDb();
  const passwordHash = await hashPassword(PASSWORD);
  world = await buildWorld(testDb.db, { passwordHash, jobCount: 8 });
  other = await buildWorld(testDb.db, { passwordHash });
  app = await buildApp({ db: testDb.db, config: parseEnv({}), listen: testDb.listen, logger: false });
  sessions = {
    tech1: await signInForTest(app, world.emails.tech1, PASSWORD),
    tech2: await signInForTest(app, world.emails.tech2, PASSWORD),
    lead: await signInForTest(app, world.emails.lead, PASSWORD),
    office: await signInForTest(app, world.emails.office, PASSWORD),
    otherOffice: await signInForTest(app, other.emails.office, PASSWORD),
  };
});
afterAll(async () => {
  await app.close();
  await testDb.cleanup();
});

type Result = { id: number; status: 'applied' | 'refused'; code?: string; reason?: string };

/** Pulls everything, as a device does before it can have seen `baseVersion` (the server caps claims at what it served). */
async function catchUp(who: Who, clientId: string): Promise<void> {
  let cursor: string | null = null;
  for (;;) {
    const payload: Record<string, unknown> = { schemaVersion: SCHEMA_VERSION, clientId, cursor, limit: 20_000 };
    const res = await app.inject({
      method: 'POST',
      url: '/api/sync/pull',
      headers: authHeaders(sessions[who]),
      payload,
    });
    expect(res.statusCode, res.body).toBe(200);
    const page = res.json<{ cursor: string; more: boolean }>();
    cursor = page.cursor;
    if (!page.more) return;
  }
}

/** Pushes one mutation from the person's own client (ids 1, 2, 3…), with the base version they had seen. */
async function push(who: Who, name: string, args: unknown, baseVersion = 0, device = 'phone'): Promise<Result> {
  const client = (clients[`${who}/${device}`] ??= { id: `forms${who}${newId().slice(0, 8)}`, next: 1 });
  if (baseVersion > 0) await catchUp(who, client.id);
  const res = await app.inject({
    method: 'POST',
    url: '/api/sync/push',
    headers: { ...authHeaders(sessions[who]), 'content-type': 'application/json' },
    payload: JSON.stringify({
      schemaVersion: SCHEMA_VERSION,
      clientId: client.id,
      mutations: [{ id: client.next++, name, args, clientTime: '2026-11-21T09:00:00.000Z', baseVersion }],
    }),
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ results: Result[] }>().results[0]!;
}

async function request(who: Who, method: 'GET' | 'POST' | 'PUT' | 'PATCH', url: string, payload?: unknown) {
  return app.inject({
    method,
    url,
    headers: authHeaders(sessions[who]),
    ...(payload === undefined ? {} : { payload: payload as object }),
  });
}

async function orgVersion(): Promise<number> {
  const [row] = await queryRows<{ version: string }>(
    testDb.db,
    sql`select version from sync_org_versions where org_id = ${world.orgId}`,
  );
  return Number(row?.version ?? 0);
}

/** Creates and publishes a template over REST; returns its id and the version row. */
async function publish(definition: TemplateDefinitionInput, name = `Boiler ${newId().slice(0, 6)}`) {
  const created = await request('office', 'POST', '/api/form-templates', { name, definition });
  expect(created.statusCode, created.body).toBe(201);
  const templateId = created.json<{ id: string }>().id;
  const published = await request('office', 'POST', `/api/form-templates/${templateId}/publish`, {});
  expect(published.statusCode, published.body).toBe(201);
  return { templateId, version: published.json<{ id: string; version: number; name: string }>() };
}

async function startOn(who: Who, jobId: string, versionId: string): Promise<string> {
  const id = newId();
  expect(await push(who, 'startForm', { id, jobId, templateVersionId: versionId })).toMatchObject({
    status: 'applied',
  });
  return id;
}

const setAnswer = (who: Who, responseId: string, fieldKey: string, value: unknown, baseVersion = 0, device = 'phone') =>
  push(who, 'setAnswer', { responseId, fieldKey, value, capturedAt: '2026-11-21T08:59:00.000Z' }, baseVersion, device);

async function answer(responseId: string, fieldKey: string) {
  const [row] = await testDb.db
    .select()
    .from(formAnswers)
    .where(and(eq(formAnswers.responseId, responseId), eq(formAnswers.fieldKey, fieldKey)));
  return row;
}

async function jobTypeName(id: string) {
  const [row] = await testDb.db.select({ name: jobTypes.name }).from(jobTypes).where(eq(jobTypes.id, id));
  return row?.name;
}

/** The changes of the latest audit entry of `action` on the job. */
async function lastAudited(action: string, jobId: string) {
  const rows = await testDb.db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.action, action), eq(auditEvents.jobId, jobId)))
    .orderBy(asc(auditEvents.seq));
  return rows.at(-1)?.changes;
}

// buildWorld (8 jobs): job 0 unassigned, odd jobs tech1's, even jobs (from 2) tech2's; all in the lead's team.
const tech1Job = (n = 1) => world.jobIds[n]!;

describe('answers', () => {
  let versionId: string;
  let responseId: string;
  beforeAll(async () => {
    versionId = (await publish(boiler)).version.id;
    responseId = await startOn('tech1', tech1Job(1), versionId);
  });

  it('refuses an answer for a field that is not in the pinned version, a group child or an instructions block', async () => {
    expect(await setAnswer('tech1', responseId, 'colour', 'red')).toMatchObject({
      status: 'refused',
      code: 'validation',
      reason: expect.stringMatching(/^"colour" is not a field of version 1 of "Boiler/),
    });
    expect((await setAnswer('tech1', responseId, 'room', 'Hall')).reason).toMatch(/belongs to the group "Radiator"/);
    expect((await setAnswer('tech1', responseId, 'notice', 'read')).reason).toBe(
      '"Tell the customer" is an instructions block and takes no answer.',
    );
  });

  it('refuses wrong types and out-of-range values with the reason', async () => {
    expect(await setAnswer('tech1', responseId, 'co_ppm', '40')).toMatchObject({
      status: 'refused',
      reason: 'Flue gas CO: must be a number.',
    });
    expect((await setAnswer('tech1', responseId, 'co_ppm', 1200)).reason).toBe(
      'Flue gas CO: must be at most 1000 ppm.',
    );
    expect((await setAnswer('tech1', responseId, 'co_ppm', 12.5)).reason).toBe('Flue gas CO: must be a whole number.');
    expect((await setAnswer('tech1', responseId, 'flue', 'ok')).reason).toBe(
      'Flue integrity: must be pass, fail or N/A.',
    );
    expect((await setAnswer('tech1', responseId, 'radiators', [{ room: 3 }])).reason).toBe(
      'Radiator: 0.room: must be text.',
    );
    expect(await answer(responseId, 'co_ppm')).toBeUndefined();
  });

  it('stores a valid answer with who answered and the device time', async () => {
    expect(await setAnswer('tech1', responseId, 'co_ppm', 40)).toMatchObject({ status: 'applied' });
    expect(await answer(responseId, 'co_ppm')).toMatchObject({
      value: 40,
      answeredBy: world.actors.tech1.userId,
      capturedAt: new Date('2026-11-21T08:59:00.000Z'),
      conflict: false,
    });
  });

  it('joins a second start of the same form (answers sent to its id land in the one form), and refuses people not on the job', async () => {
    const second = newId();
    expect(await push('lead', 'startForm', { id: second, jobId: tech1Job(1), templateVersionId: versionId })).toEqual({
      id: expect.any(Number),
      status: 'applied',
    });
    expect(await setAnswer('lead', second, 'serial', 'SN-JOINED')).toMatchObject({ status: 'applied' });
    expect(await answer(responseId, 'serial')).toMatchObject({
      value: 'SN-JOINED',
      answeredBy: world.actors.lead.userId,
    });
    const [forms] = await queryRows<{ n: string }>(
      testDb.db,
      sql`select count(*) as n from form_responses where job_id = ${tech1Job(1)}`,
    );
    expect(Number(forms?.n)).toBe(1);
    // Its id cannot be reused for another job's form.
    expect(
      await push('lead', 'startForm', { id: second, jobId: tech1Job(3), templateVersionId: versionId }),
    ).toMatchObject({
      status: 'refused',
      code: 'conflict',
    });
    expect(await setAnswer('tech2', responseId, 'make', 'Ideal')).toMatchObject({
      status: 'refused',
      code: 'forbidden',
    });
    expect(await setAnswer('otherOffice', responseId, 'make', 'Ideal')).toMatchObject({
      status: 'refused',
      code: 'not_found',
    });
  });

  it('two people setting different fields both survive', async () => {
    const base = await orgVersion();
    expect(await setAnswer('tech1', responseId, 'make', 'Vaillant', base)).toMatchObject({ status: 'applied' });
    expect(await setAnswer('lead', responseId, 'serial', 'SN-1', base)).toMatchObject({ status: 'applied' });
    expect(await answer(responseId, 'make')).toMatchObject({ value: 'Vaillant', conflict: false, historyCount: 0 });
    expect(await answer(responseId, 'serial')).toMatchObject({
      value: 'SN-1',
      answeredBy: world.actors.lead.userId,
      conflict: false,
    });
  });

  it('the same field by two people: the later wins, the earlier goes to history and the answer is flagged', async () => {
    const base = await orgVersion();
    expect(await setAnswer('tech1', responseId, 'flue', 'pass', base)).toMatchObject({ status: 'applied' });
    // The lead had not seen the technician's value (their base is older): a real conflict.
    expect(await setAnswer('lead', responseId, 'flue', 'fail', base)).toMatchObject({ status: 'applied' });
    expect(await answer(responseId, 'flue')).toMatchObject({
      value: 'fail',
      answeredBy: world.actors.lead.userId,
      conflict: true,
      historyCount: 1,
    });

    const history = await request('lead', 'GET', `/api/form-responses/${responseId}/answers/flue/history`);
    expect(history.statusCode, history.body).toBe(200);
    expect(history.json()).toMatchObject({
      current: { value: 'fail', conflict: true, historyCount: 1, id: `${responseId}:flue` },
      history: [
        {
          value: 'pass',
          answeredBy: world.actors.tech1.userId,
          replacedBy: world.actors.lead.userId,
          concurrent: true,
        },
      ],
    });
    expect((await request('tech1', 'GET', `/api/form-responses/${responseId}/answers/flue/history`)).statusCode).toBe(
      403,
    );
    expect(
      (await request('otherOffice', 'GET', `/api/form-responses/${responseId}/answers/flue/history`)).statusCode,
    ).toBe(404);

    // An overwrite of a value the person had seen is kept in history too, but not flagged.
    expect(await setAnswer('tech1', responseId, 'make', 'Baxi', await orgVersion())).toMatchObject({
      status: 'applied',
    });
    expect(await setAnswer('lead', responseId, 'make', 'Worcester', await orgVersion())).toMatchObject({
      status: 'applied',
    });
    expect(await answer(responseId, 'make')).toMatchObject({ value: 'Worcester', conflict: false, historyCount: 1 });

    // The lead marks the conflict as checked; a technician may not.
    expect(await push('tech1', 'resolveAnswerConflict', { responseId, fieldKey: 'flue' })).toMatchObject({
      status: 'refused',
      code: 'forbidden',
    });
    expect(await push('lead', 'resolveAnswerConflict', { responseId, fieldKey: 'flue' })).toMatchObject({
      status: 'applied',
    });
    expect(await answer(responseId, 'flue')).toMatchObject({ conflict: false, historyCount: 1 });
  });
});

describe('one person on two devices', () => {
  it('an answer from a device that had not seen the other device’s value keeps that value in history, flagged; edits on one device replace each other quietly', async () => {
    const { version } = await publish(boiler, 'Boiler on a phone and a tablet');
    const form = await startOn('tech1', tech1Job(1), version.id);
    const base = await orgVersion();
    // Both offline since `base`: the phone answers, then the tablet, neither seeing the other.
    expect(await setAnswer('tech1', form, 'make', 'Vaillant (phone)', base)).toMatchObject({ status: 'applied' });
    expect(await setAnswer('tech1', form, 'make', 'Baxi (tablet)', base, 'tablet')).toMatchObject({
      status: 'applied',
    });
    expect(await answer(form, 'make')).toMatchObject({ value: 'Baxi (tablet)', conflict: true, historyCount: 1 });
    const history = await request('lead', 'GET', `/api/form-responses/${form}/answers/make/history`);
    expect(history.json()).toMatchObject({
      history: [{ value: 'Vaillant (phone)', answeredBy: world.actors.tech1.userId, concurrent: true }],
    });
    // A lead who had looked before the tablet's answer arrived cannot mark it as checked unseen.
    const resolve = (baseVersion: number) =>
      push('lead', 'resolveAnswerConflict', { responseId: form, fieldKey: 'make' }, baseVersion);
    expect(await resolve(base)).toMatchObject({ status: 'refused', code: 'conflict' });
    expect(await answer(form, 'make')).toMatchObject({ conflict: true });
    expect(await resolve(await orgVersion())).toMatchObject({ status: 'applied' });
    expect(await answer(form, 'make')).toMatchObject({ conflict: false });
    // Who cleared the flag is on the job's timeline.
    expect(await lastAudited('resolveAnswerConflict', tech1Job(1))).toEqual([
      { field: 'answerConflict', fieldKey: 'make', before: true, after: false },
    ]);

    // The tablet corrects its own answer (still offline): typing, not a conflict.
    expect(await setAnswer('tech1', form, 'make', 'Baxi 600 (tablet)', base, 'tablet')).toMatchObject({
      status: 'applied',
    });
    expect(await answer(form, 'make')).toMatchObject({ value: 'Baxi 600 (tablet)', historyCount: 1 });
    // The phone, having synced and seen the tablet's answer, changes it: nothing new kept.
    expect(await setAnswer('tech1', form, 'make', 'Baxi 800', await orgVersion())).toMatchObject({
      status: 'applied',
    });
    expect(await answer(form, 'make')).toMatchObject({ value: 'Baxi 800', historyCount: 1 });
  });
});

describe('photo fields answered on two phones (R6, R9)', () => {
  let responseId: string;
  const jobId = () => tech1Job(7);
  beforeAll(async () => {
    responseId = await startOn('tech1', jobId(), (await publish(boiler)).version.id);
  });

  async function photo(who: Who): Promise<string> {
    const id = newId();
    const args = {
      id,
      kind: 'answer',
      jobId: jobId(),
      responseId,
      fieldKey: 'photos',
      contentType: 'image/jpeg',
      size: 1000,
      sha256: 'ab'.repeat(32),
      width: 10,
      height: 10,
      capturedAt: '2026-11-21T08:59:00.000Z',
    };
    expect(await push(who, 'addAttachment', args)).toMatchObject({ status: 'applied' });
    return id;
  }

  it('keeps the photos each phone added, drops deleted ones, flags only what does not fit', async () => {
    const base = await orgVersion();
    const [a, b] = [await photo('tech1'), await photo('tech1')];
    expect(await setAnswer('tech1', responseId, 'photos', [a, b], base)).toMatchObject({ status: 'applied' });
    // The lead, offline since `base`, adds one: both phones' photos stay, nothing is lost or flagged.
    const c = await photo('lead');
    expect(await setAnswer('lead', responseId, 'photos', [c], base)).toMatchObject({ status: 'applied' });
    expect(await answer(responseId, 'photos')).toMatchObject({ value: [c, a, b], conflict: false, historyCount: 1 });

    // Someone who saw the list and removes a photo (a retake) is obeyed.
    expect(await push('tech1', 'deleteAttachment', { id: a })).toMatchObject({ status: 'applied' });
    expect(await setAnswer('tech1', responseId, 'photos', [c, b], await orgVersion())).toMatchObject({
      status: 'applied',
    });
    expect((await answer(responseId, 'photos'))?.value).toEqual([c, b]);

    // A phone that saw none of it sends two photos: one of the others fits (max 3), the other is
    // left out of the field — kept in the answer's history and on the job — and flagged.
    const [d, e] = [await photo('tech1'), await photo('tech1')];
    expect(await setAnswer('tech1', responseId, 'photos', [d, e], base)).toMatchObject({ status: 'applied' });
    expect(await answer(responseId, 'photos')).toMatchObject({ value: [d, e, c], conflict: true });
  });
});

describe('photo and signature answers name only the job’s own attachments', () => {
  const jobId = () => tech1Job(5);
  const attach = async (id: string, job: string, target: object, contentType = 'image/jpeg') =>
    push('tech1', 'addAttachment', {
      id,
      jobId: job,
      ...target,
      contentType,
      size: 1000,
      sha256: 'cd'.repeat(32),
      width: 10,
      height: 10,
      capturedAt: '2026-11-21T08:59:00.000Z',
    });

  it('leaves another job’s photo or an unknown id out of a photo list (also in a group), and refuses such a signature', async () => {
    const { version } = await publish({
      sections: [
        {
          key: 'visit',
          title: 'Visit',
          fields: [
            { key: 'pics', label: 'Photos', type: 'photos' },
            {
              key: 'rooms',
              label: 'Room',
              type: 'group',
              fields: [{ key: 'room_pic', label: 'Room photo', type: 'photos' }],
            },
            { key: 'sig', label: 'Customer signature', type: 'signature' },
          ],
        },
      ],
    });
    const responseId = await startOn('tech1', jobId(), version.id);
    const [own, signed, elsewhere] = [newId(), newId(), newId()];
    const onForm = (fieldKey: string) => ({ kind: 'answer', responseId, fieldKey });
    expect(await attach(own, jobId(), onForm('pics'))).toMatchObject({ status: 'applied' });
    expect(await attach(signed, jobId(), onForm('sig'), 'image/png')).toMatchObject({ status: 'applied' });
    // A photo of another job (another customer's house, say), on the same person's other job.
    expect(await attach(elsewhere, tech1Job(1), { kind: 'job' })).toMatchObject({ status: 'applied' });

    expect(await setAnswer('tech1', responseId, 'pics', [elsewhere, own, newId()])).toMatchObject({
      status: 'applied',
    });
    expect((await answer(responseId, 'pics'))?.value).toEqual([own]);
    expect(await setAnswer('tech1', responseId, 'rooms', [{ room_pic: [own, elsewhere] }])).toMatchObject({
      status: 'applied',
    });
    expect((await answer(responseId, 'rooms'))?.value).toEqual([{ room_pic: [own] }]);

    for (const id of [elsewhere, newId()]) {
      expect(await setAnswer('tech1', responseId, 'sig', id)).toMatchObject({
        status: 'refused',
        code: 'validation',
        reason: 'Customer signature: this signature was not taken on this job.',
      });
    }
    expect(await answer(responseId, 'sig')).toBeUndefined();
    expect(await setAnswer('tech1', responseId, 'sig', signed)).toMatchObject({ status: 'applied' });
    // A drawn signature still travelling as an image (older app versions) needs no attachment.
    expect(await setAnswer('tech1', responseId, 'sig', 'data:image/png;base64,iVBORw0KGgo=')).toMatchObject({
      status: 'applied',
    });
  });
});

describe('submit', () => {
  it('refuses with exactly what is missing (template and job-type rules), then accepts and locks the form; sending back reopens it', async () => {
    const { templateId, version } = await publish(boiler);
    const jobId = tech1Job(3);
    const [job] = await queryRows<{ job_type_id: string }>(
      testDb.db,
      sql`select job_type_id from jobs where id = ${jobId}`,
    );
    const rules = await request('office', 'PUT', `/api/job-types/${job!.job_type_id}/form-rules`, {
      templateId,
      keyFields: ['co_ppm', 'flue'],
      requiredFields: ['serial'],
    });
    expect(rules.statusCode, rules.body).toBe(200);
    expect(rules.json()).toMatchObject({ templateId, keyFields: ['co_ppm', 'flue'], requiredFields: ['serial'] });

    // A job of this type cannot go to the office before its form was filled in and submitted.
    const [template] = await queryRows<{ customer_id: string; site_id: string; team_id: string }>(
      testDb.db,
      sql`select customer_id, site_id, team_id from jobs where id = ${jobId}`,
    );
    const formless = newId();
    expect(
      await push('office', 'createJob', {
        id: formless,
        jobTypeId: job!.job_type_id,
        customerId: template!.customer_id,
        siteId: template!.site_id,
        teamId: template!.team_id,
        assigneeId: world.actors.tech1.userId,
        priority: 'normal',
        scheduledStart: '2026-11-21T10:00:00.000Z',
        scheduledEnd: '2026-11-21T11:00:00.000Z',
        title: 'No form yet',
        notes: '',
        externalRef: null,
      }),
    ).toMatchObject({ status: 'applied' });
    for (const to of ['in_progress', 'completed'])
      expect(await push('tech1', 'transitionJob', { jobId: formless, to })).toMatchObject({ status: 'applied' });
    expect(await push('tech1', 'transitionJob', { jobId: formless, to: 'submitted' })).toMatchObject({
      status: 'refused',
      reason: expect.stringMatching(/fill in and submit the ".+" form before submitting the job/),
    });

    const responseId = await startOn('tech1', jobId, version.id);
    await setAnswer('tech1', responseId, 'co_ppm', 150);
    await setAnswer('tech1', responseId, 'radiators', [{ room: 'Hall' }, { room: '' }]);
    const refused = await push('tech1', 'submitForm', { responseId });
    expect(refused).toMatchObject({ status: 'refused', code: 'validation' });
    expect(refused.reason).toBe(
      `The "${version.name}" form cannot be submitted yet (5 problems): ` +
        'Make: an answer is required. Action on high CO: an answer is required. Flue integrity: an answer is required. Serial number: an answer is required. Radiator 2: Room: an answer is required.',
    );

    for (const [key, value] of [
      ['make', 'Ideal'],
      ['co_action', 'Capped off, advised customer'],
      ['flue', 'pass'],
      ['serial', 'SN-9'],
      ['radiators', [{ room: 'Hall' }]],
    ] as const) {
      expect(await setAnswer('tech1', responseId, key, value)).toMatchObject({ status: 'applied' });
    }
    expect(await push('tech1', 'submitForm', { responseId })).toMatchObject({ status: 'applied' });
    expect(await setAnswer('tech1', responseId, 'make', 'Baxi')).toMatchObject({
      status: 'refused',
      reason: expect.stringMatching(/was submitted; it is read-only until it is sent back/),
    });
    expect(await push('tech1', 'reopenForm', { responseId })).toMatchObject({ status: 'refused', code: 'forbidden' });
    // The lead finds the refused answer in the team's review list, tied to its job through the form.
    const review = await request('lead', 'GET', '/api/sync/refused');
    expect(review.json<{ items: { name: string; job: { id: string } | null }[] }>().items).toContainEqual(
      expect.objectContaining({ name: 'setAnswer', job: expect.objectContaining({ id: jobId }) }),
    );

    for (const to of ['in_progress', 'completed'])
      expect(await push('tech1', 'transitionJob', { jobId, to })).toMatchObject({ status: 'applied' });
    expect(await push('tech1', 'transitionJob', { jobId, to: 'submitted' })).toMatchObject({ status: 'applied' });
    // The job's forms are closed now: a lead cannot reopen one (it would only erase who submitted
    // it, and the technician could not answer it again); sending the job back reopens them.
    expect(await push('lead', 'reopenForm', { responseId })).toMatchObject({
      status: 'refused',
      code: 'conflict',
      reason: expect.stringMatching(/is submitted: its forms can no longer be changed/),
    });
    const [closed] = await testDb.db.select().from(formResponses).where(eq(formResponses.id, responseId));
    expect(closed).toMatchObject({ status: 'submitted', submittedBy: world.actors.tech1.userId });
    expect(
      await push('office', 'transitionJob', { jobId, to: 'sent_back', reason: 'Photo of the flue missing' }),
    ).toMatchObject({ status: 'applied' });
    const [response] = await testDb.db.select().from(formResponses).where(eq(formResponses.id, responseId));
    expect(response).toMatchObject({ status: 'draft', submittedAt: null });
    // The send-back's entry says which forms it reopened, as a lead's reopenForm would.
    expect(await lastAudited('transitionJob', jobId)).toContainEqual({
      field: 'formStatus',
      fieldKey: responseId,
      before: 'submitted',
      after: 'draft',
    });
    expect(await setAnswer('tech1', responseId, 'make', 'Baxi')).toMatchObject({ status: 'applied' });
    // The job cannot go back to the office while its form is a draft again.
    for (const to of ['in_progress', 'completed'])
      expect(await push('tech1', 'transitionJob', { jobId, to })).toMatchObject({ status: 'applied' });
    expect(await push('tech1', 'transitionJob', { jobId, to: 'submitted' })).toMatchObject({
      status: 'refused',
      reason: expect.stringMatching(/submit the ".+" form before submitting the job/),
    });

    // Taking the form off the job type again.
    const cleared = await request('office', 'PUT', `/api/job-types/${job!.job_type_id}/form-rules`, {
      templateId: null,
      keyFields: [],
      requiredFields: [],
    });
    expect(cleared.statusCode, cleared.body).toBe(200);
    const [type] = await testDb.db.select().from(jobTypes).where(eq(jobTypes.id, job!.job_type_id));
    expect(type).toMatchObject({ templateId: null, keyFields: [], requiredFields: [] });
  });
});

describe('a lead’s reopen and a second phone', () => {
  it('a submit from a device that had not seen the lead reopen the form is refused, not closing it again unchanged', async () => {
    const { version } = await publish({
      sections: [{ key: 's', title: 'Check', fields: [{ key: 'reading', label: 'Reading', type: 'number' }] }],
    });
    const jobId = tech1Job(5);
    const responseId = await startOn('tech1', jobId, version.id);
    expect(await setAnswer('tech1', responseId, 'reading', 4)).toMatchObject({ status: 'applied' });
    // The technician's tablet synced while the form was a draft, then lost signal.
    const seenBefore = await orgVersion();
    expect(await push('tech1', 'submitForm', { responseId })).toMatchObject({ status: 'applied' });
    expect(await push('lead', 'reopenForm', { responseId })).toMatchObject({ status: 'applied' });
    const stale = await push('tech1', 'submitForm', { responseId }, seenBefore, 'tablet');
    expect(stale).toMatchObject({ status: 'refused', code: 'conflict' });
    expect(stale.reason).toMatch(/was reopened after this device last synced; it was not submitted/);
    const [open] = await testDb.db.select().from(formResponses).where(eq(formResponses.id, responseId));
    expect(open).toMatchObject({ status: 'draft', submittedAt: null, reopenedBy: world.actors.lead.userId });
    // Once the tablet has seen the reopen, its submit goes through.
    expect(await setAnswer('tech1', responseId, 'reading', 5, await orgVersion(), 'tablet')).toMatchObject({
      status: 'applied',
    });
    expect(await push('tech1', 'submitForm', { responseId }, await orgVersion(), 'tablet')).toMatchObject({
      status: 'applied',
    });
    // The lead who reopened a form knows it: their own submit from a device behind is not refused.
    const seenByLead = await orgVersion();
    expect(await push('lead', 'reopenForm', { responseId }, seenByLead)).toMatchObject({ status: 'applied' });
    expect(await push('lead', 'submitForm', { responseId }, seenByLead, 'tablet')).toMatchObject({
      status: 'applied',
    });
  });
});

describe('versions', () => {
  it('an old-version response keeps working after a new version is published, and a draft can move to it', async () => {
    const { templateId, version: v1 } = await publish(boiler);
    const responseId = await startOn('tech1', tech1Job(5), v1.id);
    await setAnswer('tech1', responseId, 'make', 'Ideal');
    await setAnswer('tech1', responseId, 'flue', 'fail');
    await setAnswer('tech1', responseId, 'co_ppm', 600);

    const v2Definition: TemplateDefinitionInput = {
      sections: [
        {
          key: 'appliance',
          title: 'Appliance',
          fields: [
            { key: 'make', label: 'Manufacturer', type: 'shortText', required: true },
            { key: 'co_ppm', label: 'Flue gas CO', type: 'number', unit: 'ppm', min: 0, max: 500 },
            { key: 'flue', label: 'Flue OK', type: 'yesNo' },
            { key: 'model', label: 'Model', type: 'shortText' },
          ],
        },
      ],
    };
    const saved = await request('office', 'PUT', `/api/form-templates/${templateId}`, {
      name: 'Boiler v2',
      definition: v2Definition,
    });
    expect(saved.statusCode, saved.body).toBe(200);
    const published = await request('office', 'POST', `/api/form-templates/${templateId}/publish`, {});
    expect(published.json()).toMatchObject({ version: 2, name: 'Boiler v2' });
    const v2 = published.json<{ id: string }>();

    // The draft still pins version 1: its fields still work, version 2's new field does not.
    expect(await setAnswer('tech1', responseId, 'serial', 'SN-1')).toMatchObject({ status: 'applied' });
    expect(await setAnswer('tech1', responseId, 'model', 'X1')).toMatchObject({
      status: 'refused',
      reason: expect.stringMatching(/"model" is not a field of version 1/),
    });

    // Moving: answers carried by key when still valid; the rest kept in history, not lost.
    expect(await push('tech1', 'moveFormToVersion', { responseId, templateVersionId: v2.id })).toMatchObject({
      status: 'applied',
    });
    const [response] = await testDb.db.select().from(formResponses).where(eq(formResponses.id, responseId));
    expect(response?.templateVersionId).toBe(v2.id);
    expect(await answer(responseId, 'make')).toMatchObject({ value: 'Ideal' });
    for (const gone of ['flue', 'co_ppm', 'serial']) expect(await answer(responseId, gone)).toBeUndefined();
    const history = await request('office', 'GET', `/api/form-responses/${responseId}/answers/co_ppm/history`);
    expect(history.json()).toMatchObject({ current: null, history: [{ value: 600, concurrent: false }] });
    expect(await setAnswer('tech1', responseId, 'model', 'X1')).toMatchObject({ status: 'applied' });

    const versions = await request('office', 'GET', `/api/form-templates/${templateId}/versions`);
    expect(versions.json()).toMatchObject({
      versions: [
        {
          version: 2,
          name: 'Boiler v2',
          publishedBy: world.actors.office.userId,
          changes: expect.arrayContaining(['Field "Model" (model) added to section "Appliance"']),
        },
        { version: 1, changes: ['First version'] },
      ],
    });
    const diff = await request('office', 'GET', `/api/form-templates/${templateId}/versions/1/diff/2`);
    expect(diff.json<{ changes: { summary: string }[] }>().changes.map((c) => c.summary)).toContain(
      'Field "Flue gas CO" (co_ppm) changed: No longer required; Maximum: 1000 → 500',
    );
    expect((await request('office', 'GET', `/api/form-templates/${templateId}/versions/1/diff/9`)).statusCode).toBe(
      404,
    );
    // Past PostgreSQL's integer: no such version, said as a 400, never a 500 (found by the schema fuzzer).
    const huge = await request('office', 'GET', `/api/form-templates/${templateId}/versions/99999999999/diff/1`);
    expect(huge.statusCode, huge.body).toBe(400);
  });

  it('a move that would drop an answer another device wrote since the mover last looked is refused until they have seen it; the trail keeps what a move dropped', async () => {
    const { templateId, version: v1 } = await publish(boiler);
    const responseId = await startOn('tech1', tech1Job(3), v1.id);
    expect(await setAnswer('tech1', responseId, 'make', 'Ideal')).toMatchObject({ status: 'applied' });
    const base = await orgVersion();
    // Offline since `base`: the tablet answers the serial number, a field version 2 drops.
    expect(await setAnswer('tech1', responseId, 'serial', 'SN-9', base, 'tablet')).toMatchObject({
      status: 'applied',
    });
    const saved = await request('office', 'PUT', `/api/form-templates/${templateId}`, {
      name: 'Boiler without serial',
      definition: {
        sections: [
          {
            key: 'appliance',
            title: 'Appliance',
            fields: [{ key: 'make', label: 'Manufacturer', type: 'shortText', required: true }],
          },
        ],
      },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    const published = await request('office', 'POST', `/api/form-templates/${templateId}/publish`, {});
    expect(published.statusCode, published.body).toBe(201);
    const v2 = published.json<{ id: string }>();

    // The phone, which never saw the serial, moves the form: refused, and the serial stays.
    const move = (baseVersion: number) =>
      push('tech1', 'moveFormToVersion', { responseId, templateVersionId: v2.id }, baseVersion);
    expect(await move(base)).toMatchObject({
      status: 'refused',
      code: 'conflict',
      reason: expect.stringMatching(/"serial" arrived after you last looked at this form, and version 2 drops/),
    });
    expect(await answer(responseId, 'serial')).toMatchObject({ value: 'SN-9' });
    const [still] = await testDb.db.select().from(formResponses).where(eq(formResponses.id, responseId));
    expect(still?.templateVersionId).toBe(v1.id);

    // Once it has synced and seen it, the move goes ahead: the serial leaves the form for its
    // history, and the move's audit entry records both the version and the dropped answer.
    expect(await move(await orgVersion())).toMatchObject({ status: 'applied' });
    expect(await answer(responseId, 'serial')).toBeUndefined();
    expect(await answer(responseId, 'make')).toMatchObject({ value: 'Ideal' });
    expect(await lastAudited('moveFormToVersion', tech1Job(3))).toEqual([
      { field: 'formVersion', before: 1, after: 2 },
      { field: 'answer', fieldKey: 'serial', before: 'SN-9', after: null },
    ]);
  });

  it('a move that would drop part of a group answer (a child field) another device wrote since the mover last looked is refused too', async () => {
    const withTrv: TemplateDefinitionInput = {
      sections: [
        {
          key: 'rads',
          title: 'Radiators',
          fields: [
            {
              key: 'radiators',
              label: 'Radiator',
              type: 'group',
              fields: [
                { key: 'room', label: 'Room', type: 'shortText', required: true },
                { key: 'trv', label: 'TRV fitted', type: 'yesNo' },
              ],
            },
          ],
        },
      ],
    };
    const { templateId, version: v1 } = await publish(withTrv);
    const responseId = await startOn('tech1', tech1Job(3), v1.id);
    const hall = [{ room: 'Hall', trv: null }];
    expect(await setAnswer('tech1', responseId, 'radiators', hall)).toMatchObject({ status: 'applied' });
    const base = await orgVersion();
    // Offline since `base`: the tablet records the TRVs and a second radiator; version 2 has no TRV field.
    const written = [
      { room: 'Hall', trv: true },
      { room: 'Bedroom', trv: false },
    ];
    expect(await setAnswer('tech1', responseId, 'radiators', written, base, 'tablet')).toMatchObject({
      status: 'applied',
    });
    const saved = await request('office', 'PUT', `/api/form-templates/${templateId}`, {
      name: 'Radiators without TRV',
      definition: {
        sections: [
          {
            key: 'rads',
            title: 'Radiators',
            fields: [
              {
                key: 'radiators',
                label: 'Radiator',
                type: 'group',
                fields: [{ key: 'room', label: 'Room', type: 'shortText', required: true }],
              },
            ],
          },
        ],
      },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    const published = await request('office', 'POST', `/api/form-templates/${templateId}/publish`, {});
    expect(published.statusCode, published.body).toBe(201);
    const v2 = published.json<{ id: string }>();

    // The phone never saw the TRVs: moving would keep the rooms and leave them only in the history,
    // unflagged. Refused, naming the child field; the answer stays whole.
    const move = (baseVersion: number) =>
      push('tech1', 'moveFormToVersion', { responseId, templateVersionId: v2.id }, baseVersion);
    expect(await move(base)).toMatchObject({
      status: 'refused',
      code: 'conflict',
      reason: expect.stringMatching(/"radiators\.trv" arrived after you last looked at this form, and version 2 drops/),
    });
    expect(await answer(responseId, 'radiators')).toMatchObject({ value: written });

    // Once it has seen them, the move goes ahead; the rooms carry over and the TRVs are in the history.
    expect(await move(await orgVersion())).toMatchObject({ status: 'applied' });
    expect(await answer(responseId, 'radiators')).toMatchObject({ value: [{ room: 'Hall' }, { room: 'Bedroom' }] });
    const history = await request('office', 'GET', `/api/form-responses/${responseId}/answers/radiators/history`);
    expect(history.json<{ history: { value: unknown }[] }>().history.map((h) => h.value)).toContainEqual(written);
  });

  it('exports a template as JSON and imports it as a new draft', async () => {
    const { templateId } = await publish(boiler, 'Exported boiler');
    const exported = await request('office', 'GET', `/api/form-templates/${templateId}/export`);
    expect(exported.statusCode).toBe(200);
    expect(exported.headers['content-disposition']).toBe('attachment; filename="exported-boiler.json"');
    const imported = await request('office', 'POST', '/api/form-templates/import', {
      ...exported.json<object>(),
      name: 'Imported boiler',
    });
    expect(imported.statusCode, imported.body).toBe(201);
    expect(imported.json()).toMatchObject({ name: 'Imported boiler', latestVersion: null, issues: [] });
    const bad = await request('office', 'POST', '/api/form-templates/import', {
      format: 'lastmile.form-template',
      formatVersion: 1,
      name: 'Bad',
      definition: { sections: [] },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ issues: [{ path: 'sections', message: 'needs at least one section' }] });
  });
});

describe('publish refusals', () => {
  async function refusal(definition: TemplateDefinitionInput) {
    const created = await request('office', 'POST', '/api/form-templates', { name: 'Broken', definition });
    const templateId = created.json<{ id: string }>().id;
    const res = await request('office', 'POST', `/api/form-templates/${templateId}/publish`, {});
    expect(res.statusCode).toBe(400);
    const versions = await request('office', 'GET', `/api/form-templates/${templateId}/versions`);
    expect(versions.json()).toEqual({ versions: [] });
    return res.json<{ code: string; message: string; issues: { path: string; message: string }[] }>();
  }
  const field = (key: string, extra: object = {}) => ({
    key,
    label: key.toUpperCase(),
    type: 'yesNo' as const,
    ...extra,
  });

  it('refuses duplicate keys', async () => {
    const body = await refusal({ sections: [{ key: 's', title: 'S', fields: [field('a'), field('a')] }] });
    expect(body).toMatchObject({
      code: 'validation',
      issues: [{ path: 'sections.0.fields.1.key', message: expect.stringMatching(/^Key "a" is used twice/) }],
    });
    expect(body.message).toMatch(/^"Broken" cannot be published \(1 problem\): Key "a" is used twice/);
  });

  it('refuses missing, later and circular references', async () => {
    const when = (f: string) => ({
      visibleWhen: { match: 'all' as const, conditions: [{ field: f, op: 'answered' as const }] },
    });
    const body = await refusal({
      sections: [
        {
          key: 's',
          title: 'S',
          fields: [
            field('a', when('ghost')),
            field('b', when('c')),
            field('c', when('b')),
            field('d', when('e')),
            field('e'),
          ],
        },
      ],
    });
    expect(body.issues).toEqual([
      {
        path: 'sections.0.fields.0.visibleWhen.conditions.0.field',
        message: 'Field "A" (a) has a condition on "ghost", which is not a field of this template.',
      },
      {
        path: 'sections.0.fields.1.visibleWhen.conditions.0.field',
        message:
          'Field "B" (b) and "C" (c) depend on each other (b → c → b): a condition may only depend on a field above it.',
      },
      {
        path: 'sections.0.fields.3.visibleWhen.conditions.0.field',
        message:
          'Field "D" (d) has a condition on "E" (e), which comes later in the form: a condition may only depend on a field above it.',
      },
    ]);
  });

  it('refuses a required field hidden for good', async () => {
    const body = await refusal({
      sections: [
        {
          key: 's',
          title: 'S',
          fields: [
            {
              key: 'fuel',
              label: 'Fuel',
              type: 'singleChoice',
              choices: [
                { value: 'gas', label: 'Gas' },
                { value: 'oil', label: 'Oil' },
              ],
            },
          ],
        },
        {
          key: 'lpg',
          title: 'LPG',
          visibleWhen: {
            match: 'all',
            conditions: [
              { field: 'fuel', op: 'in', value: ['gas', 'oil'] },
              { field: 'fuel', op: 'notEquals', value: 'gas' },
              { field: 'fuel', op: 'notEquals', value: 'oil' },
            ],
          },
          fields: [field('tank', { required: true })],
        },
      ],
    });
    expect(body.issues).toEqual([
      {
        path: 'sections.1.fields.0.required',
        message:
          'Required field "TANK" (tank) can never be shown, so it could never be filled in: its section "LPG" is never shown (its conditions can never hold together).',
      },
    ]);
  });

  it('refuses a version that drops a job type key field, naming the job type', async () => {
    const { templateId } = await publish(boiler);
    const [job] = await queryRows<{ job_type_id: string }>(
      testDb.db,
      sql`select job_type_id from jobs where id = ${tech1Job(1)}`,
    );
    // A job type of its own, so the other tests' rules are untouched.
    const type = await request('office', 'POST', '/api/job-types', {
      name: `Rules ${newId().slice(0, 6)}`,
      defaultDurationMinutes: 60,
      keyFields: [],
    });
    expect(type.statusCode, type.body).toBe(201);
    const typeId = type.json<{ id: string }>().id;
    expect(job).toBeDefined();
    expect(
      (
        await request('office', 'PUT', `/api/job-types/${typeId}/form-rules`, {
          templateId,
          keyFields: ['serial'],
          requiredFields: [],
        })
      ).statusCode,
    ).toBe(200);
    expect(
      (
        await request('office', 'PUT', `/api/job-types/${typeId}/form-rules`, {
          templateId,
          keyFields: ['room'],
          requiredFields: ['nope'],
        })
      ).json(),
    ).toMatchObject({
      code: 'validation',
      issues: [
        { path: 'keyFields.0' },
        { path: 'requiredFields', message: 'The job type requires "nope", which is not a field of this template.' },
      ],
    });
    const withoutSerial = structuredClone(boiler);
    withoutSerial.sections[0]!.fields = withoutSerial.sections[0]!.fields.filter((f) => f.key !== 'serial');
    await request('office', 'PUT', `/api/form-templates/${templateId}`, { name: 'Boiler', definition: withoutSerial });
    const res = await request('office', 'POST', `/api/form-templates/${templateId}/publish`, {});
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({
      issues: [
        {
          path: `jobTypes.${typeId}.keyFields.0`,
          message: expect.stringMatching(/^Job type "Rules .*": Key field "serial" is not a field of this template\.$/),
        },
      ],
    });
  });

  it('refuses key fields the job type editor sets that its form does not have, so they cannot block the next publish', async () => {
    const { templateId } = await publish(boiler);
    const name = `Editor ${newId().slice(0, 6)}`;
    const type = await request('office', 'POST', '/api/job-types', { name, defaultDurationMinutes: 60, keyFields: [] });
    const typeId = type.json<{ id: string }>().id;
    const rules = { templateId, keyFields: ['serial'], requiredFields: [] };
    expect((await request('office', 'PUT', `/api/job-types/${typeId}/form-rules`, rules)).statusCode).toBe(200);
    const typo = await request('office', 'PATCH', `/api/job-types/${typeId}`, {
      name,
      defaultDurationMinutes: 45,
      keyFields: ['serail'],
    });
    expect(typo.statusCode, typo.body).toBe(400);
    expect(typo.json()).toMatchObject({
      code: 'validation',
      issues: [{ path: 'keyFields.0', message: 'Key field "serail" is not a field of this template.' }],
    });
    const [stored] = await queryRows<{ key_fields: string[]; default_duration_minutes: number }>(
      testDb.db,
      sql`select key_fields, default_duration_minutes from job_types where id = ${typeId}`,
    );
    expect(stored).toEqual({ key_fields: ['serial'], default_duration_minutes: 60 });
    // The form still publishes; a key field it has is taken from the editor as before.
    expect((await request('office', 'POST', `/api/form-templates/${templateId}/publish`, {})).statusCode).toBe(201);
    const fits = await request('office', 'PATCH', `/api/job-types/${typeId}`, {
      name,
      defaultDurationMinutes: 45,
      keyFields: ['serial', 'make'],
    });
    expect(fits.statusCode, fits.body).toBe(200);
  });

  it('refuses to save or publish over a draft someone else saved since the editor opened it', async () => {
    const created = await request('office', 'POST', '/api/form-templates', { name: 'Shared', definition: boiler });
    const templateId = created.json<{ id: string }>().id;
    const colleague = await writeInOrg(testDb.db, world.orgId, async (tx, rec) =>
      createUser(tx, rec, {
        orgId: world.orgId,
        teamId: null,
        name: 'Bob from the office',
        email: `bob-${newId()}@test.lastmile.app`,
        role: 'office',
        passwordHash: await hashPassword(PASSWORD),
      }),
    );
    const bob = await signInForTest(app, colleague.email, PASSWORD);
    const url = `/api/form-templates/${templateId}`;
    // Both open the template: the same draft, the same updatedAt.
    const opened = (await request('office', 'GET', url)).json<{ updatedAt: string }>().updatedAt;
    const withField = (key: string) => {
      const definition = structuredClone(boiler);
      definition.sections[0]!.fields.push({ key, label: key, type: 'shortText' });
      return definition;
    };
    const mine = await request('office', 'PUT', `${url}/draft`, {
      name: 'Shared',
      definition: withField('boiler_room'),
      baseUpdatedAt: opened,
    });
    expect(mine.statusCode, mine.body).toBe(200);
    const asBob = (method: 'PUT' | 'POST', path: string, payload: object) =>
      app.inject({ method, url: `${url}${path}`, headers: authHeaders(bob), payload });
    const theirs = await asBob('PUT', '/draft', {
      name: 'Shared',
      definition: withField('meter'),
      baseUpdatedAt: opened,
    });
    expect(theirs.statusCode, theirs.body).toBe(409);
    expect(theirs.json()).toMatchObject({
      code: 'conflict',
      detail: { key: 'form.draftChangedSave', params: { name: expect.stringMatching(/^office /) } },
    });
    expect(theirs.json<{ message: string }>().message).toMatch(/^office .* saved "Shared" after you opened it/);
    const stale = await asBob('POST', '/publish', { baseUpdatedAt: opened });
    expect(stale.statusCode, stale.body).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'conflict', detail: { key: 'form.draftChangedPublish' } });
    const draft = (await request('office', 'GET', url)).json<{
      updatedAt: string;
      latestVersion: number | null;
      draft: typeof boiler;
    }>();
    expect(draft.latestVersion).toBeNull();
    expect(draft.draft.sections[0]!.fields.map((f) => f.key)).toContain('boiler_room');
    expect(draft.draft.sections[0]!.fields.map((f) => f.key)).not.toContain('meter');
    // Having reloaded, Bob publishes what he saw.
    const published = await asBob('POST', '/publish', { baseUpdatedAt: draft.updatedAt });
    expect(published.statusCode, published.body).toBe(201);
  });

  it('refuses to set a job type’s rules over rules someone else set since the editor opened them', async () => {
    const fields = [
      { key: 'a', label: 'A', type: 'shortText' },
      { key: 'b', label: 'B', type: 'shortText' },
    ] as const;
    const { templateId } = await publish({ sections: [{ key: 's', title: 'S', fields: [...fields] }] });
    const { templateId: otherTemplate } = await publish({ sections: [{ key: 's', title: 'S', fields: [...fields] }] });
    const [job] = await queryRows<{ job_type_id: string }>(
      testDb.db,
      sql`select job_type_id from jobs where id = ${tech1Job(7)}`,
    );
    const url = `/api/job-types/${job!.job_type_id}/form-rules`;
    const save = (rules: object) => request('office', 'PUT', url, rules);
    expect((await save({ templateId, keyFields: ['a'], requiredFields: [] })).statusCode).toBe(200);
    // Two editors open the rules (the editor of each template lists every job type).
    const opened = { templateId, keyFields: ['a'], requiredFields: [] };
    const theirs = await save({ templateId: otherTemplate, keyFields: ['b'], requiredFields: [], base: opened });
    expect(theirs.statusCode, theirs.body).toBe(200);
    const mine = await save({ templateId, keyFields: ['a'], requiredFields: ['b'], base: opened });
    expect(mine.statusCode, mine.body).toBe(409);
    const [office] = await queryRows<{ name: string }>(
      testDb.db,
      sql`select name from users where id = ${world.actors.office.userId}`,
    );
    expect(mine.json()).toMatchObject({
      code: 'conflict',
      message: `${office!.name} changed the form rules of "${(await jobTypeName(job!.job_type_id))!}" after you opened them, so yours were not saved. The editor now shows theirs.`,
      detail: { key: 'jobType.rulesChanged' },
    });
    const [stored] = await testDb.db.select().from(jobTypes).where(eq(jobTypes.id, job!.job_type_id));
    expect(stored).toMatchObject({ templateId: otherTemplate, keyFields: ['b'], requiredFields: [] });
    // Setting what is there already, lists in another order, is no conflict; nor a save from the new rules.
    expect(
      (await save({ templateId: otherTemplate, keyFields: ['b'], requiredFields: [], base: opened })).statusCode,
    ).toBe(200);
    const now = { templateId: otherTemplate, keyFields: ['b'], requiredFields: [] };
    expect((await save({ templateId, keyFields: ['a', 'b'], requiredFields: ['b'], base: now })).statusCode).toBe(200);
    const [updated] = await testDb.db.select().from(jobTypes).where(eq(jobTypes.id, job!.job_type_id));
    expect(updated).toMatchObject({ templateId, keyFields: ['a', 'b'], requiredFields: ['b'] });
    // A base that is not a set of rules is the caller's mistake; without one the last save wins.
    expect((await save({ templateId, keyFields: ['a'], requiredFields: [], base: { templateId } })).statusCode).toBe(
      400,
    );
    expect((await save({ templateId: null, keyFields: [], requiredFields: [] })).statusCode).toBe(200);
  });

  it('keeps templates apart between organizations', async () => {
    const { templateId } = await publish(boiler);
    expect((await request('otherOffice', 'GET', `/api/form-templates/${templateId}`)).statusCode).toBe(404);
    expect((await request('otherOffice', 'POST', `/api/form-templates/${templateId}/publish`, {})).statusCode).toBe(
      404,
    );
    const list = await request('otherOffice', 'GET', '/api/form-templates');
    expect(list.json<{ templates: { id: string }[] }>().templates.map((t) => t.id)).not.toContain(templateId);
    expect((await request('tech1', 'GET', '/api/form-templates')).statusCode).toBe(403);
  });
});

describe('replication', () => {
  it('published versions reach technicians; a job reassignment moves its form and answers to the new assignee', async () => {
    const { version } = await publish(boiler);
    const jobId = world.jobIds[0]!;
    expect(
      await push('office', 'assignJob', {
        jobId,
        expectedAssigneeId: null,
        assigneeId: world.actors.tech1.userId,
        handoffNote: '',
      }),
    ).toMatchObject({ status: 'applied' });
    const responseId = await startOn('tech1', jobId, version.id);
    expect(await setAnswer('tech1', responseId, 'make', 'Ideal')).toMatchObject({ status: 'applied' });
    expect(
      await push('lead', 'assignJob', {
        jobId,
        expectedAssigneeId: world.actors.tech1.userId,
        assigneeId: world.actors.tech2.userId,
        handoffNote: '',
      }),
    ).toMatchObject({ status: 'applied' });

    const changes = await queryRows<{ scope: string; entity: string; entity_id: string; op: string }>(
      testDb.db,
      sql`select scope, entity, entity_id, op from sync_changes where org_id = ${world.orgId} and entity in ('formResponses', 'formAnswers', 'formVersions') order by version desc, id desc`,
    );
    const latest = (scope: string, entity: string, id: string) =>
      changes.find((c) => c.scope === scope && c.entity === entity && c.entity_id === id)?.op;
    expect(latest(`ref:${world.orgId}`, 'formVersions', version.id)).toBe('put');
    expect(latest(`user:${world.actors.tech2.userId}`, 'formResponses', responseId)).toBe('put');
    expect(latest(`user:${world.actors.tech2.userId}`, 'formAnswers', `${responseId}:make`)).toBe('put');
    expect(latest(`user:${world.actors.tech1.userId}`, 'formResponses', responseId)).toBe('del');
    expect(latest(`user:${world.actors.tech1.userId}`, 'formAnswers', `${responseId}:make`)).toBe('del');
    expect(await setAnswer('tech2', responseId, 'serial', 'SN-2', await orgVersion())).toMatchObject({
      status: 'applied',
    });
  });
});
