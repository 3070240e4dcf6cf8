import type { Actor, EntityName, EntityRow, MutatorName } from '@lastmile/domain';
import type { AnyTx } from './db-types.ts';

/**
 * Rows this push's transaction has locked (`for update`), as they are now, for its mutators to read
 * instead of each locking and re-reading its own row (docs/decisions/0008-sync-optimistic-push.md).
 *
 * The rules that keep it exact:
 * - only rows locked by this transaction go in (a prefetch `select … for update`, or a mutator's
 *   own lock or `update … returning`), so nobody else can change them until commit;
 * - a mutator that writes such a row puts the returned row back (`put`), so a later mutation of
 *   the same batch never reads a stale copy;
 * - when a mutation is rolled back to its savepoint, the engine `clear`s everything: the rolled-back
 *   writes are gone and so are the locks the savepoint took. A miss only means "ask the database".
 */
export class LockedRows {
  private readonly rows = new Map<string, EntityRow<EntityName>>();

  /** A copy of the row, or undefined if it is not known here (then lock it in the database). */
  get<E extends EntityName>(entity: E, id: string): EntityRow<E> | undefined {
    const row = this.rows.get(`${entity}:${id}`) as EntityRow<E> | undefined;
    return row ? { ...row } : undefined;
  }

  put<E extends EntityName>(entity: E, row: EntityRow<E> & { id: string }): void {
    this.rows.set(`${entity}:${row.id}`, { ...row });
  }

  clear(): void {
    this.rows.clear();
  }

  get size(): number {
    return this.rows.size;
  }
}

/** A fresh mutation of the push, validated: what a prefetch may look at. */
export type PrefetchMutation = { name: MutatorName; args: unknown };

/**
 * Runs in the push's transaction after the client row and the organization's write lock are
 * taken and before the first fresh mutation: locks, in one statement per table, the rows the
 * batch will need, and puts them in `rows` (one round trip instead of one per mutation).
 * It must only lock, never write; a row it misses is locked by the mutator as usual.
 */
export type PushPrefetch = (
  tx: AnyTx,
  actor: Actor,
  mutations: readonly PrefetchMutation[],
  rows: LockedRows,
) => Promise<void>;
