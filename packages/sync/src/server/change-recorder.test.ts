import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AnyDb } from './db-types.ts';
import { ChangeRecorder, flushChanges } from './change-recorder.ts';
import { queryRows } from './raw.ts';
import { openSyncTestDb } from './test-sync-tables.ts';

/**
 * The flush's layout (ADR 0045): narrow entries per scope, each row once per version. An import
 * of thousands of jobs records more than one statement's worth (5,000 per statement), so the
 * entries and the rows continue in further statements under the same version.
 */
const orgId = '00000000-0000-4000-8000-0000000000b1';

let db: AnyDb;
let close: () => Promise<void>;

beforeAll(async () => {
  ({ db, close } = await openSyncTestDb());
});
afterAll(async () => {
  await close();
});
beforeEach(async () => {
  await db.execute(sql`truncate sync_changes, sync_change_rows, sync_org_versions`);
});

/** A wire row: its id and whatever else it holds. */
const row = (id: string, rest: Record<string, unknown>): { id: string } => ({ id, ...rest });

const flush = (recorder: ChangeRecorder) => db.transaction((tx) => flushChanges(tx, orgId, recorder));

async function logged() {
  const [counts] = await queryRows<{ entries: number; rows: number; versions: number; orphans: number; bare: number }>(
    db,
    sql`select (select count(*)::int from sync_changes) as entries,
               (select count(*)::int from sync_change_rows) as rows,
               (select count(distinct version)::int from sync_changes) as versions,
               (select count(*)::int from sync_change_rows r where not exists (
                  select 1 from sync_changes c where c.version = r.version and c.entity = r.entity and c.entity_id = r.entity_id)) as orphans,
               (select count(*)::int from sync_changes c where c.op = 'put' and not exists (
                  select 1 from sync_change_rows r where r.version = c.version and r.entity = c.entity and r.entity_id = c.entity_id)) as bare`,
  );
  return counts!;
}

describe('the change log flush', () => {
  it('writes a row once however many scopes see it, and none for a delete', async () => {
    const recorder = new ChangeRecorder();
    recorder.put('jobs', row('j1', { notes: 'a' }), ['org', 'team:a', 'user:u']);
    recorder.move('jobs', row('j2', { notes: 'b' }), ['org', 'user:u'], ['org', 'user:v']);
    recorder.delete('jobs', 'j3', ['org']);
    const version = await flush(recorder);
    expect(await logged()).toEqual({ entries: 7, rows: 2, versions: 1, orphans: 0, bare: 0 });
    expect(
      await queryRows(
        db,
        sql`select entity_id, row from sync_change_rows where version = ${version} order by entity_id`,
      ),
    ).toEqual([
      { entity_id: 'j1', row: { id: 'j1', notes: 'a' } },
      { entity_id: 'j2', row: { id: 'j2', notes: 'b' } },
    ]);
  });

  it('continues past one statement’s worth: 12,000 entries over 4,000 rows, and 6,000 rows under one scope', async () => {
    const wide = new ChangeRecorder();
    for (let i = 0; i < 4000; i++) wide.put('jobs', row(`w${i}`, { n: i }), ['org', 'team:a', `user:${i % 7}`]);
    const v1 = await flush(wide);
    const narrow = new ChangeRecorder();
    for (let i = 0; i < 6000; i++) narrow.put('customers', row(`c${i}`, { n: i }), ['org']);
    const v2 = await flush(narrow);
    expect(v2).toBe(v1! + 1);
    expect(await logged()).toEqual({ entries: 18_000, rows: 10_000, versions: 2, orphans: 0, bare: 0 });
    // Entries keep the recorder's order in their ids, across the statements.
    const order = await queryRows<{ ok: boolean }>(
      db,
      sql`select bool_and(next_n > n) as ok from (
            select (r.row->>'n')::int as n, lead((r.row->>'n')::int) over (order by c.id) as next_n
            from sync_changes c join sync_change_rows r on r.version = c.version and r.entity = c.entity and r.entity_id = c.entity_id
            where c.version = ${v2}) s where next_n is not null`,
    );
    expect(order).toEqual([{ ok: true }]);
  });
});
