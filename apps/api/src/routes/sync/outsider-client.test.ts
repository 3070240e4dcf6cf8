import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '@lastmile/domain';
import { SCHEMA_VERSION, type PullResponse, type PushResponse } from '@lastmile/sync';
import { queryRows } from '@lastmile/sync/server';
import { buildApp } from '../../app.ts';
import { hashPassword } from '../../auth/password.ts';
import { parseEnv } from '../../env.ts';
import { authHeaders, signInForTest, type HttpSession } from '../../sync/http-session.ts';
import { buildWorld, publishWorldForm, type World } from '../../sync/test-world.ts';
import { createTestDb, type TestDb } from '../../test/test-db.ts';

/**
 * What a client written from docs/sync-protocol.md alone sent that ours never does (ADR 0049,
 * the outsider rounds): each case here once answered a mistake of the client's with a 500, or
 * left its queue stuck.
 */
const PASSWORD = 'correct horse battery';
let testDb: TestDb;
let app: FastifyInstance;
let world: World;
let tech1: HttpSession;
let office: HttpSession;

beforeAll(async () => {
  testDb = await createTestDb();
  world = await buildWorld(testDb.db, { passwordHash: await hashPassword(PASSWORD), jobCount: 2 });
  app = await buildApp({ db: testDb.db, config: parseEnv({}), listen: testDb.listen, logger: false });
  tech1 = await signInForTest(app, world.emails.tech1, PASSWORD);
  office = await signInForTest(app, world.emails.office, PASSWORD);
});
afterAll(async () => {
  await app.close();
  await testDb.cleanup();
});

/** A push as raw JSON text: the cases below cannot all be built as JavaScript values and stringified. */
async function pushText(clientId: string, mutations: string[]) {
  const res = await app.inject({
    method: 'POST',
    url: '/api/sync/push',
    headers: { ...authHeaders(tech1), 'content-type': 'application/json' },
    payload: `{"schemaVersion":${SCHEMA_VERSION},"clientId":"${clientId}","mutations":[${mutations.join(',')}]}`,
  });
  return { status: res.statusCode, body: res.json<Record<string, unknown>>() };
}
const mutationText = (id: number, name: string, argsText: string) =>
  `{"id":${id},"name":"${name}","args":${argsText},"clientTime":"2026-12-03T09:00:00.000Z","baseVersion":0}`;

describe('a mutation whose arguments nest very deep', () => {
  it.each([
    // A lone surrogate below the depth the storable-text walk looks at: jsonb refused it.
    ['300 levels, a lone surrogate at the bottom', `${'['.repeat(300)}"\\ud800"${']'.repeat(300)}`],
    // Deep enough for JSON.stringify of the refusals to overflow the stack.
    ['100,000 levels', `${'['.repeat(100_000)}${']'.repeat(100_000)}`],
  ])('is refused alone, and the changes behind it are applied (%s)', async (_, deepArgs) => {
    const clientId = `deep-${newId()}`;
    const notes = mutationText(2, 'updateJobNotes', JSON.stringify({ jobId: world.jobIds[1], notes: 'after it' }));
    const sent = [mutationText(1, 'notAMutation', deepArgs), notes];
    const first = await pushText(clientId, sent);
    expect(first).toEqual({
      status: 200,
      body: {
        lastMutationId: 2,
        results: [
          { id: 1, status: 'refused', code: 'unknown_mutation', reason: expect.any(String) },
          { id: 2, status: 'applied' },
        ],
      },
    });
    // The retry a phone makes when the answer was lost is recognised as the same change.
    expect(await pushText(clientId, sent)).toEqual(first);

    const res = await app.inject({
      method: 'POST',
      url: '/api/sync/pull',
      headers: authHeaders(tech1),
      payload: { schemaVersion: SCHEMA_VERSION, clientId, cursor: null, pendingFrom: 1 },
    });
    expect(res.statusCode).toBe(200);
    const { refused, lastMutationId } = res.json<PullResponse>();
    expect(lastMutationId).toBe(2);
    expect(refused.map((r) => [r.id, r.name, r.code])).toEqual([[1, 'notAMutation', 'unknown_mutation']]);
    expect(Array.isArray(refused[0]!.args)).toBe(true);
  });
});

