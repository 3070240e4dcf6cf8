import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';

/** Any drizzle Postgres database: node-postgres in production, PGlite for the embedded mode and tests. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyDb = PgDatabase<PgQueryResultHKT, any>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyTx = PgTransaction<PgQueryResultHKT, any, any>;
export type DbOrTx = AnyDb | AnyTx;
