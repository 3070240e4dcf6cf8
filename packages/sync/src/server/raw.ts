import { createHash } from 'node:crypto';
import type { SQL } from 'drizzle-orm';
import type { DbOrTx } from './db-types.ts';

/** Raw SQL returning rows; node-postgres and PGlite both answer with `{ rows }`. */
export async function queryRows<R>(db: DbOrTx, query: SQL): Promise<R[]> {
  const result = await db.execute(query);
  return (result as { rows: R[] }).rows;
}

/**
 * Raw SQL as a named prepared statement: on node-postgres each connection parses and plans the
 * text once and then only binds and executes it (PGlite runs it as usual). `query` must render to
 * the same text on every call — values only in parameters — or PostgreSQL refuses the name.
 */
export async function queryNamed<R>(db: DbOrTx, name: string, query: SQL): Promise<R[]> {
  const { dialect, session } = internals(db);
  const result = await session.prepareQuery(dialect.sqlToQuery(query), undefined, name, false).execute();
  return (result as { rows: R[] }).rows;
}

/**
 * A named prepared statement whose text depends on which parts it has (a push's last statement
 * with or without its trailing writes): named `prefix_<hash of the text>`, so each shape gets a
 * name of its own and the same shape always the same one. The shapes must be few: a connection
 * keeps every statement it prepared.
 */
export async function queryPrepared<R>(db: DbOrTx, prefix: string, query: SQL): Promise<R[]> {
  const { dialect, session } = internals(db);
  const compiled = dialect.sqlToQuery(query);
  const name = `${prefix}_${createHash('sha1').update(compiled.sql).digest('hex').slice(0, 16)}`;
  const result = await session.prepareQuery(compiled, undefined, name, false).execute();
  return (result as { rows: R[] }).rows;
}

function internals(db: DbOrTx) {
  // Both are public on drizzle's PgDatabase, but not on its transaction type.
  return db as unknown as {
    dialect: { sqlToQuery(sql: SQL): { sql: string; params: unknown[] } };
    session: {
      prepareQuery(
        query: { sql: string; params: unknown[] },
        fields: undefined,
        name: string,
        arrayMode: boolean,
      ): {
        execute(): Promise<unknown>;
      };
    };
  };
}
