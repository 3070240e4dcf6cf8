import pg from 'pg';
import type { AnyDb } from '@lastmile/sync/server';

/**
 * Runs `work` only if this process gets the session advisory lock `key`, held on a connection of
 * its own for the run; 'busy' when another process holds it (it would only repeat the same work).
 * PGlite is one process: `work` just runs.
 */
export async function withAdvisoryLock<T>(db: AnyDb, key: number, work: () => Promise<T>): Promise<T | 'busy'> {
  const client = (db as { $client?: unknown }).$client;
  if (!(client instanceof pg.Pool)) return work();
  const holder = await client.connect();
  try {
    const locked = await holder.query<{ locked: boolean }>('select pg_try_advisory_lock($1) as locked', [key]);
    if (!locked.rows[0]?.locked) return 'busy';
    try {
      return await work();
    } finally {
      await holder.query('select pg_advisory_unlock($1)', [key]);
    }
  } finally {
    holder.release();
  }
}
