import type { AnyTx } from './db-types.ts';

/**
 * The transaction methods that can change data (or open a savepoint, or build a statement that
 * can): `execute` runs any SQL and `with` builds CTE statements that may write, so both count.
 * Marking on access rather than on success is conservative: a write that was only built counts.
 */
const WRITING_METHODS = new Set<PropertyKey>([
  'insert',
  'update',
  'delete',
  'execute',
  'with',
  '$with',
  'transaction',
  'rollback',
  'refreshMaterializedView',
]);

/**
 * The transaction as a mutator sees it in an optimistic push, and whether the mutator reached for
 * anything that writes. A mutation refused without having done so changed nothing in the
 * database, so its refusal needs no rollback (ADR 0036). Reads (`select`, `select … for update`)
 * do not count: a lock it took is held to the commit, which changes no result.
 */
export function watchWrites(tx: AnyTx): { tx: AnyTx; wrote: () => boolean } {
  let wrote = false;
  const watched = new Proxy(tx, {
    get(target, prop) {
      const value: unknown = Reflect.get(target, prop, target);
      // The constructor stays itself: drizzle identifies objects by their class (`is()`).
      if (typeof value !== 'function' || prop === 'constructor') return value;
      if (WRITING_METHODS.has(prop)) wrote = true;
      return (value as (...args: unknown[]) => unknown).bind(target);
    },
  });
  return { tx: watched, wrote: () => wrote };
}
