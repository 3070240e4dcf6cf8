import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError, ERROR_CODES, newId, type Actor } from '@lastmile/domain';
import { SCHEMA_VERSION, type Mutation, type MutationResult } from '@lastmile/sync';
import {
  processPush,
  queryRows,
  type PushPrefetch,
  type ServerMutators,
  type PushUnitOfWork,
} from '@lastmile/sync/server';
import { jobs } from '../db/schema/index.ts';
import { recordPushAudit } from '../services/audit/record-push-audit.ts';
import { buildWorld, type World } from '../sync/test-world.ts';
import { comparable, latestVersion } from '../sync/comparable-state.ts';
import { seededRandom } from '../test/seeded-random.ts';
import { loggedChanges } from '../test/logged-changes.ts';
import { createTestDb, type TestDb } from '../test/test-db.ts';
import { pushUnitOfWork, serverMutators } from './index.ts';

/**
 * The optimistic push (buffered writes, refusals without a rollback; ADR 0036) must leave exactly
 * what the reference run — a savepoint per mutation, every write straight to the database — leaves.
 * Each case builds two identical organizations, pushes the same batch to one optimistically and
 * to the other with savepoints only, and compares everything the push wrote: jobs, messages, the
 * change log, the refusals, the audit trail and the answer. Ids and times differ between the two
 * organizations, so every UUID is numbered by first appearance and every timestamp blanked.
 */

let testDb: TestDb;
beforeAll(async () => {
  testDb = await createTestDb();
});
afterAll(async () => {
  await testDb.cleanup();
});

type Step = Pick<Mutation, 'name' | 'args'>;
type Batch = (w: World) => Step[];

/** Counts the attempts of a push: the prefetch runs once per transaction. */
function counting(): { unitOfWork: PushUnitOfWork; attempts: () => number } {
  let attempts = 0;
  const prefetch: PushPrefetch = (...args) => {
    attempts++;
    return pushUnitOfWork.prefetch(...args);
  };
  return { unitOfWork: { ...pushUnitOfWork, prefetch }, attempts: () => attempts };
}

async function push(
  w: World,
  actor: Actor,
  clientId: string,
  steps: Step[],
  options: { savepointsOnly: boolean; unitOfWork?: PushUnitOfWork; mutators?: ServerMutators },
): Promise<MutationResult[]> {
  const clientTime = new Date().toISOString();
  const res = await processPush(
    testDb.db,
    actor,
    {
      schemaVersion: SCHEMA_VERSION,
      clientId,
      mutations: steps.map((s, i) => ({ id: i + 1, ...s, clientTime, baseVersion: 0 })),
    },
    options.mutators ?? serverMutators,
    {
      unitOfWork: options.unitOfWork ?? pushUnitOfWork,
      audit: recordPushAudit,
      savepointsOnly: options.savepointsOnly,
      sleep: async () => undefined,
    },
  );
  return res.results;
}

/** Everything a push can have written for this organization and client, as comparable text. */
async function snapshot(w: World, clientId: string, results: MutationResult[], after: number): Promise<string> {
  const q = <R>(query: ReturnType<typeof sql>) => queryRows<R>(testDb.db, query);
  const state = {
    results,
    jobs: await q(sql`select number, status, notes, status_reason, assignee_id, team_id, updated_by
                      from ${jobs} where org_id = ${w.orgId} order by number`),
    messages: await q(
      sql`select id, job_id, author_id, body from job_messages where org_id = ${w.orgId} order by body, id`,
    ),
    refused: await q(sql`select mutation_id, name, code, reason, args from sync_mutation_results
                         where client_id = ${clientId} order by mutation_id`),
    changes: await q(sql`select c.scope, c.entity, c.entity_id, c.op, r.row from ${loggedChanges}
                         where c.org_id = ${w.orgId} and c.version > ${after} order by c.version, c.id`),
    audit: await q(sql`select mutation_id, user_id, action, entity, entity_id, job_id, changes from audit_events
                       where client_id = ${clientId} order by mutation_id`),
  };
  return comparable(state);
}

const versionOf = (w: World) => latestVersion(testDb.db, w.orgId);

/**
 * Pushes `batch` as tech1 to two fresh organizations, optimistically and with savepoints, and
 * checks they end up the same. Returns the optimistic answer and how many attempts it took.
 */
async function compare(
  batch: Batch,
  mutators?: ServerMutators,
): Promise<{ results: MutationResult[]; attempts: number }> {
  const [a, b] = [await buildWorld(testDb.db, { jobCount: 12 }), await buildWorld(testDb.db, { jobCount: 12 })];
  // What the worlds' creation logged differs (random names): compare what the push logged.
  const [afterA, afterB] = [await versionOf(a), await versionOf(b)];
  const clientA = `uow-a-${newId()}`;
  const clientB = `uow-b-${newId()}`;
  const { unitOfWork, attempts } = counting();
  const optimistic = await push(a, a.actors.tech1, clientA, batch(a), {
    savepointsOnly: false,
    unitOfWork,
    ...(mutators ? { mutators } : {}),
  });
  const reference = await push(b, b.actors.tech1, clientB, batch(b), {
    savepointsOnly: true,
    ...(mutators ? { mutators } : {}),
  });
  expect(await snapshot(a, clientA, optimistic, afterA)).toEqual(await snapshot(b, clientB, reference, afterB));
  return { results: optimistic, attempts: attempts() };
}

