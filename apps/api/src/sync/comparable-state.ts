import { sql } from 'drizzle-orm';
import { queryRows, type DbOrTx } from '@lastmile/sync/server';

/**
 * Tests that run the same work in two identical organizations and compare what it wrote
 * (unit-of-work.test.ts, push-groups.test.ts): ids and times differ between the two, so every
 * UUID is numbered by first appearance and every timestamp blanked.
 */
export function comparable(state: unknown): string {
  const ids = new Map<string, string>();
  return JSON.stringify(state)
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, (id) => {
      if (!ids.has(id)) ids.set(id, `#${ids.size}`);
      return ids.get(id)!;
    })
    .replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:?\d\d)/g, 'T');
}

/** The organization's newest change-log version (0 before any change): what a comparison starts after. */
export async function latestVersion(db: DbOrTx, orgId: string): Promise<number> {
  const [row] = await queryRows<{ v: number }>(
    db,
    sql`select coalesce(max(version), 0)::int as v from sync_changes where org_id = ${orgId}`,
  );
  return row!.v;
}
