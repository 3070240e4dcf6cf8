import fc from 'fast-check';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '@lastmile/sync/server';
import { MAX_PUSH_MUTATIONS, SCHEMA_VERSION } from '@lastmile/sync';
import { buildApp } from '../../app.ts';
import { hashPassword } from '../../auth/password.ts';
import { parseEnv } from '../../env.ts';
import { authHeaders, signInForTest, type HttpSession } from '../../sync/http-session.ts';
import { buildWorld, type World } from '../../sync/test-world.ts';
import { createTestDb, type TestDb } from '../../test/test-db.ts';

const PASSWORD = 'correct horse battery';
let testDb: TestDb;
let app: FastifyInstance;
let world: World;
let tech: HttpSession;
let otherTech: HttpSession;

beforeAll(async () => {
  testDb = await createTestDb();
  world = await buildWorld(testDb.db, { passwordHash: await hashPassword(PASSWORD), jobCount: 16 });
  app = await buildApp({ db: testDb.db, config: parseEnv({}), listen: testDb.listen, logger: false });
  tech = await signInForTest(app, world.emails.tech1, PASSWORD);
  otherTech = await signInForTest(app, world.emails.tech2, PASSWORD);
});
afterAll(async () => {
  await app.close();
  await testDb.cleanup();
});

const clientId = () => `c${Math.random().toString(36).slice(2)}${Date.now()}`;
const notes = (id: number, jobId: string, text = 'hello') => ({
  id,
  name: 'updateJobNotes',
  args: { jobId, notes: text },
  clientTime: '2026-11-21T09:00:00.000Z',
  baseVersion: 0,
});

async function push(session: HttpSession, payload: unknown, raw = false) {
  return app.inject({
    method: 'POST',
    url: '/api/sync/push',
    headers: { ...authHeaders(session), 'content-type': 'application/json' },
    payload: raw ? (payload as string) : JSON.stringify(payload),
  });
}

async function storedState() {
  const [changes] = await queryRows<{ n: string }>(
    testDb.db,
    sql`select count(*) as n from sync_changes where org_id = ${world.orgId}`,
  );
  const [clients] = await queryRows<{ n: string }>(
    testDb.db,
    sql`select count(*) as n from sync_clients where org_id = ${world.orgId}`,
  );
  const [results] = await queryRows<{ n: string }>(
    testDb.db,
    sql`select count(*) as n from sync_mutation_results where org_id = ${world.orgId}`,
  );
  return { changes: Number(changes?.n), clients: Number(clients?.n), results: Number(results?.n) };
}

// Jobs 1, 3, 5 are tech1's (see buildWorld).
const myJob = () => world.jobIds[1]!;

describe("push: a mutation's own bad data is its refusal, never the queue's", () => {
  it('refuses an unknown name and invalid arguments one by one, records their arguments, and applies the rest', async () => {
    const id = clientId();
    const res = await push(tech, {
      schemaVersion: SCHEMA_VERSION,
      clientId: id,
      mutations: [
        { ...notes(1, myJob()), name: 'dropTables' },
        { ...notes(2, myJob()), args: { jobId: 42, notes: null, extra: 'x\u0000\uD800' } },
        notes(3, myJob(), 'after the bad ones'),
      ],
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      lastMutationId: 3,
      results: [
        {
          id: 1,
          status: 'refused',
          code: 'unknown_mutation',
          reason: expect.stringMatching(/unknown mutation "dropTables"/),
        },
        {
          id: 2,
          status: 'refused',
          code: 'validation',
          reason: expect.stringMatching(/mutation 2 \(updateJobNotes\).*jobId/),
        },
        { id: 3, status: 'applied' },
      ],
    });
    const [job] = await queryRows<{ notes: string }>(testDb.db, sql`select notes from jobs where id = ${myJob()}`);
    expect(job?.notes).toBe('after the bad ones');
    const pull = await app.inject({
      method: 'POST',
      url: '/api/sync/pull',
      headers: authHeaders(tech),
      payload: { schemaVersion: SCHEMA_VERSION, clientId: id, cursor: null, pendingFrom: 1 },
    });
    expect(pull.json<{ refused: unknown[] }>().refused).toMatchObject([
      { id: 1, name: 'dropTables', code: 'unknown_mutation' },
      { id: 2, name: 'updateJobNotes', code: 'validation', args: { jobId: 42, notes: null, extra: 'x\uFFFD' } },
    ]);
    // A retry of the same push is answered from what was recorded.
    const again = await push(tech, {
      schemaVersion: SCHEMA_VERSION,
      clientId: id,
      mutations: [{ ...notes(1, myJob()), name: 'dropTables' }],
    });
    expect(again.json<{ results: unknown[] }>().results).toEqual([
      { id: 1, status: 'refused', code: 'unknown_mutation', reason: expect.any(String) },
    ]);
  });
});

