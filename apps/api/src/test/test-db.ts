import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Database, type Db, type Listen } from '../db/client.ts';
import { migrateDatabase } from '../db/migrate.ts';
import { testDatabaseUrl } from '../env.ts';

export type TestDb = {
  db: Db;
  kind: Database['kind'];
  listen: Listen;
  /** The PostgreSQL URL of the throwaway database (undefined on PGlite), for tests that start servers. */
  databaseUrl: string | undefined;
  /** Closes the connection and, on PostgreSQL, drops the throwaway database. */
  cleanup(): Promise<void>;
};

/**
 * A migrated, empty database for one test file. With TEST_DATABASE_URL set, a fresh database
 * (`lm_test_<random>`) on that server, dropped afterwards; otherwise an in-memory PGlite.
 * Opening one costs seconds on PGlite: share it across a file's tests (beforeAll).
 */
export async function createTestDb(): Promise<TestDb> {
  const serverUrl = testDatabaseUrl();
  if (!serverUrl) {
    const database = await openDatabase({ dataDir: null });
    await migrateDatabase(database);
    return {
      db: database.db,
      kind: database.kind,
      listen: database.listen,
      databaseUrl: undefined,
      cleanup: () => database.close(),
    };
  }

  const name = `lm_test_${randomBytes(6).toString('hex')}`;
  await withAdmin(serverUrl, async (admin) => {
    await admin.query(`create database ${name}`);
    // A throwaway database need not wait for the disk at each commit (only a PostgreSQL crash could
    // lose its last commits): the many small transactions of the sync tests run several times faster.
    await admin.query(`alter database ${name} set synchronous_commit = off`);
  });
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: url.toString(), dataDir: null });
  await migrateDatabase(database);
  return {
    db: database.db,
    kind: database.kind,
    listen: database.listen,
    databaseUrl: url.toString(),
    cleanup: async () => {
      await database.close();
      await withAdmin(serverUrl, (admin) => admin.query(`drop database if exists ${name} with (force)`));
    },
  };
}

async function withAdmin(url: string, fn: (client: pg.Client) => Promise<unknown>): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await fn(client);
  } finally {
    await client.end();
  }
}
