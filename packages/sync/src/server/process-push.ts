import { and, eq, gte, inArray, sql } from 'drizzle-orm';
import {
  AppError,
  ERROR_CODES,
  isMutatorName,
  mutatorArgs,
  validationError,
  type Actor,
  type MutatorName,
} from '@lastmile/domain';
import {
  MAX_PUSH_MUTATIONS,
  type Mutation,
  type MutationResult,
  type PushRequest,
  type PushResponse,
} from '../protocol.ts';
import { ChangeRecorder, flushChanges } from './change-recorder.ts';
import type { AnyDb, AnyTx } from './db-types.ts';
import { LockedRows, type PushPrefetch } from './locked-rows.ts';
import { queryRows } from './raw.ts';
import { syncMutationResults } from './schema.ts';
import type { ServerMutators } from './server-mutators.ts';
import { checkSchemaVersion } from './schema-version.ts';

type ParsedMutation = Mutation & { name: MutatorName };

/**
 * Validates every mutation before touching the database, so a malformed batch stores nothing
 * and gets one specific 4xx. Business refusals (permissions, illegal transitions) are not
 * validation errors: they are recorded per mutation and never block the queue.
 */
function validateBatch(req: PushRequest): ParsedMutation[] {
  if (req.mutations.length > MAX_PUSH_MUTATIONS) {
    throw new AppError(
      ERROR_CODES.payloadTooLarge,
      `A push may carry at most ${MAX_PUSH_MUTATIONS} mutations; this one has ${req.mutations.length}.`,
    );
  }
  return req.mutations.map((m, index) => {
    if (index > 0 && m.id !== req.mutations[index - 1]!.id + 1) {
      throw new AppError(
        ERROR_CODES.mutationGap,
        `Mutation ids in a push must be consecutive: ${m.id} follows ${req.mutations[index - 1]!.id}.`,
      );
    }
    if (!isMutatorName(m.name)) {
      throw new AppError(ERROR_CODES.unknownMutation, `Mutation ${m.id}: unknown mutation "${m.name}".`);
    }
    const parsed = mutatorArgs[m.name].safeParse(m.args);
    if (!parsed.success) throw validationError(`arguments for mutation ${m.id} (${m.name})`, parsed.error);
    return { ...m, name: m.name, args: parsed.data };
  });
}

/** Postgres data and integrity errors caused by a mutation's input are the client's mistake. */
function asClientMistake(error: unknown): AppError | null {
  if (error instanceof AppError) return error;
  const code =
    (error as { code?: unknown; cause?: { code?: unknown } }).code ??
    (error as { cause?: { code?: unknown } }).cause?.code;
  if (typeof code === 'string' && (code.startsWith('22') || code.startsWith('23'))) {
    return new AppError(
      ERROR_CODES.conflict,
      'The change refers to data that does not exist or conflicts with existing data.',
    );
  }
  return null;
}

/**
 * Creates the client's row on first use and locks it, in one statement: an upsert takes the row
 * lock (held until commit) whether it inserts or updates, like `select … for update`.
 */
async function lockClient(tx: AnyTx, clientId: string, actor: Actor): Promise<number> {
  const rows = await queryRows<{ user_id: string; org_id: string; last_mutation_id: string | number }>(
    tx,
    sql`insert into sync_clients (client_id, org_id, user_id) values (${clientId}, ${actor.orgId}, ${actor.userId})
        on conflict (client_id) do update set last_seen_at = now()
        returning user_id, org_id, last_mutation_id`,
  );
  const row = rows[0];
  if (!row || row.user_id !== actor.userId || row.org_id !== actor.orgId) {
    throw new AppError(
      ERROR_CODES.clientMismatch,
      'This client id belongs to another person. Sign in again on this device.',
    );
  }
  return Number(row.last_mutation_id);
}

/** Thrown out of an optimistic attempt when a mutation is refused: the batch is re-run with savepoints. */
class RefusedInOptimisticRun extends Error {}

/**
 * How a batch is applied. `optimistic`: the mutations run straight in the transaction, no
 * savepoints; the first refusal aborts the whole transaction. `savepoints`: each mutation runs
 * in its own savepoint, so a refused one rolls back alone (2 more round trips per mutation).
 */
type Mode = 'optimistic' | 'savepoints';

/** What one attempt at a batch shares between its mutations. */
type Attempt = { recorder: ChangeRecorder; lockedRows: LockedRows };

function runMutator(
  tx: AnyTx,
  m: ParsedMutation,
  actor: Actor,
  clientId: string,
  { recorder, lockedRows }: Attempt,
  mutators: ServerMutators,
): Promise<void> {
  const mutator = mutators[m.name] as (
    tx: AnyTx,
    args: unknown,
    ctx: Parameters<ServerMutators[MutatorName]>[2],
  ) => Promise<void>;
  return mutator(tx, m.args, {
    actor,
    clientId,
    mutationId: m.id,
    baseVersion: m.baseVersion,
    clientTime: m.clientTime,
    recorder,
    lockedRows,
  });
}