describe('a date in the years 1 to 99', () => {
  // drizzle reads a timestamp back with `new Date` on PostgreSQL's text, which takes such a year
  // for another: 0099 became 1999, and 0026 no date at all (the change was refused as `internal`).
  it('is refused as `validation`, on a job, an answer and a photo record alike', async () => {
    const [ref] = await queryRows<{ jobTypeId: string; customerId: string }>(
      testDb.db,
      sql`select (select id from job_types where org_id = ${world.orgId}) as "jobTypeId",
                 (select id from customers where org_id = ${world.orgId}) as "customerId"`,
    );
    const form = await publishWorldForm(testDb.db, world, 'Dated form', [
      { key: 'make', label: 'Make', type: 'shortText' },
    ]);
    const responseId = newId();
    const jobId = world.jobIds[1]!;
    const newJob = (start: string, end: string) => ({
      id: newId(),
      ...ref!,
      siteId: world.siteId,
      teamId: world.teamId,
      assigneeId: null,
      priority: 'normal',
      scheduledStart: start,
      scheduledEnd: end,
      title: 'A typo in the year',
      notes: '',
      externalRef: null,
    });
    const photo = (capturedAt: string) => ({
      id: newId(),
      kind: 'job',
      jobId,
      contentType: 'image/jpeg',
      size: 100,
      sha256: 'a'.repeat(64),
      width: 10,
      height: 10,
      capturedAt,
    });
    const mutations = [
      ['createJob', newJob('0026-12-03T08:00:00Z', '0026-12-03T09:00:00Z')],
      ['createJob', newJob('0099-12-03T08:00:00Z', '0099-12-03T09:00:00Z')],
      // Year 1000 local is 999 in UTC.
      ['createJob', newJob('1000-01-01T00:30:00+01:00', '1000-01-01T02:00:00Z')],
      ['startForm', { id: responseId, jobId, templateVersionId: form.id }],
      ['setAnswer', { responseId, fieldKey: 'make', value: 'x', capturedAt: '0026-12-03T08:00:00Z' }],
      ['addAttachment', photo('0050-12-03T08:00:00Z')],
      ['addAttachment', photo('1000-01-01T00:00:00Z')],
    ] as const;
    const res = await app.inject({
      method: 'POST',
      url: '/api/sync/push',
      headers: authHeaders(office),
      payload: {
        schemaVersion: SCHEMA_VERSION,
        clientId: `dates-${newId()}`,
        mutations: mutations.map(([name, args], i) => ({
          id: i + 1,
          name,
          args,
          clientTime: '2026-12-03T09:00:00.000Z',
          baseVersion: 0,
        })),
      },
    });
    expect(res.statusCode).toBe(200);
    const outcome = res.json<PushResponse>().results.map((r) => (r.status === 'refused' ? r.code : r.status));
    expect(outcome).toEqual([
      'validation',
      'validation',
      'validation',
      'applied',
      'validation',
      'validation',
      'applied',
    ]);
  });
});

describe('a clientTime in an ISO 8601 form other than RFC 3339', () => {
  // Java's OffsetDateTime.toString() drops zero seconds; the answer said only "Invalid ISO
  // datetime", and its author could not tell what to send instead.
  it('is a malformed envelope whose message names the format', async () => {
    const res = await pushText(`format-${newId()}`, [
      `{"id":1,"name":"updateJobNotes","args":{},"clientTime":"2026-11-21T09:41Z","baseVersion":0}`,
    ]);
    expect(res.status).toBe(400);
    expect(res.body['issues']).toEqual([
      {
        path: 'mutations.0.clientTime',
        message: 'must be an ISO 8601 date-time with seconds and a Z or ±hh:mm offset',
      },
    ]);
  });
});
