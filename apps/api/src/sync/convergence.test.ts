import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  formResponseIdFor,
  newId,
  type Actor,
  type JobRow,
  type MutatorArgs,
  type MutatorName,
} from '@lastmile/domain';
import type { PullRequest, PushRequest } from '@lastmile/sync';
import { MemoryStore, SyncClient, type SyncTransport } from '@lastmile/sync/client';
import { compactChanges, queryRows, type ServerMutators } from '@lastmile/sync/server';
import { sql } from 'drizzle-orm';
import { serverMutators } from '../mutators/index.ts';
import { createTestDb, type TestDb } from '../test/test-db.ts';
import { inProcessTransport } from './in-process-transport.ts';
import { buildWorld, publishWorldForm, type World } from './test-world.ts';

/**
 * The sync engine's central promise, checked as a property: simulated clients make random
 * changes while the network drops requests, drops responses after the server committed,
 * duplicates and replays old deliveries, and the server crashes mid-transaction. Once the
 * network heals, every client holds exactly the server's state for its scopes, every change
 * was either applied once or refused with a reason, and none was applied twice.
 */

type Fault = 'none' | 'dropRequest' | 'dropResponse' | 'duplicate' | 'replayOld' | 'crash';

class NetworkError extends Error {}
/** The server process dies mid-transaction: to the push it looks like a lost database connection. */
class CrashError extends Error {
  readonly code = 'ECONNRESET';
}

/** Server mutators that can be told to crash (throw a non-domain error) inside the transaction. */
function crashable(crash: { next: boolean }): ServerMutators {
  const wrapped: Record<string, unknown> = {};
  for (const [name, fn] of Object.entries(serverMutators)) {
    wrapped[name] = async (...args: unknown[]) => {
      await (fn as (...a: unknown[]) => Promise<void>)(...args);
      if (crash.next) {
        crash.next = false;
        throw new CrashError('server killed mid-transaction');
      }
    };
  }
  return wrapped as ServerMutators;
}

/** A transport that misbehaves as told before each call. */
function faultyTransport(inner: SyncTransport, crash: { next: boolean }) {
  const history: PushRequest[] = [];
  let fault: Fault = 'none';
  const transport: SyncTransport = {
    async push(req) {
      const f = fault;
      if (f === 'dropRequest') throw new NetworkError('request lost');
      if (f === 'crash') crash.next = true;
      if (f === 'replayOld' && history.length > 0) {
        await inner.push(history[Math.floor(history.length / 2)]!).catch(() => undefined);
      }
      history.push(req);
      const res = await inner.push(req).catch((e: unknown) => {
        crash.next = false;
        throw e instanceof CrashError ? new NetworkError('connection reset') : e;
      });
      if (f === 'duplicate') return inner.push(req);
      if (f === 'dropResponse') throw new NetworkError('response lost');
      return res;
    },
    async pull(req: PullRequest) {
      if (fault === 'dropRequest') throw new NetworkError('request lost');
      const res = await inner.pull(req);
      if (fault === 'dropResponse') throw new NetworkError('response lost');
      return res;
    },
  };
  return { transport, setFault: (f: Fault) => (fault = f) };
}

type Sim = {
  name: keyof World['actors'];
  actor: Actor;
  store: MemoryStore;
  client: SyncClient;
  setFault: (f: Fault) => void;
};

function makeClient(db: TestDb['db'], actor: Actor, name: Sim['name'], crash: { next: boolean }): Sim {
  const store = new MemoryStore();
  const { transport, setFault } = faultyTransport(inProcessTransport(db, actor, crashable(crash)), crash);
  let tick = 0;
  const client = new SyncClient({
    store,
    transport,
    pushBatchSize: 3,
    pullLimit: 7,
    context: () => ({ actor, now: new Date(Date.UTC(2026, 10, 21, 9, 0, tick++)).toISOString() }),
  });
  return { name, actor, store, client, setFault };
}

