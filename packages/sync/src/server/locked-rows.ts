import type { Actor, EntityName, EntityRow, MutatorName } from '@lastmile/domain';
import type { SQL } from 'drizzle-orm';
import type { TrailingWrite } from './trailing-writes.ts';

type Entry = {
  entity: EntityName;
  row: EntityRow<EntityName>;
  /** The row as the database holds it, while `row` is a write not yet flushed (null: clean). */
  stored: EntityRow<EntityName> | null;
};

/**
 * Rows this push's transaction has locked (`for update`), as they are now, for its mutators to read
 * instead of each locking and re-reading its own row — and the push's unit of work: a mutator the
 * engine lets buffer (`writeBehind`) `write`s its new row here instead of updating the database,
 * and the engine flushes every buffered row of a table in one statement (ADR 0036).
 *
 * The rules that keep it exact:
 * - only rows locked by this transaction go in (a prefetch `select … for update`, or a mutator's
 *   own lock or `update … returning`), so nobody else can change them until commit;
 * - a mutator that writes such a row puts the returned row back (`put`), so a later mutation of
 *   the same batch never reads a stale copy;
 * - a buffered row is read here by the mutators allowed to buffer (they read the tables they write
 *   only through these rows); the engine flushes before anything else runs: another mutator, the
 *   audit trail, the change log and its versioned writes;
 * - when a mutation is rolled back to its savepoint, the engine `clear`s everything: the rolled-back
 *   writes are gone and so are the locks the savepoint took. A miss only means "ask the database".
 *   A mutation refused before it wrote to the database is undone here alone (`undoMutation`).
 */
export class LockedRows {
  private readonly rows = new Map<string, Entry>();
  /** What the current mutation replaced, oldest first, so its refusal can put it back. */
  private undo: { key: string; before: Entry | undefined }[] = [];
  /** Set by the engine for each mutation: whether it may `write` instead of updating the database. */
  writeBehind = false;

  /** A copy of the row, or undefined if it is not known here (then lock it in the database). */
  get<E extends EntityName>(entity: E, id: string): EntityRow<E> | undefined {
    const entry = this.rows.get(`${entity}:${id}`);
    return entry ? ({ ...entry.row } as EntityRow<E>) : undefined;
  }

  /** The row as the database now holds it (locked by this transaction, or just written). */
  put<E extends EntityName>(entity: E, row: EntityRow<E> & { id: string }): void {
    const key = `${entity}:${row.id}`;
    // A write not yet flushed would be lost under it: the engine flushes before such a writer runs.
    if (this.rows.get(key)?.stored) throw new Error(`${key} has an unflushed write; flush before writing it again`);
    this.set(key, { entity, row: { ...row }, stored: null });
  }

  /** The row's new value, written to the database by the engine's next flush (only while `writeBehind`). */
  write<E extends EntityName>(entity: E, row: EntityRow<E> & { id: string }): void {
    if (!this.writeBehind) throw new Error(`${entity} ${row.id}: write-behind is off for this mutation`);
    const key = `${entity}:${row.id}`;
    const before = this.rows.get(key);
    if (!before) throw new Error(`${key} was not locked by this push; lock it before writing it behind`);
    this.set(key, { entity, row: { ...row }, stored: before.stored ?? before.row });
  }

  /** The buffered writes of a table: each row's new value and the row the database still holds. */
  pending<E extends EntityName>(entity: E): { row: EntityRow<E>; stored: EntityRow<E> }[] {
    const out: { row: EntityRow<E>; stored: EntityRow<E> }[] = [];
    for (const e of this.rows.values()) {
      if (e.entity === entity && e.stored) out.push({ row: e.row as EntityRow<E>, stored: e.stored as EntityRow<E> });
    }
    return out;
  }

  get hasPending(): boolean {
    for (const e of this.rows.values()) if (e.stored) return true;
    return false;
  }

  /** After the flush: the database holds every buffered row. */
  flushed(): void {
    for (const e of this.rows.values()) e.stored = null;
    this.undo = [];
  }

  /** A mutation starts: what it changes here from now on can be undone alone. */
  beginMutation(): void {
    this.undo = [];
  }

  /** The mutation was refused before it wrote to the database: forget what it put or wrote here. */
  undoMutation(): void {
    for (const { key, before } of this.undo.reverse()) {
      if (before) this.rows.set(key, before);
      else this.rows.delete(key);
    }
    this.undo = [];
  }

  clear(): void {
    if (this.hasPending) throw new Error('clearing rows with unflushed writes would lose them');
    this.rows.clear();
    this.undo = [];
  }

  get size(): number {
    return this.rows.size;
  }

  private set(key: string, entry: Entry): void {
    this.undo.push({ key, before: this.rows.get(key) });
    this.rows.set(key, entry);
  }
}

/** A mutation of the push, validated: what a prefetch may look at. */
export type PrefetchMutation = { name: MutatorName; args: unknown };

/**
 * The rows a batch will need, locked in the push's first statement, after the organization's
 * write lock and the client's row, before the first mutation (instead of a round trip per table
 * or per mutation): `query(gate)` selects them `for update of` their own table only, joined with
 * `gate` — a one-row relation that exists only once the organization's lock is held, so their
 * locks come after it whatever plan PostgreSQL picks (they are taken above the join) — and `take`
 * puts what it returned (each row as JSON of the query's columns) in `rows`. Its text must
 * be the same for the same shape (values as parameters only). It must only lock, never write; a
 * row it misses is locked by the mutator as usual. Null: nothing to lock.
 */
export type PushPrefetch = (actor: Actor, mutations: readonly PrefetchMutation[]) => PrefetchQuery | null;

export type PrefetchQuery = {
  query: (gate: SQL) => SQL;
  take: (found: readonly Record<string, unknown>[], rows: LockedRows) => void;
};

/**
 * The writes of every buffered row (`rows.pending`), one per table, each returning a row per row
 * it wrote (`rows` set): the engine runs them in the push's last statement, or on their own
 * before a mutator that reads the tables directly, and then calls `rows.flushed()`.
 */
export type PushFlush = (rows: LockedRows) => TrailingWrite[];

/**
 * The push's unit of work (ADR 0036): what it locks up front, which mutators may buffer their
 * writes in `LockedRows` — only those whose reads of the tables they write go through it — and
 * how the buffered rows reach the database.
 */
export type PushUnitOfWork = {
  prefetch: PushPrefetch;
  writeBehind: ReadonlySet<MutatorName>;
  flush: PushFlush;
};
