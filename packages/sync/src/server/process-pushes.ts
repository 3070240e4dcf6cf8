import { AppError, ERROR_CODES, type Actor } from '@lastmile/domain';
import type { PushRequest, PushResponse } from '../protocol.ts';
import type { AnyDb } from './db-types.ts';
import {
  preparePush,
  pushOnce,
  pushSteps,
  type PreparedPush,
  type ProcessPushOptions,
  type PushLog,
} from './process-push.ts';
import type { ServerMutators } from './server-mutators.ts';
import { retryConflicts } from './write-lock.ts';

/** One push of a group: who sent it, what it carries, and where its unexpected errors are logged. */
export type GroupedPush = { actor: Actor; req: PushRequest; log?: PushLog };

/**
 * Applies pushes of one organization that arrived while the organization's lock was busy in one
 * transaction: one after another, in the order given, exactly as if each had run alone in that
 * order, but with one `begin`, one `commit` and one WAL flush for all of them (ADR 0044). Pushes
 * of an organization run one at a time anyway (they hold its lock to their commit, ADR 0038),
 * so a commit each — each waiting for the disk while the others wait for the lock — is what
 * bounded one organization's pushes, not the work of the pushes.
 *
 * Each push gets its own answer. A push that is refused as a whole before the database (schema
 * version, size, ids) is answered alone and left out. If anything fails inside the shared
 * transaction — a push refused as a whole (a gap, another person's client id, a revoked device),
 * a mutation that needs the savepoint run, a lost race, the database — nothing of it is kept: that
 * push runs again alone, through processPush's own path, which decides its answer, and the pushes
 * before and after it run again as groups (runInOrder). A failure of one never becomes another's,
 * and one push that needs its savepoint run costs the group one re-run, not one per push.
 *
 * `options.log` is not used (each push has its own); `savepointsOnly` is not supported.
 */
export async function processPushes(
  db: AnyDb,
  pushes: readonly GroupedPush[],
  mutators: ServerMutators,
  options: Omit<ProcessPushOptions, 'log' | 'savepointsOnly'> = {},
): Promise<PromiseSettledResult<PushResponse>[]> {
  const orgId = pushes[0]?.actor.orgId;
  if (pushes.some((p) => p.actor.orgId !== orgId)) {
    // Two organizations' locks in one transaction could deadlock with another group's.
    throw new AppError(ERROR_CODES.internal, 'processPushes: every push of a group must be of one organization.');
  }
  const settled = new Array<PromiseSettledResult<PushResponse>>(pushes.length);
  const ready: ReadyPush[] = [];
  pushes.forEach((p, index) => {
    try {
      ready.push({
        index,
        push: preparePush(p.actor, p.req, mutators, p.log ? { ...options, log: p.log } : options),
        log: p.log,
      });
    } catch (error) {
      settled[index] = { status: 'rejected', reason: error };
    }
  });
  await runInOrder(db, ready, settled, options.sleep);
  return settled;
}

type ReadyPush = { index: number; push: PreparedPush; log: PushLog | undefined };

/**
 * Runs `ready` as one transaction; if push k fails in it, nothing of it is kept and the pushes
 * before k run again as a group, push k alone (its own optimistic and savepoint runs decide its
 * answer), then the pushes after it as a group. Each step is smaller than the group it came from,
 * so this ends; a group that keeps failing ends as pushes run one by one.
 */
async function runInOrder(
  db: AnyDb,
  ready: readonly ReadyPush[],
  settled: PromiseSettledResult<PushResponse>[],
  sleep: ProcessPushOptions['sleep'],
): Promise<void> {
  if (ready.length === 0) return;
  if (ready.length === 1) {
    const r = ready[0]!;
    try {
      const value = await retryConflicts(() => pushOnce(db, r.push), { log: r.log, sleep });
      settled[r.index] = { status: 'fulfilled', value };
    } catch (error) {
      settled[r.index] = { status: 'rejected', reason: error };
    }
    return;
  }
  const log = ready[0]!.log;
  // First as one run: one statement locks every client and row, the mutations run push after
  // push, one statement writes it all (pushSteps). Clients must be distinct for that.
  if (new Set(ready.map((r) => r.push.run.clientId)).size === ready.length) {
    try {
      const responses = await retryConflicts(
        () =>
          db.transaction((tx) =>
            pushSteps(
              tx,
              ready.map((r) => r.push),
              'optimistic',
            ),
          ),
        { log, sleep },
      );
      ready.forEach((r, i) => (settled[r.index] = { status: 'fulfilled', value: responses[i]! }));
      return;
    } catch {
      // Which push failed is not known: push after push below finds it.
    }
  }
  // Push after push in one transaction, each through its own first and last statements.
  let failedAt = 0;
  try {
    const responses = await retryConflicts(
      () =>
        db.transaction(async (tx) => {
          const out: PushResponse[] = [];
          for (const [i, r] of ready.entries()) {
            failedAt = i;
            out.push(...(await pushSteps(tx, [r.push], 'optimistic')));
          }
          // Past the last push, a failure is the commit's: no push is to blame, each runs alone.
          failedAt = -1;
          return out;
        }),
      { log, sleep },
    );
    ready.forEach((r, i) => (settled[r.index] = { status: 'fulfilled', value: responses[i]! }));
    return;
  } catch {
    // Nothing of the group was kept; the steps below give every push its own answer.
  }
  if (failedAt < 0) {
    for (const r of ready) await runInOrder(db, [r], settled, sleep);
    return;
  }
  await runInOrder(db, ready.slice(0, failedAt), settled, sleep);
  await runInOrder(db, [ready[failedAt]!], settled, sleep);
  await runInOrder(db, ready.slice(failedAt + 1), settled, sleep);
}
