import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId, type ErrorBody } from '@lastmile/domain';
import { SCHEMA_VERSION, type PullResponse, type PushResponse } from '@lastmile/sync';
import { MemoryStore, SyncClient, SyncHttpError, type SyncTransport } from '@lastmile/sync/client';
import { queryRows } from '@lastmile/sync/server';
import { buildApp } from '../../app.ts';
import { hashPassword } from '../../auth/password.ts';
import { parseEnv } from '../../env.ts';
import { authHeaders, signInForTest, type HttpSession } from '../../sync/http-session.ts';
import { buildWorld, type World } from '../../sync/test-world.ts';
import { createTestDb, type TestDb } from '../../test/test-db.ts';

/**
 * Two devices pushing with one client id (a phone restored from a backup of another's browser
 * storage, a cloned device image): the second device's mutation N is not a replay of the first's,
 * and must not be answered as one — its change would be deleted from its outbox unsent.
 */
const PASSWORD = 'correct horse battery';
let testDb: TestDb;
let app: FastifyInstance;
let world: World;
let tech1: HttpSession;

beforeAll(async () => {
  testDb = await createTestDb();
  world = await buildWorld(testDb.db, { passwordHash: await hashPassword(PASSWORD), jobCount: 8 });
  app = await buildApp({ db: testDb.db, config: parseEnv({}), listen: testDb.listen, logger: false });
  tech1 = await signInForTest(app, world.emails.tech1, PASSWORD);
});
afterAll(async () => {
  await app.close();
  await testDb.cleanup();
});

const tech1Job = (i: number) => world.jobIds[1 + 2 * i]!; // jobs 1, 3, 5, 7: tech1's
const notes = (id: number, jobId: string, text: string, clientTime = '2026-12-03T09:00:00.000Z') => ({
  id,
  name: 'updateJobNotes',
  args: { jobId, notes: text },
  clientTime,
  baseVersion: 0,
});
type Sent = ReturnType<typeof notes>;

async function push(clientId: string, mutations: Sent[]) {
  const res = await app.inject({
    method: 'POST',
    url: '/api/sync/push',
    headers: { ...authHeaders(tech1), 'content-type': 'application/json' },
    payload: JSON.stringify({ schemaVersion: SCHEMA_VERSION, clientId, mutations }),
  });
  return { status: res.statusCode, body: res.json<PushResponse & ErrorBody>() };
}

const notesOf = async (jobId: string) =>
  (await queryRows<{ notes: string }>(testDb.db, sql`select notes from jobs where id = ${jobId}`))[0]!.notes;
const lastApplied = async (clientId: string) =>
  Number(
    (
      await queryRows<{ last: string }>(
        testDb.db,
        sql`select last_mutation_id as last from sync_clients where client_id = ${clientId}`,
      )
    )[0]!.last,
  );
const auditCount = async (clientId: string) =>
  Number(
    (
      await queryRows<{ n: string }>(
        testDb.db,
        sql`select count(*) as n from audit_events where client_id = ${clientId}`,
      )
    )[0]!.n,
  );

