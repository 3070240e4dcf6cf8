import { sql } from 'drizzle-orm';
import type { AnyDb } from './db-types.ts';
import { queryRows } from './raw.ts';

/**
 * Log compaction, in the spirit of Kafka's: for every (scope, row) only the newest entry is
 * needed, so older ones are deleted. Tombstones older than `keepVersions` are deleted too; that
 * raises the organization's `min_version`, and clients with an older cursor get a reset.
 * Safe to run while clients pull: a superseded entry always has a newer one after it.
 */
export async function compactChanges(
  db: AnyDb,
  orgId: string,
  keepVersions = 10_000,
): Promise<{ removed: number; minVersion: number }> {
  return db.transaction(async (tx) => {
    const superseded = await queryRows<{ n: string | number }>(
      tx,
      sql`with gone as (
            delete from sync_changes c using sync_changes n
            where c.org_id = ${orgId} and n.org_id = c.org_id and n.scope = c.scope
              and n.entity = c.entity and n.entity_id = c.entity_id
              and (n.version, n.id) > (c.version, c.id)
            returning 1)
          select count(*) as n from gone`,
    );
    const [org] = await queryRows<{ version: string | number }>(
      tx,
      sql`select version from sync_org_versions where org_id = ${orgId} for update`,
    );
    const horizon = Math.max(0, Number(org?.version ?? 0) - keepVersions);
    const tombstones = await queryRows<{ n: string | number }>(
      tx,
      sql`with gone as (
            delete from sync_changes where org_id = ${orgId} and op = 'del' and version <= ${horizon} returning 1)
          select count(*) as n from gone`,
    );
    const removedTombstones = Number(tombstones[0]?.n ?? 0);
    if (removedTombstones > 0) {
      await tx.execute(
        sql`update sync_org_versions set min_version = greatest(min_version, ${horizon + 1}) where org_id = ${orgId}`,
      );
    }
    const [after] = await queryRows<{ min_version: string | number }>(
      tx,
      sql`select min_version from sync_org_versions where org_id = ${orgId}`,
    );
    return { removed: Number(superseded[0]?.n ?? 0) + removedTombstones, minVersion: Number(after?.min_version ?? 0) };
  });
}
