import { createHash } from 'node:crypto';
import { asc, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasAuditSubject, MUTATOR_NAMES, newId, type MutatorName } from '@lastmile/domain';
import { SCHEMA_VERSION } from '@lastmile/sync';
import { buildApp } from '../../app.ts';
import { hashPassword } from '../../auth/password.ts';
import { auditEvents, jobs } from '../../db/schema/index.ts';
import { parseEnv } from '../../env.ts';
import { authHeaders, signInForTest, type HttpSession } from '../../sync/http-session.ts';
import { buildWorld, type World } from '../../sync/test-world.ts';
import { createTestDb, type TestDb } from '../../test/test-db.ts';

/**
 * Every accepted mutation through the real push route lands in the audit trail with its person,
 * device, device time and, for status, assignment and answers, the values before and after.
 */
const PASSWORD = 'correct horse battery';
let testDb: TestDb;
let app: FastifyInstance;
let world: World;
type Who = 'tech1' | 'tech2' | 'lead' | 'office';
let sessions: Record<Who, HttpSession>;
const clients: Record<string, { id: string; next: number }> = {};

beforeAll(async () => {
  testDb = await createTestDb();
  world = await buildWorld(testDb.db, { passwordHash: await hashPassword(PASSWORD), jobCount: 8 });
  app = await buildApp({ db: testDb.db, config: parseEnv({}), listen: testDb.listen, logger: false });
  sessions = {
    tech1: await signInForTest(app, world.emails.tech1, PASSWORD),
    tech2: await signInForTest(app, world.emails.tech2, PASSWORD),
    lead: await signInForTest(app, world.emails.lead, PASSWORD),
    office: await signInForTest(app, world.emails.office, PASSWORD),
  };
});
afterAll(async () => {
  await app.close();
  await testDb.cleanup();
});

type Result = { id: number; status: 'applied' | 'refused'; reason?: string };
type Sent = { name: string; args: unknown; clientTime?: string };

function clientOf(who: Who, device = 'phone') {
  return (clients[`${who}/${device}`] ??= { id: `audit${who}${device}${newId().slice(0, 8)}`, next: 1 });
}