describe('push: a malformed request gets a specific 4xx and stores nothing', () => {
  const cases: [string, () => unknown, number, string, RegExp][] = [
    ['malformed JSON', () => '{"schemaVersion": 1, "mutations": [', 400, 'validation', /JSON/i],
    [
      'oversized batch',
      () => ({
        schemaVersion: SCHEMA_VERSION,
        clientId: clientId(),
        mutations: Array.from({ length: MAX_PUSH_MUTATIONS + 1 }, (_, i) => notes(i + 1, myJob())),
      }),
      413,
      'payload_too_large',
      /at most 500/,
    ],
    [
      'ids out of order in a batch',
      () => ({
        schemaVersion: SCHEMA_VERSION,
        clientId: clientId(),
        mutations: [notes(2, myJob()), notes(1, myJob())],
      }),
      409,
      'mutation_gap',
      /consecutive/,
    ],
    [
      'a gap after what the server applied',
      () => ({ schemaVersion: SCHEMA_VERSION, clientId: clientId(), mutations: [notes(3, myJob())] }),
      409,
      'mutation_gap',
      /up to 0, so 1 must come next/,
    ],
    [
      'a stale schema version',
      () => ({ schemaVersion: 0, clientId: clientId(), mutations: [notes(1, myJob())] }),
      426,
      'unsupported_schema_version',
      /Update the app/,
    ],
    [
      'another schema version whose envelope this server does not know (426 first, so the app asks to be updated)',
      () => ({
        schemaVersion: 2,
        clientId: clientId(),
        mutations: [{ id: 1, name: 'updateJobNotes', arguments: {}, madeAt: 'yesterday' }],
      }),
      426,
      'unsupported_schema_version',
      /Update the app/,
    ],
    [
      'a missing client id',
      () => ({ schemaVersion: SCHEMA_VERSION, mutations: [notes(1, myJob())] }),
      400,
      'validation',
      /clientId/,
    ],
  ];
  it.each(cases)('%s', async (_name, payload, status, code, message) => {
    const before = await storedState();
    const p = payload();
    const res = await push(tech, p, typeof p === 'string');
    expect(res.statusCode).toBe(status);
    expect(res.json()).toMatchObject({ code, message: expect.stringMatching(message) });
    expect(await storedState()).toEqual(before);
  });

  it("refuses another user's client id and stores nothing", async () => {
    const id = clientId();
    expect(
      (await push(tech, { schemaVersion: SCHEMA_VERSION, clientId: id, mutations: [notes(1, myJob())] })).statusCode,
    ).toBe(200);
    const before = await storedState();
    const res = await push(otherTech, { schemaVersion: SCHEMA_VERSION, clientId: id, mutations: [notes(2, myJob())] });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ code: 'client_mismatch' });
    expect(await storedState()).toEqual(before);
    const pull = await app.inject({
      method: 'POST',
      url: '/api/sync/pull',
      headers: authHeaders(otherTech),
      payload: { schemaVersion: SCHEMA_VERSION, clientId: id, cursor: null },
    });
    expect(pull.statusCode).toBe(403);
  });

  it('refuses a push without the CSRF token', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/sync/push',
      headers: { cookie: tech.cookie },
      payload: { schemaVersion: SCHEMA_VERSION, clientId: clientId(), mutations: [notes(1, myJob())] },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ code: 'csrf' });
  });
});

