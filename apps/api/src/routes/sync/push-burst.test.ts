import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '@lastmile/domain';
import { SCHEMA_VERSION } from '@lastmile/sync';
import { queryRows } from '@lastmile/sync/server';
import { buildApp } from '../../app.ts';
import { hashPassword } from '../../auth/password.ts';
import { parseEnv } from '../../env.ts';
import { authHeaders, signInForTest, type HttpSession } from '../../sync/http-session.ts';
import { buildWorld, type World } from '../../sync/test-world.ts';
import { waitForLockWaiters } from '../../test/lock-waiters.ts';
import { createTestDb, type TestDb } from '../../test/test-db.ts';

/**
 * A burst of pushes through the real route while the organization is busy (another transaction
 * holds its write lock), so that they queue and go to the database as groups (ADR 0044), with
 * pushes that must fail as a whole mixed in: a gap, a client id of another person, a client id
 * pushed twice. Whatever groups they form, each push must get exactly its own answer, every good
 * push must be applied once, and nothing of a failed one kept. PostgreSQL only: on PGlite the lock
 * holder would hold the only connection.
 */
const PASSWORD = 'correct horse battery';
const onPostgres = Boolean(process.env['TEST_DATABASE_URL']);
let testDb: TestDb;
let app: FastifyInstance;
let world: World;
let sessions: Record<'tech1' | 'tech2' | 'lead', HttpSession>;

beforeAll(async () => {
  if (!onPostgres) return;
  testDb = await createTestDb();
  world = await buildWorld(testDb.db, { passwordHash: await hashPassword(PASSWORD), jobCount: 12 });
  app = await buildApp({ db: testDb.db, config: parseEnv({}), listen: testDb.listen, logger: false });
  sessions = {
    tech1: await signInForTest(app, world.emails.tech1, PASSWORD),
    tech2: await signInForTest(app, world.emails.tech2, PASSWORD),
    lead: await signInForTest(app, world.emails.lead, PASSWORD),
  };
});
afterAll(async () => {
  if (!onPostgres) return;
  await app.close();
  await testDb.cleanup();
});

/**
 * Holds the organization's write lock in a transaction of its own, as a long office edit would,
 * until `release`; `waitForWaiters(n)` returns once n sessions of the database wait on a lock.
 */
async function holdOrgLock(orgId: string) {
  const client = new pg.Client({ connectionString: testDb.databaseUrl });
  await client.connect();
  await client.query('begin');
  await client.query('select 1 from sync_org_versions where org_id = $1 for no key update', [orgId]);
  return {
    waitForWaiters: (n: number) => waitForLockWaiters(client, n),
    async release(): Promise<void> {
      await client.query('commit');
      await client.end();
    },
  };
}

const tech1Job = (i: number) => world.jobIds[1 + 2 * i]!; // jobs 1, 3, 5, …
const tech2Job = (i: number) => world.jobIds[2 + 2 * i]!; // jobs 2, 4, 6, …
const notes = (id: number, jobId: string, text: string) => ({
  id,
  name: 'updateJobNotes',
  args: { jobId, notes: text },
  clientTime: '2026-12-02T09:00:00.000Z',
  baseVersion: 0,
});

function push(who: keyof typeof sessions, clientId: string, mutations: ReturnType<typeof notes>[]) {
  return app.inject({
    method: 'POST',
    url: '/api/sync/push',
    headers: { ...authHeaders(sessions[who]), 'content-type': 'application/json' },
    payload: JSON.stringify({ schemaVersion: SCHEMA_VERSION, clientId, mutations }),
  });
}

