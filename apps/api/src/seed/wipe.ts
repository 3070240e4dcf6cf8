import { sql } from 'drizzle-orm';
import { queryRows } from '@lastmile/sync/server';
import type { Db } from '../db/client.ts';

/** Empties every application table (schema and migration history stay): `--reseed`. */
export async function wipeDatabase(db: Db): Promise<void> {
  const tables = await queryRows<{ tablename: string }>(
    db,
    sql`select tablename from pg_tables where schemaname = 'public'`,
  );
  if (tables.length === 0) return;
  const list = tables.map((t) => `"${t.tablename.replaceAll('"', '""')}"`).join(', ');
  await db.execute(sql.raw(`truncate table ${list} restart identity cascade`));
}
