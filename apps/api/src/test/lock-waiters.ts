import type pg from 'pg';

/**
 * Tests that hold a lock from a connection of their own and must act once the code under test
 * waits on it: resolves when at least `atLeast` sessions of this database wait on a lock, and
 * throws if none do within about 10 s (the interleaving the test is about did not happen).
 */
export async function waitForLockWaiters(client: pg.Client, atLeast = 1): Promise<void> {
  for (let tries = 0; tries < 200; tries++) {
    const { rows } = await client.query<{ n: number }>(
      `select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`,
    );
    if (rows[0]!.n >= atLeast) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`fewer than ${atLeast} sessions waited on a lock`);
}
