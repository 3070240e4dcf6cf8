import { sql } from 'drizzle-orm';
import {
  AppError,
  ERROR_CODES,
  isMutatorName,
  mutationAuditSubject,
  mutatorArgs,
  toStorableCut,
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
import { AuditNote, type AuditEntry, type PushAuditSink } from './audit-note.ts';
import { ChangeRecorder, flushChanges, type PendingChange } from './change-recorder.ts';
import type { AnyDb, AnyTx } from './db-types.ts';
import { lockClients, type ClientStanding } from './lock-client.ts';
import { LockedRows, type PushUnitOfWork } from './locked-rows.ts';
import { answerReplays, type AppliedLookup } from './replays.ts';
import type { PublishEvent } from './publish-event.ts';
import { runTrailingWrites, type TrailingWrite } from './trailing-writes.ts';
import type { ServerMutators } from './server-mutators.ts';
import { checkSchemaVersion } from './schema-version.ts';
import { isDatabaseUnavailable, isDataError, sqlState } from './pg-errors.ts';
import { watchWrites } from './watch-writes.ts';
import { retryConflicts, type RetryOptions } from './write-lock.ts';

/**
 * A mutation of the batch, ready to run: its arguments parsed, or, when its name or arguments are
 * invalid, the refusal it gets instead (recorded like any other refusal: it must not block the
 * mutations after it, and its arguments are kept for the person to see).
 */
type ParsedMutation =
  (Mutation & { name: MutatorName; args: unknown; invalid: null }) | (Mutation & { args: unknown; invalid: AppError });

/**
 * Checks the batch as a whole before touching the database: too many mutations or ids that are
 * not consecutive are a protocol error (4xx, nothing stored). A mutation whose name is unknown or
 * whose arguments are invalid is the mutation's own data, so it becomes that mutation's refusal
 * (sync principle 4): a phone whose app and server disagree on a rule never stalls behind it.
 */
function validateBatch(req: PushRequest): ParsedMutation[] {
  if (req.mutations.length > MAX_PUSH_MUTATIONS) {
    throw new AppError(
      ERROR_CODES.payloadTooLarge,
      `A push may carry at most ${MAX_PUSH_MUTATIONS} mutations; this one has ${req.mutations.length}.`,
    );
  }
  return req.mutations.map((m, index): ParsedMutation => {
    if (index > 0 && m.id !== req.mutations[index - 1]!.id + 1) {
      throw new AppError(
        ERROR_CODES.mutationGap,
        `Mutation ids in a push must be consecutive: ${m.id} follows ${req.mutations[index - 1]!.id}.`,
      );
    }
    // Text PostgreSQL cannot store is made storable here too, for callers that bypass the HTTP
    // layer; and nesting too deep to keep is cut, because a refusal keeps the arguments whatever
    // they are (a 500 here would repeat on every retry and hold the queue behind it).
    const args = toStorableCut(m.args) ?? {};
    if (!isMutatorName(m.name)) {
      const invalid = new AppError(ERROR_CODES.unknownMutation, `Mutation ${m.id}: unknown mutation "${m.name}".`);
      return { ...m, args, invalid };
    }
    const parsed = mutatorArgs[m.name].safeParse(args);
    if (!parsed.success) {
      return { ...m, args, invalid: validationError(`arguments for mutation ${m.id} (${m.name})`, parsed.error) };
    }
    return { ...m, name: m.name, args: parsed.data, invalid: null };
  });
}

/**
 * Postgres data and integrity errors caused by a mutation's input are the client's mistake: a
 * value PostgreSQL cannot hold (class 22: a date in year 0, a number out of range) is `validation`,
 * as the contract's own checks would have said; a missing or taken reference (class 23) `conflict`.
 */
function asClientMistake(error: unknown): AppError | null {
  if (error instanceof AppError) return error;
  if (!isDataError(error)) return null;
  if (sqlState(error)?.startsWith('22')) {
    return new AppError(ERROR_CODES.validation, 'A value in the change cannot be stored (out of range or malformed).');
  }
  return new AppError(
    ERROR_CODES.conflict,
    'The change refers to data that does not exist or conflicts with existing data.',
  );
}

/**
 * Why a mutation was refused, for anything its run threw — or null when the server, not the
 * mutation, failed. An error no rule anticipated (a bug met by this mutation's data) is refused
 * as `internal` rather than answered 500 on every retry: a 500 that repeats forever would hold
 * every later change of that phone hostage. The error is logged in full; the person sees the
 * refusal with their data, and their lead sees it too.
 */
function refusalFor(error: unknown, m: ParsedMutation, log: PushLog | undefined): AppError | null {
  const mistake = asClientMistake(error);
  if (mistake) return mistake;
  if (isDatabaseUnavailable(error)) return null;
  log?.({ err: error, mutationId: m.id, mutation: m.name }, 'mutation failed unexpectedly; refused as internal');
  return new AppError(
    ERROR_CODES.internal,
    `The server could not apply this change (mutation ${m.id}, ${m.name}) because of an error on its side. It was kept, with everything you entered, for you and your lead to see.`,
  );
}

/**
 * A person a mutation names who joined the crew on this client: `signedOutAt` is null while their
 * session there is live, else when it ended (signed out everywhere, a password change, deactivated,
 * the phone's person signing out, leaving the crew).
 */
export type CrewMaker = { actor: Actor; signedOutAt: Date | null };

/**
 * Crew mode: the person a mutation names as its maker (`actorId`), when that is not the session's
 * person. Returns them if they hold, or held, a session on this client (they joined the crew on
 * this device; an ended one still counts, see `actingPerson`), and null otherwise: the mutation
 * alone is refused.
 */
export type CrewActor = (tx: AnyTx, session: Actor, clientId: string, actorId: string) => Promise<CrewMaker | null>;

/** Where a push reports what a person should not see but an operator must (an unexpected error). */
export type PushLog = (details: Record<string, unknown>, message: string) => void;

/**
 * Thrown out of an optimistic attempt when a mutation is refused after it wrote to the database
 * (or by a failed statement): the batch is re-run with savepoints.
 */
class RefusedInOptimisticRun extends Error {}

/**
 * How a batch is applied. `optimistic`: the mutations run straight in the transaction, no
 * savepoints, and the mutators the unit of work names buffer their writes; a mutation refused
 * before it wrote anything to the database is refused alone, any other refusal aborts the whole
 * transaction (ADR 0036). `savepoints`: each mutation runs in its own savepoint and writes
 * through, so a refused one rolls back alone (2 more round trips per mutation).
 */
type Mode = 'optimistic' | 'savepoints';

/** Everything about one push that does not change between its attempts. */
type PushRun = {
  actor: Actor;
  clientId: string;
  mutators: ServerMutators;
  unitOfWork: PushUnitOfWork | undefined;
  log: PushLog | undefined;
  audit: PushAuditSink | undefined;
  standing: ClientStanding | undefined;
  crewActor: CrewActor | undefined;
  publish: PublishEvent | undefined;
  applied: AppliedLookup | undefined;
};

/**
 * What one attempt at a batch shares between its mutations. `servedVersion`: the newest version a
 * pull has served this client; no change of it can have been made on a newer state. `audit`: the
 * accepted mutations' entries, written in one statement at the end of the push.
 */
type Attempt = {
  recorder: ChangeRecorder;
  lockedRows: LockedRows;
  servedVersion: number;
  audit: AuditEntry[];
  /** Refused mutations and who made each, recorded in one statement at the end of the attempt. */
  refused: { m: ParsedMutation; refusal: AppError; makerId: string }[];
  /** Crew members already checked in this attempt (one lookup per person, not per mutation). */
  crew: Map<string, CrewMaker>;
  /** Where this push's changes begin in `recorder` (those before are earlier pushes' of the group). */
  firstChange: number;
  /** `entity:id` of the rows earlier pushes of the group changed, built when first asked. */
  earlier?: Set<string>;
};

/** ServerMutatorContext.changedByEarlierPush for this push of the group. */
function changedByEarlierPush(attempt: Attempt, entity: string, entityId: string): boolean {
  if (attempt.firstChange === 0) return false;
  attempt.earlier ??= new Set(
    attempt.recorder.changes.slice(0, attempt.firstChange).map((c) => `${c.entity}:${c.entityId}`),
  );
  return attempt.earlier.has(`${entity}:${entityId}`);
}

/**
 * Who made this mutation: the session's person, or a crew member signed in on this client when the
 * device made it. A member whose session here ended before the change reached the server (the phone
 * had no signal while the office signed them out everywhere, reset their password or deactivated
 * them, or while the phone's person signed out) is still its maker if the device's clock says it
 * was made before that end: their work on a colleague's phone is not lost with their session
 * (ADR 0033). A change dated after it is refused: they were no longer signed in here.
 */
async function actingPerson(tx: AnyTx, m: ParsedMutation, run: PushRun, attempt: Attempt): Promise<Actor> {
  const id = m.actorId;
  if (id === undefined || id === run.actor.userId) return run.actor;
  let member = attempt.crew.get(id);
  if (!member) {
    member = (run.crewActor ? await run.crewActor(tx, run.actor, run.clientId, id) : null) ?? undefined;
    if (!member) throw actorNotOnDevice(m);
    attempt.crew.set(id, member);
  }
  const { signedOutAt } = member;
  if (signedOutAt && !(Date.parse(m.clientTime) <= signedOutAt.getTime())) throw actorSignedOut(m, signedOutAt);
  return member.actor;
}

function actorSignedOut(m: { id: number; name: string }, at: Date): AppError {
  return new AppError(
    ERROR_CODES.forbidden,
    `Mutation ${m.id} (${m.name}) names a person who was signed out of this device at ${at.toISOString()} (signed out everywhere, a new password, deactivated, or the phone's person signed out), and this device made the change after that. It cannot be credited to them; it was kept for you and your lead to see.`,
    undefined,
    { key: 'sync.actorSignedOut', params: { at: at.toISOString() } },
  );
}

function actorNotOnDevice(m: { id: number; name: string }): AppError {
  return new AppError(
    ERROR_CODES.forbidden,
    `Mutation ${m.id} (${m.name}) names a person who is not signed in on this device. They must join the crew here, online, first.`,
    undefined,
    { key: 'sync.actorNotOnDevice' },
  );
}

/** Runs one mutation's server side; its audit entry is kept only once it has succeeded. */
async function runMutator(
  tx: AnyTx,
  m: ParsedMutation & { invalid: null },
  run: PushRun,
  attempt: Attempt,
): Promise<AuditEntry> {
  const { recorder, lockedRows, servedVersion } = attempt;
  const actor = await actingPerson(tx, m, run, attempt);
  const mutator = run.mutators[m.name] as (
    tx: AnyTx,
    args: unknown,
    ctx: Parameters<ServerMutators[MutatorName]>[2],
  ) => Promise<void>;
  const subject = mutationAuditSubject(m.name, m.args as never);
  const note = new AuditNote(subject.jobId);
  await mutator(tx, m.args, {
    actor,
    clientId: run.clientId,
    mutationId: m.id,
    baseVersion: m.baseVersion,
    servedVersion,
    clientTime: m.clientTime,
    recorder,
    changedByEarlierPush: (entity, entityId) => changedByEarlierPush(attempt, entity, entityId),
    lockedRows,
    audit: note,
    ...(run.publish ? { publish: run.publish } : {}),
  });
  return {
    mutationId: m.id,
    userId: actor.userId,
    name: m.name,
    clientTime: m.clientTime,
    at: new Date(),
    entity: subject.entity,
    entityId: subject.entityId,
    jobId: note.jobId,
    changes: note.changes,
  };
}

/**
 * Who a refusal is credited to, for the lead who reviews it: the crew member the mutation names
 * once this push has checked them (`attempt.crew` holds only people checked), else the session's
 * person. A name that failed the check (`sync.actorNotOnDevice`) is only a claim the device made,
 * so that refusal stays the device's person's: crediting it would let a phone blame anyone. A
 * member signed out of the device before the change (`sync.actorSignedOut`) did sign in on it, so
 * their lead sees it.
 */
function makerOf(m: ParsedMutation, run: PushRun, attempt: Attempt): string {
  const id = m.actorId;
  if (id === undefined) return run.actor.userId;
  return attempt.crew.get(id)?.actor.userId ?? run.actor.userId;
}

/** A refusal, kept for the one insert of the attempt's refusals (`refusalsWrite`). */
function refuse(attempt: Attempt, m: ParsedMutation, refusal: AppError, makerId: string): MutationResult {
  attempt.refused.push({ m, refusal, makerId });
  return { id: m.id, status: 'refused', code: refusal.code, reason: refusal.message };
}

/**
 * An invalid mutation is refused before it runs, so its maker has not been checked yet: they are
 * checked here, as its running would have (the same one lookup per person per push, none for the
 * session's own person or someone already checked). A name that fails the check is ignored: the
 * mutation's own refusal is the invalid data, credited to the device's person.
 */
async function refuseInvalid(
  tx: AnyTx,
  m: ParsedMutation & { invalid: AppError },
  run: PushRun,
  attempt: Attempt,
): Promise<MutationResult> {
  try {
    await actingPerson(tx, m, run, attempt);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
  }
  return refuse(attempt, m, m.invalid, makerOf(m, run, attempt));
}

/** A push of a group that ran its mutations, ready for the group's last statement. */
type Finished = { run: PushRun; attempt: Attempt; lastMutationId: number; changes: PendingChange[] };

/**
 * The refusals of every push of the group as one write: the rows travel as one jsonb parameter,
 * each with its client, the session's person and the person who made it (the text never changes).
 */
function refusalsWrite(finished: readonly Finished[]): TrailingWrite | null {
  const rows = finished.flatMap(({ run, attempt }) =>
    attempt.refused.map(({ m, refusal, makerId }) => ({
      client_id: run.clientId,
      user_id: run.actor.userId,
      actor_id: makerId,
      mutation_id: m.id,
      name: m.name,
      args: m.args,
      code: refusal.code,
      reason: refusal.message,
    })),
  );
  if (rows.length === 0) return null;
  return {
    label: 'refusals',
    query: sql`insert into sync_mutation_results (client_id, mutation_id, org_id, user_id, actor_id, name, args, code, reason)
        select r->>'client_id', (r->>'mutation_id')::bigint, ${finished[0]!.run.actor.orgId}::uuid, (r->>'user_id')::uuid,
               (r->>'actor_id')::uuid, r->>'name', r->'args', r->>'code', r->>'reason'
        from jsonb_array_elements(${JSON.stringify(rows)}::jsonb) as r`,
  };
}

/** The unit of work's writes of the buffered rows (none when nothing is buffered). */
function bufferedWrites(run: PushRun, attempt: Attempt): TrailingWrite[] {
  if (!run.unitOfWork || !attempt.lockedRows.hasPending) return [];
  try {
    return run.unitOfWork.flush(attempt.lockedRows);
  } catch (error) {
    // A buffered row the flush cannot write: the savepoint run, which writes through, finds whose.
    throw new RefusedInOptimisticRun('buffered writes refused', { cause: error });
  }
}

/** Writes the rows the unit of work buffered, on their own; in the optimistic run a failure re-runs the batch with savepoints. */
async function flushBuffered(tx: AnyTx, run: PushRun, attempt: Attempt): Promise<void> {
  const writes = bufferedWrites(run, attempt);
  if (writes.length === 0) return;
  try {
    await runTrailingWrites(tx, writes);
  } catch (error) {
    // Which buffered mutation's data failed is found by the savepoint run, which writes through.
    if (!isDatabaseUnavailable(error)) throw new RefusedInOptimisticRun('buffered writes refused', { cause: error });
    throw error;
  }
  attempt.lockedRows.flushed();
}

/**
 * The last statement of a push, or of a group of pushes (ADR 0043, 0044): the buffered rows, the
 * refusals, the audit entries, the clients' last mutation ids, the version bump, the change log
 * and the pokes, in one round trip under the organization's lock. A failure in an optimistic run
 * that had buffered rows in it is taken as theirs: the savepoint run, which writes each through on
 * its own, finds whose (or fails the same way, if it was not theirs).
 */
async function finishPushes(tx: AnyTx, finished: readonly Finished[]): Promise<void> {
  const { run, attempt } = finished[0]!;
  const buffered = bufferedWrites(run, attempt);
  const refusals = refusalsWrite(finished);
  const audited = finished
    .filter((f) => f.attempt.audit.length > 0)
    .map((f) => ({ actor: f.run.actor, clientId: f.run.clientId, entries: f.attempt.audit }));
  const writes = [
    ...buffered,
    ...(refusals ? [refusals] : []),
    ...(run.audit && audited.length > 0 ? [run.audit(audited)] : []),
  ];
  const clients = finished.map((f) => ({
    clientId: f.run.clientId,
    lastMutationId: f.lastMutationId,
    changes: f.changes,
  }));
  try {
    await flushChanges(tx, run.actor.orgId, attempt.recorder, clients, writes);
  } catch (error) {
    if (buffered.length > 0 && !isDatabaseUnavailable(error)) {
      throw new RefusedInOptimisticRun('buffered writes refused', { cause: error });
    }
    throw error;
  }
  attempt.lockedRows.flushed();
}

/**
 * The optimistic run of one mutation. A mutator that buffers (its writes stay in `lockedRows`)
 * or that is refused before reaching for a writing method changed nothing in the database: its
 * refusal is undone in memory alone (recorder, rows, audit note) and the batch goes on, exactly
 * as the savepoint run would. A refusal after a write, or by a statement that failed (the
 * transaction is then aborted), abandons the attempt for the savepoint run (ADR 0008, 0036).
 */
async function applyOptimistic(
  tx: AnyTx,
  m: ParsedMutation & { invalid: null },
  run: PushRun,
  attempt: Attempt,
): Promise<MutationResult> {
  const { recorder, lockedRows } = attempt;
  const buffers = run.unitOfWork?.writeBehind.has(m.name) ?? false;
  // Anything else reads the tables directly: the buffered rows must be there first.
  if (!buffers) await flushBuffered(tx, run, attempt);
  const mark = recorder.mark();
  lockedRows.beginMutation();
  lockedRows.writeBehind = buffers;
  const watched = watchWrites(tx);
  try {
    attempt.audit.push(await runMutator(watched.tx, m, run, attempt));
    return { id: m.id, status: 'applied' };
  } catch (error) {
    if (error instanceof AppError && sqlState(error.cause) === undefined && !watched.wrote()) {
      recorder.rollbackTo(mark);
      lockedRows.undoMutation();
      return refuse(attempt, m, error, makerOf(m, run, attempt));
    }
    // Its partial effects cannot be undone alone: abandon the transaction and re-run with
    // savepoints, where the same error is turned into this mutation's refusal (or a 5xx).
    if (!isDatabaseUnavailable(error)) throw new RefusedInOptimisticRun(`mutation ${m.id} refused`, { cause: error });
    throw error;
  } finally {
    lockedRows.writeBehind = false;
  }
}

async function applyOne(
  tx: AnyTx,
  m: ParsedMutation,
  run: PushRun,
  attempt: Attempt,
  mode: Mode,
): Promise<MutationResult> {
  // Nothing of it ran, so nothing needs undoing: its refusal is recorded in either mode.
  if (m.invalid) return refuseInvalid(tx, m, run, attempt);
  if (mode === 'optimistic') return applyOptimistic(tx, m, run, attempt);
  const { recorder, lockedRows } = attempt;
  const mark = recorder.mark();
  try {
    // A nested transaction is a savepoint: a refused mutation rolls back alone.
    attempt.audit.push(await tx.transaction(async (sp) => runMutator(sp, m, run, attempt)));
    return { id: m.id, status: 'applied' };
  } catch (error) {
    recorder.rollbackTo(mark);
    // Its writes are undone and the locks its savepoint took released: forget every cached row.
    lockedRows.clear();
    const refusal = refusalFor(error, m, run.log);
    if (!refusal) throw error;
    return refuse(attempt, m, refusal, makerOf(m, run, attempt));
  }
}

export type ProcessPushOptions = {
  /**
   * Locks the rows the batch will touch in one statement before its first mutation, and lets the
   * mutators it names buffer their writes, flushed as one statement per table (ADR 0036).
   */
  unitOfWork?: PushUnitOfWork;
  /**
   * Runs the batch with a savepoint per mutation from the start: the reference behaviour the
   * optimistic run must reproduce exactly (tests compare the two).
   */
  savepointsOnly?: boolean;
  /** Gets unexpected mutator errors (refused as `internal`) and retried conflicts. */
  log?: PushLog;
  /** Waits between conflict retries; tests pass a no-op. */
  sleep?: RetryOptions['sleep'];
  /** Records the accepted mutations in the audit trail, in the push's transaction. */
  audit?: PushAuditSink;
  /** Refuses a client that may not sync (a revoked device), replays included. */
  standing?: ClientStanding;
  /** Crew mode: checks a mutation's `actorId` other than the session's person; without it they are refused. */
  crewActor?: CrewActor;
  /** Given to every mutator as `ctx.publish` (webhook events, written in the mutation's transaction). */
  publish?: PublishEvent;
  /**
   * Where the applied mutations were recorded (the audit trail), to tell a replay from another
   * device's change under the same client id (replays.ts); without it only refusals are checked.
   */
  applied?: AppliedLookup;
};

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
 * A transaction that PostgreSQL aborts because it lost a race with another (40001 serialization
 * failure, 40P01 deadlock) had no effect, so it is simply run again, with a short random pause;
 * only if it keeps losing does the push fail (503, the device retries later).
 *
 * `options.unitOfWork` locks the rows the batch will touch in one statement before its first
 * mutation, and hands them to the mutators as `ctx.lockedRows` (one round trip per batch instead
 * of one per mutation); the mutators it names buffer their writes there, flushed in one statement
 * per table (see locked-rows.ts for the rules that keep them exact, and ADR 0036).
 */
export async function processPush(
  db: AnyDb,
  actor: Actor,
  req: PushRequest,
  mutators: ServerMutators,
  options: ProcessPushOptions = {},
): Promise<PushResponse> {
  const prepared = preparePush(actor, req, mutators, options);
  const push = options.savepointsOnly
    ? () => pushInTransaction(db, prepared, 'savepoints')
    : () => pushOnce(db, prepared);
  return retryConflicts(push, { log: options.log, sleep: options.sleep });
}

/** A push checked as a whole and ready to run in a transaction (processPush, processPushes). */
export type PreparedPush = { run: PushRun; batch: ParsedMutation[] };

/** Checks the request (schema version, size, consecutive ids) and parses each mutation; throws a 4xx AppError. */
export function preparePush(
  actor: Actor,
  req: PushRequest,
  mutators: ServerMutators,
  options: ProcessPushOptions,
): PreparedPush {
  checkSchemaVersion(req.schemaVersion);
  const batch = validateBatch(req);
  const run: PushRun = {
    actor,
    clientId: req.clientId,
    mutators,
    unitOfWork: options.unitOfWork,
    log: options.log,
    audit: options.audit,
    standing: options.standing,
    crewActor: options.crewActor,
    publish: options.publish,
    applied: options.applied,
  };
  return { run, batch };
}

/** One push in a transaction of its own: optimistic first, and the savepoint run if it must (ADR 0008). */
export async function pushOnce(db: AnyDb, push: PreparedPush): Promise<PushResponse> {
  try {
    return await pushInTransaction(db, push, 'optimistic');
  } catch (error) {
    // 25P02: a statement failed and a mutator went on as if it had not (the transaction is
    // aborted); the savepoint run finds which mutation it was.
    if (!(error instanceof RefusedInOptimisticRun) && sqlState(error) !== '25P02') throw error;
    return pushInTransaction(db, push, 'savepoints');
  }
}

async function pushInTransaction(db: AnyDb, push: PreparedPush, mode: Mode): Promise<PushResponse> {
  const [response] = await db.transaction((tx) => pushSteps(tx, [push], mode));
  return response!;
}

/**
 * The work of a push — or of a group of pushes of one organization, run as one (ADR 0044) — inside
 * a transaction the caller opens and commits. One statement takes the organization's lock (a no-op
 * when an earlier statement of the transaction holds it) and locks every client's row and every
 * row the pushes will touch; the pushes' mutations then run in order, push after push, sharing the
 * locked rows, the buffered writes and the change recorder (so a push reads what the one before it
 * wrote); one last statement writes everything, under one version. Anything that refuses a push as
 * a whole (another person's client, a revoked device, a gap) throws, failing the whole group.
 * The pushes must share their options (mutators, unit of work, standing, audit) and have distinct
 * clients.
 */
export async function pushSteps(tx: AnyTx, pushes: readonly PreparedPush[], mode: Mode): Promise<PushResponse[]> {
  const { run: first } = pushes[0]!;
  const valid = pushes.flatMap(({ batch }) =>
    batch.filter((m): m is ParsedMutation & { invalid: null } => m.invalid === null),
  );
  // The rows the pushes will touch, locked in the first statement (in id order) instead of one
  // per mutation — a replayed mutation's too: they are rare, and the batches' ids are not known
  // to be fresh before that statement. The prefetch looks only at the organization: one for all.
  const prefetch = first.unitOfWork && valid.length > 0 ? first.unitOfWork.prefetch(first.actor, valid) : null;
  // The organization's write lock first, then the clients' rows, their standing and the prefetch.
  const locked = await lockClients(
    tx,
    pushes.map(({ run }) => ({ clientId: run.clientId, actor: run.actor })),
    first.standing,
    prefetch,
  );
  const recorder = new ChangeRecorder();
  const lockedRows = new LockedRows();
  prefetch?.take(locked.prefetched, lockedRows);
  const responses: PushResponse[] = [];
  const finished: Finished[] = [];
  for (const { run, batch } of pushes) {
    const { lastMutationId, servedVersion } = locked.clients.get(run.clientId)!;
    const replayed = batch.filter((m) => m.id <= lastMutationId);
    const fresh = batch.filter((m) => m.id > lastMutationId);
    const next = fresh[0];
    if (next && next.id !== lastMutationId + 1) {
      throw new AppError(
        ERROR_CODES.mutationGap,
        `Mutation ${next.id} cannot be applied: the server has applied up to ${lastMutationId}, so ${lastMutationId + 1} must come next.`,
      );
    }
    // A replay must be the change recorded under its id, or the push is refused whole (replays.ts).
    const results = await answerReplays(
      tx,
      run.clientId,
      lastMutationId,
      replayed.map((m) => ({
        ...m,
        entityId: m.invalid ? null : mutationAuditSubject(m.name, m.args as never).entityId,
      })),
      run.applied,
    );
    if (fresh.length === 0) {
      responses.push({ lastMutationId, results });
      continue;
    }
    const from = recorder.changes.length;
    const attempt: Attempt = {
      recorder,
      lockedRows,
      servedVersion,
      audit: [],
      refused: [],
      crew: new Map(),
      firstChange: from,
    };
    for (const m of fresh) results.push(await applyOne(tx, m, run, attempt, mode));
    const newLast = fresh.at(-1)!.id;
    finished.push({ run, attempt, lastMutationId: newLast, changes: recorder.changes.slice(from) });
    responses.push({ lastMutationId: newLast, results });
  }
  // The buffered rows, refusals, audit trail, clients' last mutation ids, version bump, change log
  // and pokes: one statement (the change log's versioned writes come after it).
  if (finished.length > 0) await finishPushes(tx, finished);
  return responses;
}