async function applyOne(
  tx: AnyTx,
  m: ParsedMutation,
  actor: Actor,
  clientId: string,
  attempt: Attempt,
  mutators: ServerMutators,
  mode: Mode,
): Promise<MutationResult> {
  const { recorder, lockedRows } = attempt;
  if (mode === 'optimistic') {
    try {
      await runMutator(tx, m, actor, clientId, attempt, mutators);
    } catch (error) {
      // Its partial effects cannot be undone alone: abandon the transaction and re-run with savepoints.
      if (asClientMistake(error)) throw new RefusedInOptimisticRun(`mutation ${m.id} refused`, { cause: error });
      throw error;
    }
    return { id: m.id, status: 'applied' };
  }
  const mark = recorder.mark();
  try {
    // A nested transaction is a savepoint: a refused mutation rolls back alone.
    await tx.transaction(async (sp) => runMutator(sp, m, actor, clientId, attempt, mutators));
    return { id: m.id, status: 'applied' };
  } catch (error) {
    recorder.rollbackTo(mark);
    // Its writes are undone and the locks its savepoint took released: forget every cached row.
    lockedRows.clear();
    const refusal = asClientMistake(error);
    if (!refusal) throw error;
    await tx.insert(syncMutationResults).values({
      clientId,
      mutationId: m.id,
      orgId: actor.orgId,
      userId: actor.userId,
      name: m.name,
      args: m.args,
      code: refusal.code,
      reason: refusal.message,
    });
    return { id: m.id, status: 'refused', code: refusal.code, reason: refusal.message };
  }
}

async function resultsOfReplays(tx: AnyTx, clientId: string, ids: number[]): Promise<MutationResult[]> {
  if (ids.length === 0) return [];
  const refused = await tx
    .select({ id: syncMutationResults.mutationId, code: syncMutationResults.code, reason: syncMutationResults.reason })
    .from(syncMutationResults)
    .where(
      and(
        eq(syncMutationResults.clientId, clientId),
        inArray(syncMutationResults.mutationId, ids),
        gte(syncMutationResults.mutationId, ids[0]!),
      ),
    );
  const byId = new Map(refused.map((r) => [r.id, r]));
  return ids.map((id) => {
    const r = byId.get(id);
    return r ? { id, status: 'refused', code: r.code, reason: r.reason } : { id, status: 'applied' };
  });
}

/**
 * Applies a push exactly once, in order: replays are answered from what was recorded, a gap is
 * refused, and the mutations' effects, their refusals, the client's last mutation id and the
 * change log all commit in one transaction (or not at all).
 *
 * Refusals are rare, so a batch first runs without savepoints; if any mutation is refused, that
 * transaction is rolled back (nothing of it is kept) and the batch runs again from scratch with a
 * savepoint per mutation, which gives exactly the answer the savepoint run alone would give
 * (docs/decisions/0008-sync-optimistic-push.md).
 *
 * `prefetch` (optional) locks the rows the batch will touch in one statement before its first
 * mutation, and hands them to the mutators as `ctx.lockedRows` (one round trip per batch instead
 * of one per mutation; see locked-rows.ts for the rules that keep them exact).
 */
export async function processPush(
  db: AnyDb,
  actor: Actor,
  req: PushRequest,
  mutators: ServerMutators,
  prefetch?: PushPrefetch,
): Promise<PushResponse> {
  checkSchemaVersion(req.schemaVersion);
  const batch = validateBatch(req);
  try {
    return await pushInTransaction(db, actor, req.clientId, batch, mutators, prefetch, 'optimistic');
  } catch (error) {
    if (!(error instanceof RefusedInOptimisticRun)) throw error;
    return pushInTransaction(db, actor, req.clientId, batch, mutators, prefetch, 'savepoints');
  }
}

function pushInTransaction(
  db: AnyDb,
  actor: Actor,
  clientId: string,
  batch: ParsedMutation[],
  mutators: ServerMutators,
  prefetch: PushPrefetch | undefined,
  mode: Mode,
): Promise<PushResponse> {
  return db.transaction(async (tx) => {
    const lastMutationId = await lockClient(tx, clientId, actor);
    const replayed = batch.filter((m) => m.id <= lastMutationId).map((m) => m.id);
    const fresh = batch.filter((m) => m.id > lastMutationId);
    const first = fresh[0];
    if (first && first.id !== lastMutationId + 1) {
      throw new AppError(
        ERROR_CODES.mutationGap,
        `Mutation ${first.id} cannot be applied: the server has applied up to ${lastMutationId}, so ${lastMutationId + 1} must come next.`,
      );
    }
    const results = await resultsOfReplays(tx, clientId, replayed);
    if (fresh.length === 0) return { lastMutationId, results };
    const attempt: Attempt = { recorder: new ChangeRecorder(), lockedRows: new LockedRows() };
    // The rows the batch will touch, locked in one statement (in id order) instead of one per mutation.
    if (prefetch) await prefetch(tx, actor, fresh, attempt.lockedRows);
    for (const m of fresh) results.push(await applyOne(tx, m, actor, clientId, attempt, mutators, mode));
    const newLast = fresh.at(-1)!.id;
    // The client's last mutation id, the version bump, the change log and the poke: one statement.
    await flushChanges(tx, actor.orgId, attempt.recorder, { clientId, lastMutationId: newLast });
    return { lastMutationId: newLast, results };
  });
}
