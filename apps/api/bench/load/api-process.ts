/**
 * One API process of the load benchmark: the app as `server.ts` builds it (push, pull, pokes, the
 * webhook worker), on the DATABASE_URL the benchmark made, without seeding or timers that would
 * add work of their own. Prints `{"port":…}` on stdout once it listens; exits on SIGTERM.
 */
import { buildApp } from '../../src/app.ts';
import { openDatabase } from '../../src/db/client.ts';
import { parseEnv } from '../../src/env.ts';

async function main(): Promise<void> {
  const config = { ...parseEnv(), logLevel: 'silent' as const };
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: null });
  const app = await buildApp({ db: database.db, config, listen: database.listen, logger: false, webhookWorker: {} });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  process.stdout.write(`${JSON.stringify({ port: typeof address === 'object' && address ? address.port : 0 })}\n`);
  process.on('SIGTERM', () => {
    void app
      .close()
      .then(() => database.close())
      .finally(() => process.exit(0));
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
