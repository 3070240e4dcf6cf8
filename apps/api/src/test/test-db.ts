import { createHash, randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { openDatabase, type Database, type Db, type Listen } from '../db/client.ts';
import { MIGRATIONS_FOLDER, migrateDatabase } from '../db/migrate.ts';
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
 * (`lm_test_<random>`) on that server, copied from a migrated template and dropped afterwards;
 * otherwise an in-memory PGlite.
 * Opening one costs seconds on PGlite: share it across a file's tests (beforeAll).
 */
export async function createTestDb(): Promise<TestDb> {
  const serverUrl = testDatabaseUrl();
  if (!serverUrl) {
    const database = await openDatabase({ dataDir: null, pgliteImage: await migratedPgliteImage() });
    return {
      db: database.db,
      kind: database.kind,
      listen: database.listen,
      databaseUrl: undefined,
      cleanup: () => database.close(),
    };
  }

  const template = await migratedTemplate(serverUrl);
  const { database, url, cleanup } = await throwawayDatabase(serverUrl, async (admin, name) => {
    await admin.query(`create database ${name} template ${template}`);
    // A throwaway database need not wait for the disk at each commit (only a PostgreSQL crash could
    // lose its last commits): the many small transactions of the sync tests run several times faster.
    await admin.query(`alter database ${name} set synchronous_commit = off`);
  });
  return { db: database.db, kind: database.kind, listen: database.listen, databaseUrl: url, cleanup };
}

/**
 * An empty database, not migrated, for tests of the migrations themselves: a throwaway database
 * on TEST_DATABASE_URL's server, or an in-memory PGlite.
 */
export async function createEmptyTestDb(): Promise<{ database: Database; cleanup(): Promise<void> }> {
  const serverUrl = testDatabaseUrl();
  if (!serverUrl) {
    const database = await openDatabase({ dataDir: null });
    return { database, cleanup: () => database.close() };
  }
  return throwawayDatabase(serverUrl, (admin, name) => admin.query(`create database ${name}`));
}

/** A database `lm_test_<random>` on the server, made by `create`, open, and dropped by `cleanup`. */
async function throwawayDatabase(
  serverUrl: string,
  create: (admin: pg.Client, name: string) => Promise<unknown>,
): Promise<{ database: Database; url: string; cleanup: () => Promise<void> }> {
  const name = `lm_test_${randomBytes(6).toString('hex')}`;
  await withAdmin(serverUrl, (admin) => create(admin, name));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: url.toString(), dataDir: null });
  return {
    database,
    url: url.toString(),
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

let pgliteImage: Promise<Blob> | undefined;

/** PGlite's twin of the template below: one migrated database per worker, copied from its image. */
function migratedPgliteImage(): Promise<Blob> {
  pgliteImage ??= (async () => {
    const database = await openDatabase({ dataDir: null });
    try {
      await migrateDatabase(database);
      if (database.kind !== 'pglite') throw new Error('expected PGlite');
      return await database.dumpImage();
    } finally {
      await database.close();
    }
  })();
  return pgliteImage;
}

let template: Promise<string> | undefined;

/**
 * The name of a database on the server that holds exactly the committed migrations, created on
 * first use. Copying it (`create database … template …`) costs about a tenth of running the
 * migrations for every test file (~2 s each, 65 files). The name carries a hash of the migration
 * files, so a new or edited migration gets a new template and a stale one is never used; an
 * advisory lock makes the test workers (and parallel runs) create it once. PostgreSQL refuses to
 * copy a database anyone is connected to, so the template is closed before it is used.
 */
function migratedTemplate(serverUrl: string): Promise<string> {
  template ??= (async () => {
    const name = `lm_template_${migrationsHash()}`;
    await withAdmin(serverUrl, async (admin) => {
      await admin.query('select pg_advisory_lock(hashtext($1))', ['lastmile test template']);
      try {
        const exists = await admin.query('select 1 from pg_database where datname = $1', [name]);
        if (exists.rowCount) return;
        // Templates of other migration sets stay (about 8 MB each): another checkout on this server
        // (a worktree, a branch with a new migration) may be copying one right now.
        // Built under a temporary name and renamed when complete: a run killed mid-migration leaves
        // no half-migrated template behind under the real name.
        const building = `${name}_building`;
        await admin.query(`drop database if exists ${building} with (force)`);
        await admin.query(`create database ${building}`);
        const url = new URL(serverUrl);
        url.pathname = `/${building}`;
        const database = await openDatabase({ databaseUrl: url.toString(), dataDir: null });
        try {
          await migrateDatabase(database);
        } finally {
          await database.close();
        }
        await admin.query(`alter database ${building} rename to ${name}`);
      } finally {
        await admin.query('select pg_advisory_unlock(hashtext($1))', ['lastmile test template']);
      }
    });
    return name;
  })();
  return template;
}

function migrationsHash(): string {
  const hash = createHash('sha256');
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else hash.update(entry.name).update(readFileSync(path));
    }
  };
  walk(MIGRATIONS_FOLDER);
  return hash.digest('hex').slice(0, 16);
}