const own = (w: World, i: number) => w.jobIds[1 + 2 * (i % 6)]!; // tech1's jobs: 1, 3, …, 11
const theirs = (w: World, i: number) => w.jobIds[2 + 2 * (i % 5)]!; // tech2's jobs: 2, 4, …, 10
const notes = (w: World, i: number): Step => ({ name: 'updateJobNotes', args: { jobId: own(w, i), notes: `n${i}` } });
const notMine = (w: World, i: number): Step => ({
  name: 'updateJobNotes',
  args: { jobId: theirs(w, i), notes: `not mine ${i}` },
});

/**
 * Real work with about one refusal in six: notes (buffered), status changes (legal or not, written
 * through), messages (written through, so the buffered notes are flushed before them), and
 * changes to another technician's job or to a job that does not exist (refused).
 */
function mixedBatch(seed: number): Batch {
  return (w) => {
    const next = seededRandom(seed);
    const statuses = ['in_progress', 'paused', 'completed', 'in_progress'] as const;
    return Array.from({ length: 100 }, (_, i): Step => {
      const r = next();
      if (r < 0.55) return notes(w, Math.floor(next() * 6));
      if (r < 0.63) return notMine(w, i);
      if (r < 0.66) return { name: 'updateJobNotes', args: { jobId: newId(), notes: 'nowhere' } };
      if (r < 0.86) {
        const to = statuses[Math.floor(next() * statuses.length)]!;
        return {
          name: 'transitionJob',
          args: { jobId: own(w, Math.floor(next() * 6)), to, ...(to === 'paused' ? { reason: 'parts' } : {}) },
        };
      }
      if (r < 0.95) return { name: 'postJobMessage', args: { id: newId(), jobId: own(w, i), body: `m${i}` } };
      return { name: 'postJobMessage', args: { id: newId(), jobId: theirs(w, i), body: `theirs ${i}` } };
    });
  };
}

const refusedAt = (results: MutationResult[]) => results.filter((r) => r.status === 'refused').map((r) => r.id);

describe('the optimistic push with a unit of work leaves exactly what the savepoint run leaves', () => {
  it('refusals at the start, in the middle and at the end of 100 buffered notes cost no re-run', async () => {
    const { results, attempts } = await compare((w) =>
      Array.from({ length: 100 }, (_, i) => ([0, 49, 99].includes(i) ? notMine(w, i) : notes(w, i))),
    );
    expect(refusedAt(results)).toEqual([1, 50, 100]);
    expect(attempts).toBe(1);
  });

  it.each([1, 2, 3])('a mixed batch with about one refusal in six (seed %i), in one attempt', async (seed) => {
    const { results, attempts } = await compare(mixedBatch(seed));
    const refused = refusedAt(results).length;
    expect(refused).toBeGreaterThanOrEqual(8);
    expect(refused).toBeLessThanOrEqual(40);
    expect(attempts).toBe(1);
  });

  it('a mutation refused after buffering its write is undone alone; later ones read the row before it', async () => {
    const refusesAfterBuffering: ServerMutators = {
      ...serverMutators,
      updateJobNotes: async (tx, args, ctx) => {
        await serverMutators.updateJobNotes(tx, args, ctx);
        if (args.notes === 'refuse me') throw new AppError(ERROR_CODES.forbidden, 'refused after buffering');
      },
    };
    const { results, attempts } = await compare(
      (w) => [
        notes(w, 0),
        { name: 'updateJobNotes', args: { jobId: own(w, 0), notes: 'refuse me' } },
        // Written through: it reads the job from the database, which must hold n0, never "refuse me".
        { name: 'transitionJob', args: { jobId: own(w, 0), to: 'in_progress' } },
        notes(w, 1),
      ],
      refusesAfterBuffering,
    );
    expect(results.map((r) => r.status)).toEqual(['applied', 'refused', 'applied', 'applied']);
    expect(attempts).toBe(1);
  });

  it('a refusal after a write to the database re-runs the batch with savepoints, with the same outcome', async () => {
    const refusesAfterWriting: ServerMutators = {
      ...serverMutators,
      postJobMessage: async (tx, args, ctx) => {
        await serverMutators.postJobMessage(tx, args, ctx);
        if (args.body === 'refuse me') throw new AppError(ERROR_CODES.forbidden, 'refused after writing');
      },
    };
    const { results, attempts } = await compare(
      (w) => [
        notes(w, 0),
        { name: 'postJobMessage', args: { id: newId(), jobId: own(w, 0), body: 'refuse me' } },
        notes(w, 1),
      ],
      refusesAfterWriting,
    );
    expect(results.map((r) => r.status)).toEqual(['applied', 'refused', 'applied']);
    expect(attempts).toBe(2);
  });

  it('a mutator that swallows a failed statement and refuses sends the batch to the savepoint run', async () => {
    // Against the rules (ADR 0008), but it must not commit a half-aborted transaction: the next
    // statement fails with 25P02 and the batch is re-run with savepoints.
    const swallows: ServerMutators = {
      ...serverMutators,
      updateJobNotes: async (tx, args, ctx) => {
        if (args.notes === 'divide') {
          await tx
            .select({ x: sql`1 / 0` })
            .from(jobs)
            .limit(1)
            .catch(() => {
              throw new AppError(ERROR_CODES.conflict, 'swallowed a failed statement');
            });
        }
        await serverMutators.updateJobNotes(tx, args, ctx);
      },
    };
    const { results, attempts } = await compare(
      (w) => [notes(w, 0), { name: 'updateJobNotes', args: { jobId: own(w, 1), notes: 'divide' } }, notes(w, 2)],
      swallows,
    );
    expect(results.map((r) => r.status)).toEqual(['applied', 'refused', 'applied']);
    expect(attempts).toBe(2);
  });
});
