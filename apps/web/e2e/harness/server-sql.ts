import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { API_DIR } from './paths.ts';
import type { TestServer } from './server.ts';

// Run by Node in apps/api, where PGlite is installed: one statement, its rows printed as JSON.
const SCRIPT = `
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
const db = await PGlite.create(process.env.E2E_PGLITE_DIR, { extensions: { pg_trgm } });
const result = await db.query(process.env.E2E_SQL, JSON.parse(process.env.E2E_SQL_PARAMS));
process.stdout.write(JSON.stringify(result.rows));
await db.close();
`;

/**
 * Runs one SQL statement on the server's embedded database, for what no route can do: time passing
 * (a job closed months ago). PGlite is one process, so the server stops gracefully for it and
 * starts again on the same data directory; sessions and devices survive.
 */
export async function sqlWhileStopped<Row>(server: TestServer, sql: string, params: unknown[] = []): Promise<Row[]> {
  await server.kill('SIGTERM');
  try {
    const out = await new Promise<string>((resolve, reject) => {
      const child = spawn(process.execPath, ['--input-type=module', '-e', SCRIPT], {
        cwd: API_DIR,
        stdio: ['ignore', 'pipe', 'pipe'],
        env: {
          ...process.env,
          E2E_PGLITE_DIR: join(server.dataDir, 'pglite'),
          E2E_SQL: sql,
          E2E_SQL_PARAMS: JSON.stringify(params),
        },
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.once('error', reject);
      child.once('exit', (code) =>
        code === 0 ? resolve(stdout) : reject(new Error(`SQL failed (${code}): ${stderr}`)),
      );
    });
    return JSON.parse(out) as Row[];
  } finally {
    await server.restart();
  }
}