describe('two devices pushing with one client id', () => {
  it('refuses the second device’s different mutations under the same ids, whole, with 409 client_id_reused', async () => {
    const clientId = `shared-${newId()}`;
    const a = [
      notes(1, tech1Job(0), 'A one', '2026-12-03T09:00:01.000Z'),
      notes(2, tech1Job(1), 'A two', '2026-12-03T09:00:02.000Z'),
      // Refused (not tech1's job): the record of a refusal is its name and arguments.
      notes(3, world.jobIds[2]!, 'A three, refused', '2026-12-03T09:00:03.000Z'),
    ];
    expect((await push(clientId, a)).body.results.map((r) => r.status)).toEqual(['applied', 'applied', 'refused']);

    // Device B, same id, its own changes numbered from 1.
    const b = [notes(1, tech1Job(2), 'B one', '2026-12-03T10:00:01.000Z'), notes(2, tech1Job(3), 'B two')];
    const refused = await push(clientId, b);
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('client_id_reused');
    expect(refused.body.detail).toEqual({ key: 'sync.clientIdReused', params: { mutationId: 1 } });
    expect(await notesOf(tech1Job(2))).toBe('');
    expect(await notesOf(tech1Job(3))).toBe('');
    expect(await lastApplied(clientId)).toBe(3);
    expect(await auditCount(clientId)).toBe(2);

    // Same name and time as A's 1 but its second differs; a refusal replayed with other arguments.
    const sameFirst = await push(clientId, [a[0]!, notes(2, tech1Job(1), 'B two', '2026-12-03T10:00:02.000Z')]);
    expect([sameFirst.status, sameFirst.body.detail?.params]).toEqual([409, { mutationId: 2 }]);
    const otherArgs = await push(clientId, [notes(3, world.jobIds[2]!, 'B three', '2026-12-03T09:00:03.000Z')]);
    expect([otherArgs.status, otherArgs.body.code]).toEqual([409, 'client_id_reused']);
    expect(await notesOf(tech1Job(1))).toBe('A two');
  });

  it('still answers a true replay from what was recorded (exactly once, unchanged)', async () => {
    const clientId = `replay-${newId()}`;
    const a = [
      notes(1, tech1Job(0), 'replayed one', '2026-12-03T11:00:01.000Z'),
      notes(2, world.jobIds[2]!, 'refused', '2026-12-03T11:00:02.000Z'),
      notes(3, tech1Job(1), 'replayed three', '2026-12-03T11:00:03.123Z'),
    ];
    const first = await push(clientId, a);
    const again = await push(clientId, a);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    expect(again.body.results.map((r) => r.status)).toEqual(['applied', 'refused', 'applied']);
    expect(await auditCount(clientId)).toBe(2);
    // A device time written another way (an offset, microseconds) is the same instant.
    const sameInstant = await push(clientId, [{ ...a[2]!, clientTime: '2026-12-03T12:00:03.123456+01:00' }]);
    expect(sameInstant.status).toBe(200);
  });

  it('applies new ids after a true replay, and nothing when a replay in the push differs', async () => {
    const clientId = `mixed-${newId()}`;
    const a = [notes(1, tech1Job(0), 'mixed one'), notes(2, tech1Job(1), 'mixed two')];
    await push(clientId, a);

    const differs = await push(clientId, [
      notes(2, tech1Job(1), 'other two', '2026-12-03T09:00:00.001Z'),
      notes(3, tech1Job(2), 'mixed three'),
    ]);
    expect([differs.status, differs.body.code]).toEqual([409, 'client_id_reused']);
    expect(await notesOf(tech1Job(2))).not.toBe('mixed three');
    expect(await lastApplied(clientId)).toBe(2);

    const fine = await push(clientId, [a[1]!, notes(3, tech1Job(2), 'mixed three')]);
    expect(fine.status).toBe(200);
    expect(fine.body).toEqual({
      lastMutationId: 3,
      results: [
        { id: 2, status: 'applied' },
        { id: 3, status: 'applied' },
      ],
    });
    expect(await notesOf(tech1Job(2))).toBe('mixed three');
  });

  it('ends with both devices’ changes on the server: the second takes a new client id and pushes again', async () => {
    const { a, b, shared } = twoDevices();
    await a.client.sync();
    await b.client.sync();
    await a.client.mutate('updateJobNotes', { jobId: tech1Job(0), notes: 'phone A' });
    await b.client.mutate('updateJobNotes', { jobId: tech1Job(3), notes: 'phone B' });
    await b.client.mutate('updateJobNotes', { jobId: tech1Job(2), notes: 'phone B again' });
    await a.client.sync();
    await b.client.sync();

    expect(await notesOf(tech1Job(0))).toBe('phone A');
    expect(await notesOf(tech1Job(3))).toBe('phone B');
    expect(await notesOf(tech1Job(2))).toBe('phone B again');
    expect(await b.store.listOutbox()).toEqual([]);
    const bId = (await b.store.getMeta())!.clientId;
    expect(bId).not.toBe(shared);
    expect(await lastApplied(bId)).toBe(2);
    expect((await b.store.getMeta())?.trouble ?? null).toBeNull();
    // Both keep syncing, each under its own id.
    await a.client.mutate('updateJobNotes', { jobId: tech1Job(0), notes: 'phone A later' });
    await a.client.sync();
    await b.client.sync();
    expect(await notesOf(tech1Job(0))).toBe('phone A later');
    expect(b.store.snapshotRows().get(`jobs:${tech1Job(0)}`)?.['notes']).toBe('phone A later');
  });

  it('keeps a change the second device has not pushed yet when it pulls first', async () => {
    const { a, b, shared } = twoDevices();
    await a.client.sync();
    await b.client.sync();
    await a.client.mutate('updateJobNotes', { jobId: tech1Job(1), notes: 'A, one' });
    await a.client.mutate('updateJobNotes', { jobId: tech1Job(1), notes: 'A, two' });
    await a.client.sync();
    // B queued a change under id 1 while offline; its first contact is a pull (a poke, an
    // app start): the server's last id for this client (2) covers B's 1.
    await b.client.mutate('updateJobNotes', { jobId: tech1Job(2), notes: 'B, queued offline' });
    await b.client.pullAll();
    expect((await b.store.listOutbox()).map((m) => m.args)).toEqual([
      { jobId: tech1Job(2), notes: 'B, queued offline' },
    ]);
    expect((await b.store.getMeta())?.clientId).not.toBe(shared);
    await b.client.sync();
    expect(await notesOf(tech1Job(2))).toBe('B, queued offline');
    expect(await notesOf(tech1Job(1))).toBe('A, two');
    expect(await b.store.listOutbox()).toEqual([]);
  });
});

/** Two phones whose storage holds one client id (one was restored from a copy of the other's). */
function twoDevices() {
  const shared = `device-${newId()}`;
  const device = () => {
    const store = new MemoryStore();
    let minted = 0;
    const client = new SyncClient({
      store,
      transport: httpTransport(),
      context: () => ({ actor: world.actors.tech1, now: new Date().toISOString() }),
      // The first id is the shared one (copied storage); a new one after that.
      newClientId: () => (minted++ === 0 ? shared : `new-${newId()}`),
    });
    return { store, client };
  };
  return { a: device(), b: device(), shared };
}

/** The real routes, answering errors as the web app's transport does (status, code, detail). */
function httpTransport(): SyncTransport {
  const call = async <T>(url: string, body: unknown): Promise<T> => {
    const res = await app.inject({
      method: 'POST',
      url,
      headers: { ...authHeaders(tech1), 'content-type': 'application/json' },
      payload: JSON.stringify(body),
    });
    if (res.statusCode === 200) return res.json<T>();
    const error = res.json<ErrorBody>();
    throw new SyncHttpError(res.statusCode, error.code, error.message, error.detail);
  };
  return {
    push: (req) => call<PushResponse>('/api/sync/push', req),
    pull: (req) => call<PullResponse>('/api/sync/pull', req),
  };
}