/** One push from the person's device; returns the results. */
async function pushBatch(who: Who, batch: Sent[], device = 'phone'): Promise<Result[]> {
  const client = clientOf(who, device);
  const first = client.next;
  client.next += batch.length;
  const mutations = batch.map((m, i) => ({
    id: first + i,
    name: m.name,
    args: m.args,
    clientTime: m.clientTime ?? '2026-11-21T09:00:00.000Z',
    baseVersion: 0,
  }));
  const res = await app.inject({
    method: 'POST',
    url: '/api/sync/push',
    headers: authHeaders(sessions[who]),
    payload: { schemaVersion: SCHEMA_VERSION, clientId: client.id, mutations },
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ results: Result[] }>().results;
}

async function push(who: Who, name: MutatorName, args: unknown, clientTime?: string): Promise<void> {
  const [result] = await pushBatch(who, [{ name, args, ...(clientTime ? { clientTime } : {}) }]);
  expect(result, `${name} by ${who}`).toMatchObject({ status: 'applied' });
}

async function publishTemplate(definition: unknown): Promise<{ templateId: string; versionId: string }> {
  const headers = authHeaders(sessions.office);
  const created = await app.inject({
    method: 'POST',
    url: '/api/form-templates',
    headers,
    payload: { name: `Audit ${newId().slice(0, 6)}`, definition } as object,
  });
  expect(created.statusCode, created.body).toBe(201);
  const templateId = created.json<{ id: string }>().id;
  const published = await app.inject({
    method: 'POST',
    url: `/api/form-templates/${templateId}/publish`,
    headers,
    payload: {},
  });
  expect(published.statusCode, published.body).toBe(201);
  return { templateId, versionId: published.json<{ id: string }>().id };
}

const trail = () => testDb.db.select().from(auditEvents).orderBy(asc(auditEvents.seq));
const ofClient = async (clientId: string) => (await trail()).filter((r) => r.clientId === clientId);
const definition = (label: string) => ({
  sections: [{ key: 'main', title: 'Main', fields: [{ key: 'make', label, type: 'shortText' }] }],
});

describe('the audit trail of sync mutations', () => {
  it('records every mutation of the contract with its person, device, device time and row', async () => {
    const [template] = await testDb.db.select().from(jobs).where(eq(jobs.id, world.jobIds[1]!));
    const { actors } = world;
    const job = world.jobIds[1]!;
    const created = newId();
    const item = newId();
    const responseId = newId();
    const photo = newId();
    const { templateId, versionId } = await publishTemplate(definition('Make'));
    const at = '2026-11-21T07:30:00.000Z';
    // One scenario that applies each mutation: a mutation added to the contract fails below until it is here.
    const scenario: Partial<Record<MutatorName, () => Promise<void>>> = {
      createJob: () =>
        push('office', 'createJob', {
          id: created,
          jobTypeId: template!.jobTypeId,
          customerId: template!.customerId,
          siteId: template!.siteId,
          teamId: world.teamId,
          assigneeId: actors.tech1.userId,
          priority: 'normal',
          scheduledStart: '2026-11-22T08:00:00.000Z',
          scheduledEnd: '2026-11-22T09:00:00.000Z',
          title: 'Audited job',
          notes: '',
          externalRef: null,
        }),
      updateJob: () =>
        push('office', 'updateJob', {
          jobId: created,
          scheduledStart: '2026-11-22T10:00:00.000Z',
          scheduledEnd: '2026-11-22T11:00:00.000Z',
          notes: 'Gate code 9876',
        }),
      assignJob: () =>
        push('lead', 'assignJob', {
          jobId: world.jobIds[0]!,
          expectedAssigneeId: null,
          assigneeId: actors.tech2.userId,
          handoffNote: '',
        }),
      transitionJob: () => push('tech1', 'transitionJob', { jobId: job, to: 'in_progress' }, at),
      updateJobNotes: () => push('tech1', 'updateJobNotes', { jobId: job, notes: 'Gate code 1234' }),
      postJobMessage: () => push('tech1', 'postJobMessage', { id: newId(), jobId: job, body: 'On site' }),
      addOutstandingItem: () =>
        push('tech1', 'addOutstandingItem', {
          id: item,
          title: 'Loose tile',
          description: '',
          jobId: job,
          siteId: null,
          ownerId: null,
          dueDate: null,
          priority: 'normal',
        }),
      updateOutstandingItem: () => push('tech1', 'updateOutstandingItem', { id: item, title: 'Two loose tiles' }),
      startForm: () => push('tech1', 'startForm', { id: responseId, jobId: job, templateVersionId: versionId }),
      setAnswer: async () => {
        const capturedAt = '2026-11-21T08:59:00.000Z';
        await push('tech1', 'setAnswer', { responseId, fieldKey: 'make', value: 'Baxi', capturedAt });
        await push('tech1', 'setAnswer', { responseId, fieldKey: 'make', value: 'Vaillant', capturedAt });
      },
      addAttachment: () =>
        push('tech1', 'addAttachment', {
          id: photo,
          kind: 'job',
          jobId: job,
          contentType: 'image/jpeg',
          size: 10,
          sha256: createHash('sha256').update('0123456789').digest('hex'),
          width: 640,
          height: 480,
          capturedAt: '2026-11-21T08:59:00.000Z',
        }),
      setAttachmentCaption: () => push('tech1', 'setAttachmentCaption', { id: photo, caption: 'Boiler' }),
      deleteAttachment: () => push('tech1', 'deleteAttachment', { id: photo }),
      moveFormToVersion: async () => {
        const headers = authHeaders(sessions.office);
        const saved = await app.inject({
          method: 'PUT',
          url: `/api/form-templates/${templateId}`,
          headers,
          payload: { name: 'Audit v2', definition: definition('Manufacturer') },
        });
        expect(saved.statusCode, saved.body).toBe(200);
        const v2 = await app.inject({
          method: 'POST',
          url: `/api/form-templates/${templateId}/publish`,
          headers,
          payload: {},
        });
        expect(v2.statusCode, v2.body).toBe(201);
        await push('tech1', 'moveFormToVersion', { responseId, templateVersionId: v2.json<{ id: string }>().id });
      },
      submitForm: () => push('tech1', 'submitForm', { responseId }),
      reopenForm: () => push('lead', 'reopenForm', { responseId }),
      resolveAnswerConflict: () => push('lead', 'resolveAnswerConflict', { responseId, fieldKey: 'make' }),
      markNotificationsRead: () => push('tech2', 'markNotificationsRead', { ids: [newId()] }),
      reviewJob: async () => {
        // The lead reopened the form above; tech1's client never pulls, so it has not seen that
        // reopen and its submit would be refused (ADR 0049 point 31): the lead submits it.
        await push('lead', 'submitForm', { responseId });
        await push('tech1', 'transitionJob', { jobId: job, to: 'completed' });
        await push('tech1', 'transitionJob', { jobId: job, to: 'submitted' });
        const decision = { id: newId(), jobId: job, round: 1, decision: 'approved', comment: '', fieldComments: [] };
        await push('office', 'reviewJob', decision);
      },
    };
    for (const run of Object.values(scenario)) await run();

    const rows = await trail();
    for (const name of MUTATOR_NAMES) {
      expect(
        hasAuditSubject(name),
        `${name} has no audit subject (packages/domain/src/audit/mutation-subject.ts)`,
      ).toBe(true);
      if (!(name in scenario)) continue;
      const row = rows.find((r) => r.action === name);
      expect(row, `no audit row for ${name}`).toBeDefined();
      expect(row).toMatchObject({ source: 'sync', orgId: world.orgId, entity: expect.any(String) });
      expect(row!.mutationId).toBeGreaterThan(0);
      expect(row!.entityId).toBeTruthy();
    }

    const transition = rows.find((r) => r.action === 'transitionJob')!;
    expect(transition).toMatchObject({
      userId: actors.tech1.userId,
      clientId: clientOf('tech1').id,
      entity: 'jobs',
      entityId: job,
      jobId: job,
      changes: [{ field: 'status', before: 'scheduled', after: 'in_progress' }],
    });
    expect(transition.clientTime?.toISOString()).toBe(at);

    const assigned = rows.find((r) => r.action === 'assignJob')!;
    expect(assigned).toMatchObject({ userId: actors.lead.userId, clientId: clientOf('lead').id });
    expect(assigned.changes).toContainEqual({ field: 'assigneeId', before: null, after: actors.tech2.userId });

    const rescheduled = rows.find((r) => r.action === 'updateJob')!;
    expect(rescheduled.changes).toEqual([
      { field: 'scheduledStart', before: '2026-11-22T08:00:00.000Z', after: '2026-11-22T10:00:00.000Z' },
      { field: 'scheduledEnd', before: '2026-11-22T09:00:00.000Z', after: '2026-11-22T11:00:00.000Z' },
      // The office's notes too: the text an edit replaces is on the timeline whoever wrote it.
      { field: 'notes', before: '', after: 'Gate code 9876' },
    ]);
    expect(rows.find((r) => r.action === 'createJob')!.changes).toContainEqual({
      field: 'assigneeId',
      before: null,
      after: actors.tech1.userId,
    });

    const answers = rows.filter((r) => r.action === 'setAnswer');
    expect(answers.map((r) => r.changes)).toEqual([
      [{ field: 'answer', fieldKey: 'make', before: null, after: 'Baxi' }],
      [{ field: 'answer', fieldKey: 'make', before: 'Baxi', after: 'Vaillant' }],
    ]);
    // Form, photo and item changes are on their job's timeline.
    for (const name of ['setAnswer', 'submitForm', 'setAttachmentCaption', 'updateOutstandingItem'] as const) {
      expect(rows.find((r) => r.action === name)?.jobId, name).toBe(job);
    }
    expect(rows.find((r) => r.action === 'reviewJob')).toMatchObject({
      userId: actors.office.userId,
      entity: 'reviewRounds',
      jobId: job,
      changes: [{ field: 'status', before: 'submitted', after: 'approved' }],
    });
    expect(rows.find((r) => r.action === 'submitForm')!.changes).toEqual([
      { field: 'formStatus', before: 'draft', after: 'submitted' },
    ]);
    for (const name of MUTATOR_NAMES) expect(name in scenario, `the scenario does not apply ${name}`).toBe(true);
  });

  it('does not audit a refused mutation, and a replayed push is not audited twice', async () => {
    const client = clientOf('tech2', 'replay');
    const job = world.jobIds[2]!;
    const batch: Sent[] = [
      { name: 'updateJobNotes', args: { jobId: job, notes: 'first' } },
      { name: 'transitionJob', args: { jobId: job, to: 'approved' } },
      { name: 'updateJobNotes', args: { jobId: job, notes: 'third' } },
    ];
    const results = await pushBatch('tech2', batch, 'replay');
    expect(results.map((r) => r.status)).toEqual(['applied', 'refused', 'applied']);
    // The same push again (the answer was lost on the way back): answered from the record.
    client.next -= batch.length;
    expect((await pushBatch('tech2', batch, 'replay')).map((r) => r.status)).toEqual(['applied', 'refused', 'applied']);
    const rows = await ofClient(client.id);
    expect(rows.map((r) => [r.mutationId, r.action])).toEqual([
      [1, 'updateJobNotes'],
      [3, 'updateJobNotes'],
    ]);
  });

  it('audits two devices pushing to one job at once, both, in the order they were applied', async () => {
    const job = world.jobIds[3]!;
    for (let round = 0; round < 4; round++) {
      await Promise.all([
        push('tech1', 'updateJobNotes', { jobId: job, notes: `phone ${round}` }),
        pushBatch('lead', [{ name: 'updateJobNotes', args: { jobId: job, notes: `tablet ${round}` } }], 'tablet').then(
          ([r]) => expect(r).toMatchObject({ status: 'applied' }),
        ),
      ]);
      const onJob = (await trail()).filter((r) => r.jobId === job && r.action === 'updateJobNotes');
      expect(onJob).toHaveLength(2 * (round + 1));
      // The later of the two in the trail is the one whose notes the job kept.
      const last = onJob.at(-1)!;
      const [row] = await testDb.db.select({ notes: jobs.notes }).from(jobs).where(eq(jobs.id, job));
      expect(row!.notes).toBe(last.clientId === clientOf('tech1').id ? `phone ${round}` : `tablet ${round}`);
      // The text the later one replaced is in the trail: the earlier device's, never lost.
      const earlier = onJob.at(-2)!;
      expect(last.changes).toEqual([
        {
          field: 'notes',
          before: earlier.clientId === clientOf('tech1').id ? `phone ${round}` : `tablet ${round}`,
          after: row!.notes,
        },
      ]);
    }
  });

  it('keeps a device clock PostgreSQL cannot store out, rather than failing the push', async () => {
    await push('tech1', 'updateJobNotes', { jobId: world.jobIds[5]!, notes: 'odd clock' }, '0000-01-01T00:00:00.000Z');
    const [row] = (await ofClient(clientOf('tech1').id)).slice(-1);
    expect(row).toMatchObject({ action: 'updateJobNotes', clientTime: null });
  });
});