describe('push: business refusals are recorded and never block the queue', () => {
  it('applies, refuses with a reason, and goes on; a replay gets the same answers', async () => {
    const id = clientId();
    const notMine = world.jobIds[2]!; // tech2's job
    const payload = {
      schemaVersion: SCHEMA_VERSION,
      clientId: id,
      mutations: [
        notes(1, myJob(), 'first'),
        notes(2, notMine, 'not mine'),
        { ...notes(3, myJob()), name: 'transitionJob', args: { jobId: myJob(), to: 'approved' } },
        notes(4, myJob(), 'last'),
      ],
    };
    const first = await push(tech, payload);
    expect(first.statusCode).toBe(200);
    const body = first.json<{ lastMutationId: number; results: { id: number; status: string; reason?: string }[] }>();
    expect(body.lastMutationId).toBe(4);
    expect(body.results.map((r) => r.status)).toEqual(['applied', 'refused', 'refused', 'applied']);
    expect(body.results[1]!.reason).toMatch(/not assigned to you/);
    expect(body.results[2]!.reason).toMatch(/cannot be approved|Only office/);

    const replay = await push(tech, payload);
    expect(replay.json()).toEqual(body);
    const [job] = await queryRows<{ notes: string }>(testDb.db, sql`select notes from jobs where id = ${myJob()}`);
    expect(job?.notes).toBe('last');
    const [other] = await queryRows<{ notes: string }>(testDb.db, sql`select notes from jobs where id = ${notMine}`);
    expect(other?.notes).toBe('');
  });
});

