import { fileURLToPath } from 'node:url';
import { migrate as migrateNodePg } from 'drizzle-orm/node-postgres/migrator';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import type { Database } from './client.ts';

/** The drizzle-kit generated SQL, committed with its journal; the same files serve both drivers. */
export const MIGRATIONS_FOLDER = fileURLToPath(new URL('./migrations', import.meta.url));

/** Runs the migrations not yet applied; `migrationsFolder` is for tests that upgrade from an older set. */
export async function migrateDatabase(database: Database, migrationsFolder = MIGRATIONS_FOLDER): Promise<void> {
  if (database.kind === 'pglite') await migratePglite(database.db, { migrationsFolder });
  else await migrateNodePg(database.db, { migrationsFolder });
}
