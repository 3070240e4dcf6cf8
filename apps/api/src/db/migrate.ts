import { fileURLToPath } from 'node:url';
import { migrate as migrateNodePg } from 'drizzle-orm/node-postgres/migrator';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import type { Database } from './client.ts';

/** The drizzle-kit generated SQL, committed with its journal; the same files serve both drivers. */
export const MIGRATIONS_FOLDER = fileURLToPath(new URL('./migrations', import.meta.url));

export async function migrateDatabase(database: Database): Promise<void> {
  if (database.kind === 'pglite') await migratePglite(database.db, { migrationsFolder: MIGRATIONS_FOLDER });
  else await migrateNodePg(database.db, { migrationsFolder: MIGRATIONS_FOLDER });
}