const statusArb = fc.constantFrom(
  'in_progress',
  'paused',
  'completed',
  'submitted',
  'approved',
  'sent_back',
  'cancelled' as const,
);
const faultArb = fc.constantFrom<Fault>(
  'none',
  'none',
  'dropRequest',
  'dropResponse',
  'duplicate',
  'replayOld',
  'crash',
);
const stepArb = fc.oneof(
  fc.record({ kind: fc.constant('status' as const), who: fc.nat(3), job: fc.nat(5), to: statusArb }),
  fc.record({
    kind: fc.constant('notes' as const),
    who: fc.nat(3),
    job: fc.nat(5),
    text: fc.string({ maxLength: 12 }),
  }),
  fc.record({ kind: fc.constant('message' as const), who: fc.nat(3), job: fc.nat(5) }),
  fc.record({ kind: fc.constant('assign' as const), who: fc.nat(3), job: fc.nat(5), to: fc.nat(2) }),
  fc.record({ kind: fc.constant('item' as const), who: fc.nat(3), job: fc.nat(5) }),
  fc.record({
    kind: fc.constant('answer' as const),
    who: fc.nat(3),
    job: fc.nat(5),
    field: fc.nat(2),
    value: fc.nat(120),
  }),
  fc.record({ kind: fc.constant('sync' as const), who: fc.nat(3), fault: faultArb }),
  // The server compacts its change log meanwhile, sometimes dropping every tombstone (cursors reset).
  fc.record({ kind: fc.constant('compact' as const), who: fc.nat(3), keep: fc.constantFrom(0, 1, 5, 1000) }),
);

async function tryMutate<N extends MutatorName>(sim: Sim, name: N, args: MutatorArgs<N>): Promise<boolean> {
  try {
    await sim.client.mutate(name, args);
    return true;
  } catch {
    return false; // refused on the device (e.g. an illegal transition): nothing queued
  }
}

/**
 * Runs of the model: CONVERGENCE_RUNS if set (`pnpm test:long` sets thousands), else 200 on
 * PostgreSQL (CI) and 25 on the embedded PGlite, where each run costs several times more.
 */
function convergenceRuns(kind: TestDb['kind']): number {
  const set = process.env['CONVERGENCE_RUNS'];
  if (set) return Number(set);
  return kind === 'postgres' ? 200 : 25;
}

let testDb: TestDb;
beforeAll(async () => {
  testDb = await createTestDb();
});
afterAll(async () => {
  await testDb.cleanup();
});

