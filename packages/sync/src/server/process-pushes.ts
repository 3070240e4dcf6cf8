import { AppError, ERROR_CODES, type Actor } from '@lastmile/domain';
import type { PushRequest, PushResponse } from '../protocol.ts';
import type { AnyDb, AnyTx } from './db-types.ts';
import { isDatabaseUnavailable } from './pg-errors.ts';
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
 * Applies pushes of one organization that arrived while the organization's lock was busy, in one
 * transaction with one commit (ADR 0044): run as one push of many clients (`pushSteps`), each push
 * getting exactly the answer it would get alone in the order given. Pushes of an organization run
 * one at a time anyway (they hold its lock to their commit, ADR 0038), so a transaction each was
 * what bounded one organization's pushes, not the work of the pushes.
 *
 * A push refused as a whole before the database (schema version, size, ids) is answered alone and
 * left out. If anything fails inside the shared transaction — a push refused as a whole (a gap,
 * another person's client id, a revoked device), a mutation that needs the savepoint run, a lost
 * race — nothing of it is kept, and `runInOrder` finds the push that failed and runs it alone,
 * through processPush's own path, which decides its answer. A failure of one never becomes
 * another's. When the database itself is unavailable, every push of the group gets that error.
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
 * Runs `ready` in one transaction: first as one run (one statement locks every client and row, one
 * writes everything; clients must be distinct), and if that fails, push after push, each with its
 * own first and last statements, which tells which push failed (k). Nothing of a failed attempt is
 * kept; the pushes before k then run again as a group, push k alone (its own optimistic and
 * savepoint runs decide its answer), then the pushes after it as a group. Each step is smaller than
 * the group it came from, so this ends.
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
  const inTransaction = (steps: (tx: AnyTx) => Promise<PushResponse[]>) =>
    retryConflicts(() => db.transaction(steps), { log: ready[0]!.log, sleep });
  const settleAll = (outcome: (i: number) => PromiseSettledResult<PushResponse>) =>
    ready.forEach((r, i) => (settled[r.index] = outcome(i)));
  const pushes = ready.map((r) => r.push);
  let failedAt = 0;
  const attempts = [
    // As one run; clients must be distinct.
    new Set(pushes.map((p) => p.run.clientId)).size === pushes.length
      ? (tx: AnyTx) => pushSteps(tx, pushes, 'optimistic')
      : null,
    // Push after push, which tells which one failed.
    async (tx: AnyTx) => {
      const out: PushResponse[] = [];
      for (const [i, push] of pushes.entries()) {
        failedAt = i;
        out.push(...(await pushSteps(tx, [push], 'optimistic')));
      }
      // Past the last push, a failure is the commit's: no push is to blame.
      failedAt = -1;
      return out;
    },
  ];
  for (const steps of attempts) {
    if (!steps) continue;
    try {
      const responses = await inTransaction(steps);
      settleAll((i) => ({ status: 'fulfilled', value: responses[i]! }));
      return;
    } catch (error) {
      // Running the pushes again, together or apart, would only meet the same outage.
      if (isDatabaseUnavailable(error)) {
        settleAll(() => ({ status: 'rejected', reason: error }));
        return;
      }
    }
  }
  if (failedAt < 0) {
    for (const r of ready) await runInOrder(db, [r], settled, sleep);
    return;
  }
  await runInOrder(db, ready.slice(0, failedAt), settled, sleep);
  await runInOrder(db, [ready[failedAt]!], settled, sleep);
  await runInOrder(db, ready.slice(failedAt + 1), settled, sleep);
}
