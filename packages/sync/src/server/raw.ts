import type { SQL } from 'drizzle-orm';
import type { DbOrTx } from './db-types.ts';

/** Raw SQL returning rows; node-postgres and PGlite both answer with `{ rows }`. */
export async function queryRows<R>(db: DbOrTx, query: SQL): Promise<R[]> {
  const result = await db.execute(query);
  return (result as { rows: R[] }).rows;
}
