import { parseArgs } from 'node:util';
import { openDatabase } from './db/client.ts';
import { migrateDatabase } from './db/migrate.ts';
import { parseEnv, setupPasswordFromEnv } from './env.ts';
import { readHiddenLine } from './setup/read-hidden-line.ts';
import { firstRunInputSchema, setUpFirstOrganization } from './setup/first-run.ts';

/**
 * `pnpm --filter @lastmile/api first-run -- --org "…" --admin-email … [--admin-name …]`: creates a
 * real deployment's organization and first admin on an empty database (migrating it first).
 * The password comes from LASTMILE_ADMIN_PASSWORD or is typed at a hidden prompt; there is no
 * default. Then `pnpm --filter @lastmile/api start` serves it, without demo data.
 */
async function main(): Promise<number> {
  const { values } = parseArgs({
    args: process.argv.slice(2).filter((arg) => arg !== '--'),
    options: { org: { type: 'string' }, 'admin-email': { type: 'string' }, 'admin-name': { type: 'string' } },
  });
  const password =
    setupPasswordFromEnv() ?? (process.stdin.isTTY ? await readHiddenLine('Password for the first admin: ') : '');
  const input = firstRunInputSchema.safeParse({
    orgName: values.org ?? '',
    adminEmail: values['admin-email'] ?? '',
    adminName: values['admin-name'] ?? 'Admin',
    password,
  });
  if (!input.success) {
    for (const issue of input.error.issues) console.error(`first-run: ${issue.message}`);
    if (!password) console.error('first-run: set LASTMILE_ADMIN_PASSWORD, or run in a terminal to type it.');
    return 2;
  }
  const config = parseEnv();
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    await migrateDatabase(database);
    const created = await setUpFirstOrganization(database.db, input.data);
    console.log(`Created "${input.data.orgName}" with its admin ${created.email}. Start it with: pnpm start`);
    return 0;
  } catch (error) {
    console.error(`first-run: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  } finally {
    await database.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
