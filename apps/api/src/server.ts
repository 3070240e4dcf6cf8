import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.ts';
import { migrateSignatureDataUrls } from './attachments/migrate-signatures.ts';
import { createBlobStore } from './attachments/storage/create-blob-store.ts';
import { sweepTemporaryFiles } from './attachments/storage/directory-store.ts';
import { openDatabase, type Database } from './db/client.ts';
import { migrateDatabase } from './db/migrate.ts';
import { parseEnv, type Config } from './env.ts';
import { DEMO_PASSWORD, DEMO_SIGN_INS, hasDemoData, seedDemo } from './seed/demo.ts';
import { seedDemoPhotos } from './seed/demo-photos.ts';
import { wipeDatabase } from './seed/wipe.ts';
import { describeStartupError } from './startup-error.ts';
import { scheduleDueItemReminders } from './services/due-items/schedule-due-items.ts';
import { upgradePeopleScopes } from './services/people-scopes-upgrade.ts';
import { upgradeReferenceScopes } from './services/reference-scopes-upgrade.ts';
import { scheduleCompaction } from './services/sync-compaction/schedule-compaction.ts';
import { scheduleOfficeWindow } from './services/office-window/schedule-office-window.ts';

/**
 * Starts Lastmile: config, database (migrated, demo data if empty), HTTP. `--reseed` wipes the
 * data and seeds the demo again. Stops gracefully on SIGINT/SIGTERM.
 */
let config: Config | null = null;
let database: Database | null = null;
let app: FastifyInstance | null = null;

async function main(): Promise<void> {
  config = parseEnv();
  database = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    onError: (error) => app?.log.error({ err: error }, 'database connection error'),
  });
  await migrateDatabase(database);
  if (process.argv.includes('--reseed')) await wipeDatabase(database.db);
  // Data from before customers and sites followed the jobs that need them (a no-op after once).
  const upgradedOrgs = await upgradeReferenceScopes(database.db);
  // People from before they followed their teams (ADR 0051; a no-op after once).
  const upgradedPeople = await upgradePeopleScopes(database.db);
  const seed = await seedDemo(database.db);
  const blobs = createBlobStore(config);
  if (seed.seeded) await seedDemoPhotos(database.db, blobs);
  const signatures = await migrateSignatureDataUrls(database.db, blobs);

  app = await buildApp({ db: database.db, config, listen: database.listen, webhookWorker: {} });
  if (seed.seeded) app.log.info({ counts: seed.counts }, 'seeded demo data');
  if (signatures > 0) app.log.info({ signatures }, 'moved drawn signatures into attachments');
  if (upgradedOrgs > 0)
    app.log.info({ organizations: upgradedOrgs }, 'customers and sites now follow the jobs that need them');
  if (upgradedPeople > 0)
    app.log.info({ organizations: upgradedPeople }, 'people now follow their teams: phones hold their own team');
  if (config.attachments.store === 'directory') {
    // What a crash left half-written in the photo folder; in the background, as it may be large.
    const dir = config.attachments.dir;
    void sweepTemporaryFiles(dir).then(
      (removed) => removed > 0 && app?.log.info({ removed, dir }, 'removed temporary files of writes cut off'),
      (error: unknown) => app?.log.warn({ err: error, dir }, 'could not sweep temporary files'),
    );
  }
  scheduleDueItemReminders(app, config.remindersEveryMinutes);
  scheduleCompaction(app, config.compactionEveryMinutes, config.compactionKeepDays);
  scheduleOfficeWindow(app, config.officeWindowEveryMinutes);
  installShutdown();
  await app.listen({ port: config.port, host: config.host });
  await printWelcome(config, database);
}

async function printWelcome(cfg: Config, db: Database): Promise<void> {
  const where = cfg.databaseUrl ? 'PostgreSQL' : `embedded PGlite in ${cfg.dataDir}`;
  const lines = [
    '',
    `  Lastmile is running at http://localhost:${cfg.port}  (database: ${where})`,
    `  API docs: http://localhost:${cfg.port}/api/docs`,
  ];
  if (await hasDemoData(db.db)) {
    lines.push('', `  Demo sign-ins (password for all: ${DEMO_PASSWORD})`);
    for (const s of DEMO_SIGN_INS)
      lines.push(`    ${s.role.padEnd(11)} ${s.email.padEnd(28)} ${s.name.padEnd(16)} ${s.team ?? ''}`.trimEnd());
  }
  console.log(`${lines.join('\n')}\n`);
}

function installShutdown(): void {
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) process.exit(1); // a second Ctrl-C: the user wants out now
    stopping = true;
    app?.log.info({ signal }, 'shutting down');
    // Give in-flight requests time to finish, but never hang forever.
    setTimeout(() => process.exit(1), 10_000).unref();
    void (async () => {
      await app?.close();
      await database?.close();
      process.exit(0);
    })();
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch(async (error: unknown) => {
  const line = describeStartupError(error, config);
  if (line) console.error(line);
  else console.error(error);
  await app?.close().catch(() => undefined);
  await database?.close().catch(() => undefined);
  process.exit(1);
});
