import { Writable } from 'node:stream';
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formResponseIdFor, newId } from '@lastmile/domain';
import { pullResponseSchema, pushResponseSchema } from '@lastmile/sync';
import { MemoryStore, SyncClient, SyncHttpError, type SyncTransport } from '@lastmile/sync/client';
import { buildApp } from '../app.ts';
import { hashPassword } from '../auth/password.ts';
import { parseEnv } from '../env.ts';
import { createTestDb, type TestDb } from '../test/test-db.ts';
import { authHeaders, signInForTest, type HttpSession } from './http-session.ts';
import { buildWorld, publishWorldForm, type World } from './test-world.ts';

/**
 * Pushes from several devices at once, through the real routes, touching the same jobs, items,
 * messages and forms in random orders (the same items in opposite orders, one item twice, two
 * people starting one form): no 5xx, no deadlock, and every device converges. Meaningful only on
 * PostgreSQL (PGlite runs one transaction at a time), so it runs where TEST_DATABASE_URL is set.
 */
const PASSWORD = 'correct horse battery';
const onPostgres = Boolean(process.env['TEST_DATABASE_URL']);
let testDb: TestDb;
let app: FastifyInstance;
let world: World;
const log: string[] = [];
const statuses: number[] = [];

beforeAll(async () => {
  if (!onPostgres) return;
  testDb = await createTestDb();
  world = await buildWorld(testDb.db, { passwordHash: await hashPassword(PASSWORD), jobCount: 6 });
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      log.push(chunk.toString());
      done();
    },
  });
  app = await buildApp({
    db: testDb.db,
    config: parseEnv({}),
    listen: testDb.listen,
    logger: { level: 'warn', stream },
  });
});
afterAll(async () => {
  if (!onPostgres) return;
  await app.close();
  await testDb.cleanup();
});

function transport(session: HttpSession): SyncTransport {
  const post = async (url: string, payload: unknown) => {
    const res = await app.inject({ method: 'POST', url, headers: authHeaders(session), payload: payload as object });
    statuses.push(res.statusCode);
    const body = res.json<{ code?: string; message?: string }>();
    if (res.statusCode >= 400) throw new SyncHttpError(res.statusCode, body.code ?? '?', body.message ?? '');
    return body;
  };
  return {
    push: async (req) => pushResponseSchema.parse(await post('/api/sync/push', req)),
    pull: async (req) => pullResponseSchema.parse(await post('/api/sync/pull', req)),
  };
}

const opArb = fc.record({
  kind: fc.constantFrom('notes', 'message', 'itemPair', 'itemTwice', 'answer'),
  job: fc.constantFrom(1, 3, 5),
  reverse: fc.boolean(),
  field: fc.constantFrom('make', 'serial'),
});

describe.skipIf(!onPostgres)('concurrent pushes on PostgreSQL', () => {
  it('never deadlock, never answer 5xx, and converge', async () => {
    const form = await publishWorldForm(testDb.db, world, 'Concurrency form', [
      { key: 'make', label: 'Make', type: 'shortText' },
      { key: 'serial', label: 'Serial', type: 'shortText' },
    ]);
    // Two devices each for the office, the lead and tech1 (the technician works on jobs 1, 3, 5).
    const people = ['office', 'office', 'lead', 'lead', 'tech1', 'tech1'] as const;
    const devices = await Promise.all(
      people.map(async (who) => {
        const session = await signInForTest(app, world.emails[who], PASSWORD);
        const actor = world.actors[who];
        const store = new MemoryStore();
        const client = new SyncClient({
          store,
          transport: transport(session),
          context: () => ({ actor, now: new Date().toISOString() }),
        });
        await client.sync();
        return { who, actor, store, client, session };
      }),
    );
    const items = [newId(), newId()];
    for (const id of items) {
      await devices[0]!.client.mutate('addOutstandingItem', {
        id,
        title: 'Shared',
        description: '',
        jobId: world.jobIds[1]!,
        siteId: null,
        ownerId: null,
        dueDate: null,
        priority: 'normal',
      });
    }
    for (const d of devices) await d.client.sync();

    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(opArb, { minLength: 1, maxLength: 6 }), { minLength: 6, maxLength: 6 }),
        async (plans) => {
          for (const [i, plan] of plans.entries()) {
            const d = devices[i]!;
            for (const op of plan) {
              const jobId = world.jobIds[op.job]!;
              const m = d.client;
              const safe = (p: Promise<unknown>) => p.catch(() => undefined); // refused on the device: nothing queued
              if (op.kind === 'notes') await safe(m.mutate('updateJobNotes', { jobId, notes: `${d.who} ${newId()}` }));
              if (op.kind === 'message')
                await safe(m.mutate('postJobMessage', { id: newId(), jobId, body: `hi from ${d.who}` }));
              if (op.kind === 'itemPair' || op.kind === 'itemTwice') {
                const order =
                  op.kind === 'itemTwice' ? [items[0]!, items[0]!] : op.reverse ? [...items].reverse() : items;
                for (const id of order)
                  await safe(m.mutate('updateOutstandingItem', { id, description: `${d.who} ${newId()}` }));
              }
              if (op.kind === 'answer') {
                const responseId = formResponseIdFor(jobId, form.templateId);
                await safe(m.mutate('startForm', { id: responseId, jobId, templateVersionId: form.id }));
                await safe(
                  m.mutate('setAnswer', {
                    responseId,
                    fieldKey: op.field,
                    value: d.who,
                    capturedAt: new Date().toISOString(),
                  }),
                );
              }
            }
          }
          // Everyone pushes at once.
          await Promise.all(devices.map((d) => d.client.sync()));
        },
      ),
      { numRuns: Number(process.env['CONCURRENCY_RUNS'] ?? 25) },
    );

    for (let round = 0; round < 2; round++) await Promise.all(devices.map((d) => d.client.sync()));
    expect(statuses.filter((s) => s >= 500)).toEqual([]);
    expect(log.filter((line) => /deadlock|40P01|lost a race/i.test(line))).toEqual([]);
    for (const d of devices) {
      expect(await d.store.listOutbox()).toEqual([]);
      const fresh = new MemoryStore();
      await new SyncClient({
        store: fresh,
        transport: transport(d.session),
        context: () => ({ actor: d.actor, now: new Date().toISOString() }),
      }).sync();
      expect(d.store.snapshotRows(), `${d.who} converged`).toEqual(fresh.snapshotRows());
    }
    expect(statuses.length).toBeGreaterThan(100);
  });
});
