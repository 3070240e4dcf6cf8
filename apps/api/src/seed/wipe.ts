import { sql } from 'drizzle-orm';
import { queryRows } from '@lastmile/sync/server';
import type { Db } from '../db/client.ts';

/**
 * Empties every application table (schema and migration history stay): `--reseed`. The audit
 * trail refuses TRUNCATE (migration 0008); wiping demo data is the one place that may empty it,
 * so its trigger is switched off by name for this one transaction, an explicit DDL step the
 * application's writes never take (ADR 0022).
 */
export async function wipeDatabase(db: Db): Promise<void> {
  const tables = await queryRows<{ tablename: string }>(
    db,
    sql`select tablename from pg_tables where schemaname = 'public'`,
  );
  if (tables.length === 0) return;
  const list = tables.map((t) => `"${t.tablename.replaceAll('"', '""')}"`).join(', ');
  await db.transaction(async (tx) => {
    await tx.execute(sql`alter table audit_events disable trigger audit_events_append_only`);
    await tx.execute(sql.raw(`truncate table ${list} restart identity cascade`));
    await tx.execute(sql`alter table audit_events enable trigger audit_events_append_only`);
  });
}