describe('push and pull: what only the mutation or the media type got wrong', () => {
  it('refuses a body sent as text/plain (what fetch sends without a content type) with 415, not 400', async () => {
    for (const url of ['/api/sync/push', '/api/sync/pull']) {
      const payload = JSON.stringify({
        schemaVersion: SCHEMA_VERSION,
        clientId: clientId(),
        cursor: null,
        mutations: [],
      });
      const res = await app.inject({
        method: 'POST',
        url,
        headers: { ...authHeaders(tech), 'content-type': 'text/plain;charset=UTF-8' },
        payload,
      });
      expect([res.statusCode, res.json<{ code: string }>().code], url).toEqual([415, 'unsupported_media_type']);
    }
  });

  it('refuses a mutation without arguments, or with a date PostgreSQL cannot hold, as that mutation (validation) and applies the rest', async () => {
    const id = clientId();
    const item = (n: number, dueDate: string) => ({
      ...notes(n, myJob()),
      name: 'addOutstandingItem',
      args: {
        id: crypto.randomUUID(),
        title: 'Loose tile',
        description: '',
        jobId: myJob(),
        siteId: null,
        ownerId: null,
        dueDate,
        priority: 'normal',
      },
    });
    const { args: _dropped, ...withoutArgs } = notes(1, myJob());
    const res = await push(tech, {
      schemaVersion: SCHEMA_VERSION,
      clientId: id,
      mutations: [withoutArgs, item(2, '0000-01-01'), item(3, '2031-01-01'), notes(4, myJob(), 'after them')],
    });
    expect(res.statusCode, res.body).toBe(200);
    const results = res.json<{ results: { status: string; code?: string }[] }>().results;
    expect(results.map((r) => [r.status, r.code])).toEqual([
      ['refused', 'validation'],
      ['refused', 'validation'],
      ['applied', undefined],
      ['applied', undefined],
    ]);
  });

  it('reads actorId null (how Kotlin and Swift write a missing optional field) as absent: the session’s person', async () => {
    const res = await push(tech, {
      schemaVersion: SCHEMA_VERSION,
      clientId: clientId(),
      mutations: [{ ...notes(1, myJob(), 'null actor'), actorId: null }],
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<{ results: { status: string }[] }>().results).toEqual([{ id: 1, status: 'applied' }]);
    const bad = await push(tech, {
      schemaVersion: SCHEMA_VERSION,
      clientId: clientId(),
      mutations: [{ ...notes(1, myJob()), actorId: 'nobody' }],
    });
    expect(bad.statusCode).toBe(400);
  });
});

describe('a body with a "__proto__" key', () => {
  it('is refused with a message that names it (it is valid JSON)', async () => {
    const res = await push(tech, '{"schemaVersion":1,"__proto__":{"admin":true}}', true);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({
      code: 'validation',
      message: 'The request body is not valid JSON, or holds a "__proto__" or "constructor" key.',
    });
  });
});

describe('ids written in upper case (as Swift writes UUIDs)', () => {
  it('name the same rows as in lower case: applied, stored and served in lower case, replayed alike', async () => {
    const id = clientId();
    const job = myJob();
    const messageId = crypto.randomUUID();
    const mutation = (n: number, name: string, args: Record<string, unknown>) => ({ ...notes(n, job), name, args });
    const payload = {
      schemaVersion: SCHEMA_VERSION,
      clientId: id,
      mutations: [
        notes(1, job.toUpperCase(), 'upper'),
        mutation(2, 'postJobMessage', { id: messageId.toUpperCase(), jobId: job.toUpperCase(), body: 'On my way' }),
        mutation(3, 'postJobMessage', { id: messageId, jobId: job, body: 'the same message again' }),
      ],
    };
    const first = await push(tech, payload);
    expect(first.statusCode, first.body).toBe(200);
    const body = first.json<{ results: { status: string; reason?: string }[] }>();
    // The third names the message the second created: one message, not two.
    expect(body.results.map((r) => r.status)).toEqual(['applied', 'applied', 'refused']);
    expect((await push(tech, payload)).json()).toEqual(body);
    const [row] = await queryRows<{ notes: string }>(testDb.db, sql`select notes from jobs where id = ${job}`);
    expect(row?.notes).toBe('upper');
    const messages = await queryRows<{ id: string; job_id: string }>(
      testDb.db,
      sql`select id::text, job_id::text from job_messages where id = ${messageId}`,
    );
    expect(messages).toEqual([{ id: messageId, job_id: job }]);
  });
});

describe('fuzz: random payloads never cause a 5xx', () => {
  it('answers thousands of random pushes and pulls with 2xx or 4xx', async () => {
    const valid = () => ({ schemaVersion: SCHEMA_VERSION, clientId: clientId(), mutations: [notes(1, myJob())] });
    const mutationLike = fc.record(
      {
        id: fc.oneof(fc.integer(), fc.double(), fc.string(), fc.constant(null)),
        name: fc.oneof(
          fc.constantFrom(
            'transitionJob',
            'assignJob',
            'updateJobNotes',
            'createJob',
            'addOutstandingItem',
            'postJobMessage',
          ),
          fc.string(),
        ),
        args: fc.oneof(
          fc.jsonValue(),
          fc.record({
            jobId: fc.oneof(fc.uuid(), fc.constant(myJob()), fc.string()),
            to: fc.string(),
            notes: fc.jsonValue(),
            id: fc.uuid(),
            body: fc.string(),
          }),
        ),
        clientTime: fc.oneof(fc.constant('2026-11-21T09:00:00.000Z'), fc.string()),
        baseVersion: fc.oneof(fc.nat(), fc.integer(), fc.string()),
      },
      { requiredKeys: [] },
    );
    const payload = fc.oneof(
      fc.jsonValue(),
      fc.record({
        schemaVersion: fc.oneof(fc.constant(SCHEMA_VERSION), fc.integer()),
        clientId: fc.oneof(fc.constant(clientId()), fc.string()),
        mutations: fc.array(mutationLike, { maxLength: 4 }),
      }),
      fc.string().map((s) => ({ raw: s })),
    );
    let count = 0;
    await fc.assert(
      fc.asyncProperty(payload, fc.boolean(), async (p, toPull) => {
        count++;
        const isRaw = typeof p === 'object' && p !== null && 'raw' in p && Object.keys(p).length === 1;
        const res = isRaw
          ? await push(tech, (p as { raw: string }).raw, true)
          : await app.inject({
              method: 'POST',
              url: toPull ? '/api/sync/pull' : '/api/sync/push',
              headers: { ...authHeaders(tech), 'content-type': 'application/json' },
              payload: JSON.stringify(p),
            });
        expect(res.statusCode, res.body).toBeLessThan(500);
        if (res.statusCode >= 400)
          expect(res.json()).toMatchObject({ code: expect.any(String), message: expect.any(String) });
      }),
      { numRuns: Number(process.env['FUZZ_RUNS'] ?? 2000), examples: [[valid(), false]] },
    );
    expect(count).toBeGreaterThanOrEqual(1000);
  });
});

/** Pulls until caught up with this client id; returns the version it was served (its base from now on). */
async function pullAll(session: HttpSession, id: string): Promise<number> {
  let cursor: string | null = null;
  for (;;) {
    const payload: Record<string, unknown> = { schemaVersion: SCHEMA_VERSION, clientId: id, cursor, limit: 20_000 };
    const res = await app.inject({ method: 'POST', url: '/api/sync/pull', headers: authHeaders(session), payload });
    expect(res.statusCode, res.body).toBe(200);
    const page = res.json<{ cursor: string; more: boolean }>();
    cursor = page.cursor;
    if (!page.more) return Number(cursor.split('.')[0]);
  }
}

/** The cursor a full pull of this client id ends with. */
async function pullCursor(id: string): Promise<string> {
  const payload = { schemaVersion: SCHEMA_VERSION, clientId: id, cursor: null, limit: 20_000 };
  const res = await app.inject({ method: 'POST', url: '/api/sync/pull', headers: authHeaders(tech), payload });
  return res.json<{ cursor: string }>().cursor;
}

/** The lead moves one of tech1's jobs to tech2 (and the server accepts it). */
async function reassignToTech2(lead: HttpSession, job: string): Promise<void> {
  const args = {
    jobId: job,
    expectedAssigneeId: world.actors.tech1.userId,
    assigneeId: world.actors.tech2.userId,
    handoffNote: '',
  };
  const mutation = { id: 1, name: 'assignJob', args, clientTime: '2026-11-21T09:00:00.000Z', baseVersion: 0 };
  const res = await push(lead, { schemaVersion: SCHEMA_VERSION, clientId: clientId(), mutations: [mutation] });
  expect(res.json()).toMatchObject({ results: [{ status: 'applied' }] });
}

describe('refused changes are kept for the lead to review', () => {
  it("shows the lead a technician's refused change on a job reassigned away, with who, what and why", async () => {
    const lead = await signInForTest(app, world.emails.lead, PASSWORD);
    const job = world.jobIds[3]!; // tech1's
    // The lead reassigns the job to tech2, then tech1's offline edit (made after seeing the reassignment) arrives.
    await reassignToTech2(lead, job);
    const [v] = await queryRows<{ version: string }>(
      testDb.db,
      sql`select version from sync_org_versions where org_id = ${world.orgId}`,
    );
    const late = await push(tech, {
      schemaVersion: SCHEMA_VERSION,
      clientId: clientId(),
      mutations: [{ ...notes(1, job, 'late edit'), baseVersion: Number(v?.version) }],
    });
    expect(late.json()).toMatchObject({
      results: [{ status: 'refused', reason: expect.stringMatching(/kept for your lead/) }],
    });

    const review = await app.inject({ method: 'GET', url: '/api/sync/refused', headers: authHeaders(lead) });
    expect(review.statusCode).toBe(200);
    const item = review
      .json<{
        items: { name: string; reason: string; by: { name: string }; job: { id: string; assigneeName: string } }[];
      }>()
      .items.find((i) => i.job?.id === job);
    expect(item).toMatchObject({
      name: 'updateJobNotes',
      // Theirs until the reassignment: told which job.
      reason: expect.stringMatching(/^Job J-\d+ is not assigned to you/),
      by: { name: expect.stringMatching(/^tech1/) },
      job: { assigneeName: expect.stringMatching(/^tech2/) },
    });
  });

  it('accepts offline work on a reassigned job when the technician made it before learning of the reassignment', async () => {
    const lead = await signInForTest(app, world.emails.lead, PASSWORD);
    const job = world.jobIds[5]!; // tech1's
    const phone = clientId();
    const before = await pullAll(tech, phone);
    await reassignToTech2(lead, job);
    const offlineEdit = await push(tech, {
      schemaVersion: SCHEMA_VERSION,
      clientId: phone,
      mutations: [{ ...notes(1, job, 'done on site'), baseVersion: before }],
    });
    expect(offlineEdit.json()).toMatchObject({ results: [{ status: 'applied' }] });
  });
});

describe('the base version is bounded by what the server knows (a forged one can only be stricter)', () => {
  /** tech1's phone pulls, then the lead moves tech1's job `n` (odd) to tech2: returns the phone and its base. */
  async function reassignedAfterPull(n: number) {
    const lead = await signInForTest(app, world.emails.lead, PASSWORD);
    const job = world.jobIds[n]!;
    const phone = clientId();
    const base = await pullAll(tech, phone);
    await reassignToTech2(lead, job);
    return { job, phone, base };
  }

  const change = async (phone: string, id: number, job: string, baseVersion: number) =>
    (
      await push(tech, {
        schemaVersion: SCHEMA_VERSION,
        clientId: phone,
        mutations: [{ ...notes(id, job, `forged ${baseVersion}`), baseVersion }],
      })
    ).json<{ results: { status: string; code?: string }[] }>().results[0];

  it('refuses baseVersion 0 (before the job was ever theirs) on a job reassigned away', async () => {
    const { job, phone } = await reassignedAfterPull(7);
    expect(await change(phone, 1, job, 0)).toMatchObject({ status: 'refused', code: 'forbidden' });
  });

  it('refuses a base newer than anything the server served that device', async () => {
    const { job, phone } = await reassignedAfterPull(9);
    expect(await change(phone, 1, job, 10_000_000)).toMatchObject({ status: 'refused', code: 'forbidden' });
  });

  it('refuses once the device has been served the reassignment, whatever base it claims later', async () => {
    const { job, phone, base } = await reassignedAfterPull(11);
    const after = await pullAll(tech, phone);
    expect(await change(phone, 1, job, after)).toMatchObject({ status: 'refused', code: 'forbidden' });
    // The honest base of a change made before the reassignment is still accepted.
    expect(await change(phone, 2, job, base)).toMatchObject({ status: 'applied' });
  });

  it('a cursor beyond the log (forged, or from before a restore) resets the device and is not recorded as served', async () => {
    const { job, phone } = await reassignedAfterPull(15);
    const pull = async (cursor: string) => {
      const payload = { schemaVersion: SCHEMA_VERSION, clientId: phone, cursor, limit: 20_000 };
      const res = await app.inject({ method: 'POST', url: '/api/sync/pull', headers: authHeaders(tech), payload });
      expect(res.statusCode, res.body).toBe(200);
      return res.json<{ reset: boolean; cursor: string; changes: { entity: string; id: string }[] }>();
    };
    const [version, , hash] = (await pullCursor(phone)).split('.');
    const forged = await pull(`999999999999999.1.${hash}`);
    // Served again from the start: the device ends with exactly the server's rows, not nothing.
    expect(forged.reset).toBe(true);
    expect(forged.changes.length).toBeGreaterThan(0);
    expect(forged.cursor.split('.')[0]).toBe(version);
    // And the forged version did not become what the device was served: the reassignment's
    // check still holds its claims to a base the server never gave it.
    expect(await change(phone, 1, job, 999_999_999_999_999)).toMatchObject({ status: 'refused', code: 'forbidden' });
  });

  it('a device that never pulled cannot claim to have been assigned', async () => {
    const { job } = await reassignedAfterPull(13);
    expect(await change(clientId(), 1, job, 1)).toMatchObject({ status: 'refused', code: 'forbidden' });
  });
});