describe.skipIf(!onPostgres)('a burst of pushes behind a busy organization', () => {
  it('answers each push its own result and applies every good one once, whatever groups they form', async () => {
    const c = (name: string) => `burst-${name}-${newId()}`;
    const clients = { a: c('a'), b: c('b'), gap: c('gap'), d: c('d'), e: c('e'), twice: c('twice') };
    // Client b is tech2's from an earlier push: whichever of the burst's two pushes through it
    // arrives first, tech1's is the one refused.
    expect((await push('tech2', clients.b, [notes(1, tech2Job(1), 'b1')])).statusCode).toBe(200);
    const lock = await holdOrgLock(world.orgId);
    const responses = [
      push('tech1', clients.a, [notes(1, tech1Job(0), 'a1'), notes(2, tech2Job(0), 'not mine')]),
      push('tech2', clients.b, [notes(2, tech2Job(1), 'b2')]),
      // Nothing applied from this client yet: 3 cannot come first.
      push('tech2', clients.gap, [notes(3, tech2Job(2), 'gap')]),
      // tech2's client, pushed by tech1.
      push('tech1', clients.b, [notes(2, tech1Job(1), 'not your client')]),
      push('lead', clients.d, [notes(1, tech1Job(2), 'lead d1'), notes(2, tech2Job(3), 'lead d2')]),
      push('tech1', clients.twice, [notes(1, tech1Job(3), 'once')]),
      // The same push again (a retry queued behind its first attempt): a replay.
      push('tech1', clients.twice, [notes(1, tech1Job(3), 'once')]),
      push('tech2', clients.e, [notes(1, tech2Job(4), 'e1'), notes(2, tech2Job(4), 'e2')]),
    ];
    // Let every push reach the queue (or the lock) before the organization frees up.
    await lock.waitForWaiters(1);
    await new Promise((resolve) => setTimeout(resolve, 300));
    await lock.release();
    const answers = (await Promise.all(responses)).map((res) => ({
      status: res.statusCode,
      body: res.json<{ code?: string; lastMutationId?: number; results?: { status: string }[] }>(),
    }));
    const summary = answers.map(({ status, body }) =>
      status === 200 ? body.results!.map((r) => r.status) : `${status} ${body.code}`,
    );
    expect(summary).toEqual([
      ['applied', 'refused'],
      ['applied'],
      '409 mutation_gap',
      '403 client_mismatch',
      ['applied', 'applied'],
      ['applied'],
      ['applied'],
      ['applied', 'applied'],
    ]);
    expect(answers[6]!.body.lastMutationId).toBe(1);

    const rows = await queryRows<{ id: string; notes: string }>(
      testDb.db,
      sql`select id, notes from jobs where org_id = ${world.orgId}`,
    );
    const notesOf = new Map(rows.map((r) => [r.id, r.notes]));
    expect(
      [tech1Job(0), tech2Job(1), tech1Job(2), tech2Job(3), tech1Job(3), tech2Job(4)].map((j) => notesOf.get(j)),
    ).toEqual(['a1', 'b2', 'lead d1', 'lead d2', 'once', 'e2']);
    // Nothing of the failed pushes: tech2's third job and tech1's second keep their notes.
    expect(notesOf.get(tech2Job(2))).toBe('');
    expect(notesOf.get(tech1Job(1))).toBe('');
    const clientRows = await queryRows<{ client_id: string; last_mutation_id: string }>(
      testDb.db,
      sql`select client_id, last_mutation_id from sync_clients where client_id like 'burst-%' order by client_id`,
    );
    expect(Object.fromEntries(clientRows.map((r) => [r.client_id, Number(r.last_mutation_id)]))).toEqual({
      [clients.a]: 2,
      [clients.b]: 2,
      [clients.d]: 2,
      [clients.e]: 2,
      [clients.twice]: 1,
    });
    // The refusal is recorded once, for the push that made it.
    const refused = await queryRows<{ client_id: string; mutation_id: string }>(
      testDb.db,
      sql`select client_id, mutation_id from sync_mutation_results where client_id like 'burst-%'`,
    );
    expect(refused.map((r) => [r.client_id, Number(r.mutation_id)])).toEqual([[clients.a, 2]]);
  });
});