describe('sync convergence under faults', () => {
  it('converges, loses nothing and applies nothing twice', async () => {
    let answersStored = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(stepArb, { minLength: 5, maxLength: 40 }), async (steps) => {
        const db = testDb.db;
        const world = await buildWorld(db);
        const crash = { next: false };
        const sims = (['office', 'lead', 'tech1', 'tech2'] as const).map((n) =>
          makeClient(db, world.actors[n], n, crash),
        );
        for (const sim of sims) await sim.client.sync();
        const messages = new Map<string, Sim>();
        const people = [world.actors.tech1.userId, world.actors.tech2.userId, world.actors.lead.userId];
        // A published form; every device that answers on a job starts it under the job's one response id.
        const form = await publishWorldForm(db, world, 'Convergence form', [
          { key: 'make', label: 'Make', type: 'shortText' },
          { key: 'serial', label: 'Serial', type: 'shortText' },
          { key: 'co_ppm', label: 'CO', type: 'number', min: 0, max: 100 },
        ]);
        for (const sim of sims) await sim.client.sync();
        // Two people may start a job's form offline. The office and the lead use the id the app
        // derives from job and template; the technicians' devices each pick their own (as another
        // client may), so the server joins them by alias (R6): all answers land in one form.
        const responseIds = sims.map((sim, i) =>
          world.jobIds.map((jobId) => (i < 2 ? formResponseIdFor(jobId, form.templateId) : newId())),
        );

        for (const step of steps) {
          const sim = sims[step.who]!;
          if (step.kind === 'compact') {
            await compactChanges(db, world.orgId, { versions: step.keep, days: 0 });
            continue;
          }
          if (step.kind === 'sync') {
            sim.setFault(step.fault);
            await sim.client.sync().catch((e: unknown) => {
              if (!(e instanceof NetworkError)) throw e;
            });
            sim.setFault('none');
            // A crash armed for this step but not reached (no mutator ran) must not hit a later step.
            crash.next = false;
            continue;
          }
          const jobId = world.jobIds[step.job]!;
          const local = (await sim.store.transact((tx) => tx.getRow('jobs', jobId))) as JobRow | undefined;
          if (!local) continue;
          if (step.kind === 'status') await tryMutate(sim, 'transitionJob', { jobId, to: step.to, reason: 'because' });
          if (step.kind === 'notes') await tryMutate(sim, 'updateJobNotes', { jobId, notes: step.text });
          if (step.kind === 'assign') {
            await tryMutate(sim, 'assignJob', {
              jobId,
              expectedAssigneeId: local.assigneeId,
              assigneeId: people[step.to]!,
              handoffNote: 'keys under the mat',
            });
          }
          if (step.kind === 'item') {
            await tryMutate(sim, 'addOutstandingItem', {
              id: newId(),
              title: 'Fix it',
              description: '',
              jobId,
              siteId: null,
              ownerId: null,
              dueDate: null,
              priority: 'normal',
            });
          }
          if (step.kind === 'message') {
            const body = `msg ${newId()}`;
            if (await tryMutate(sim, 'postJobMessage', { id: newId(), jobId, body })) messages.set(body, sim);
          }
          if (step.kind === 'answer') {
            const responseId = responseIds[step.who]![step.job]!;
            const started = await sim.store.transact((tx) => tx.getRow('formResponses', responseId));
            if (!started) await tryMutate(sim, 'startForm', { id: responseId, jobId, templateVersionId: form.id });
            const fieldKey = (['make', 'serial', 'co_ppm'] as const)[step.field]!;
            // Values past the field's maximum are refused on the device or by the server, never stored.
            const value = fieldKey === 'co_ppm' ? step.value : `${sim.name}-${step.value}`;
            await tryMutate(sim, 'setAnswer', { responseId, fieldKey, value, capturedAt: new Date().toISOString() });
          }
        }

        // The network heals: two rounds so everyone also sees the others' last changes.
        for (let round = 0; round < 2; round++) for (const sim of sims) await sim.client.sync();

        for (const sim of sims) {
          expect(await sim.store.listOutbox(), `${sim.name} outbox`).toEqual([]);
          const meta = await sim.store.getMeta();
          const [server] = await queryRows<{ last_mutation_id: string | number }>(
            db,
            sql`select last_mutation_id from sync_clients where client_id = ${meta!.clientId}`,
          );
          // Every mutation the device queued was processed by the server, none skipped.
          expect(Number(server?.last_mutation_id ?? 0), `${sim.name} processed`).toBe(meta!.nextMutationId - 1);
          // Convergence: a fresh device of the same person pulls exactly what this one holds.
          const fresh = makeClient(db, sim.actor, sim.name, crash);
          await fresh.client.sync();
          expect(sim.store.snapshotRows(), `${sim.name} converged`).toEqual(fresh.store.snapshotRows());
        }

        // Each message the server accepted exists exactly once; each other one was refused with a reason.
        const refusedBodies = new Set<string>();
        for (const sim of sims) {
          for (const r of await sim.store.listRefused()) {
            expect(r.reason.length).toBeGreaterThan(0);
            if (r.name === 'postJobMessage') refusedBodies.add((r.args as { body: string }).body);
          }
        }
        for (const body of messages.keys()) {
          const [row] = await queryRows<{ n: string | number }>(
            db,
            sql`select count(*) as n from job_messages where body = ${body}`,
          );
          expect(Number(row?.n), `message ${body}`).toBe(refusedBodies.has(body) ? 0 : 1);
        }

        // One form per job and template, whoever started it and under whichever id.
        const [forms] = await queryRows<{ duplicates: string | number }>(
          db,
          sql`select count(*) - count(distinct (job_id, template_id)) as duplicates from form_responses where org_id = ${world.orgId}`,
        );
        expect(Number(forms?.duplicates)).toBe(0);

        // The office's view of the answers equals the answers table (last write at the server wins).
        const dbAnswers = await queryRows<{ response_id: string; field_key: string; value: unknown }>(
          db,
          sql`select response_id, field_key, value from form_answers where org_id = ${world.orgId}`,
        );
        answersStored += dbAnswers.length;
        for (const answer of dbAnswers) {
          if (answer.field_key === 'co_ppm') expect(Number(answer.value)).toBeLessThanOrEqual(100);
          const local = await sims[0]!.store.transact((tx) =>
            tx.getRow('formAnswers', `${answer.response_id}:${answer.field_key}`),
          );
          expect((local as { value: unknown } | undefined)?.value).toEqual(answer.value);
        }

        // The office's view equals the jobs table itself.
        const office = sims[0]!;
        const dbJobs = await queryRows<{ id: string; status: string; assignee_id: string | null; notes: string }>(
          db,
          sql`select id, status, assignee_id, notes from jobs where org_id = ${world.orgId}`,
        );
        for (const job of dbJobs) {
          const local = (await office.store.transact((tx) => tx.getRow('jobs', job.id))) as JobRow | undefined;
          expect(local && { status: local.status, assigneeId: local.assigneeId, notes: local.notes }).toEqual({
            status: job.status,
            assigneeId: job.assignee_id,
            notes: job.notes,
          });
        }
      }),
      { numRuns: convergenceRuns(testDb.kind), endOnFailure: true },
    );
    // The answer steps reached the server (not all refused on the way).
    expect(answersStored).toBeGreaterThan(0);
    // 200 runs on PostgreSQL take ~1–2 minutes on a shared 2-core machine: more than the default limit.
  }, 300_000);
});
