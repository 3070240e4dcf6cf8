import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { changesAfterQuery, queryRows, type ChangeRow } from '@lastmile/sync/server';
import { createEmptyTestDb } from '../test/test-db.ts';
import type { Database } from './client.ts';
import { MIGRATIONS_FOLDER, migrateDatabase } from './migrate.ts';

/**
 * Migration 0018 (ADR 0045) moves each `put`'s row out of sync_changes into sync_change_rows, once
 * per (version, row). A database in use upgrades with its log in place: every entry a device
 * would pull must come back with the same row after the upgrade.
 */
const orgId = '00000000-0000-4000-8000-0000000000a1';
const [a, b, c] = ['team:a', 'team:b', 'user:c'];

let database: Database;
let cleanup: () => Promise<void>;
let olderSet: string;

beforeAll(async () => {
  ({ database, cleanup } = await createEmptyTestDb());
  // The migrations as they were before 0018: the same files, the journal cut before it.
  olderSet = mkdtempSync(join(tmpdir(), 'lm-migrations-'));
  cpSync(MIGRATIONS_FOLDER, olderSet, { recursive: true });
  const journalPath = join(olderSet, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: { tag: string }[] };
  const cut = journal.entries.findIndex((e) => e.tag === '0018_sync_change_rows');
  expect(cut).toBeGreaterThan(0);
  writeFileSync(journalPath, JSON.stringify({ ...journal, entries: journal.entries.slice(0, cut) }));
});

afterAll(async () => {
  await cleanup();
  rmSync(olderSet, { recursive: true, force: true });
});

it('keeps what every entry of a log in use serves, with one row per version and row', async () => {
  await migrateDatabase(database, olderSet);
  const { db } = database;
  const entry = (version: number, scope: string, id: string, op: 'put' | 'del', value: string | null) =>
    sql`(${orgId}::uuid, ${version}, ${scope}, 'jobs', ${id}, ${op}, ${value === null ? null : JSON.stringify({ id, notes: value })}::jsonb)`;
  await db.execute(sql`insert into sync_org_versions (org_id, version) values (${orgId}, 4)`);
  // v1: j1 under three scopes. v2: j1 under two scopes with different copies (a log written before
  // the per-push dedupe): the later entry's copy is the row's state at v2. v3: j1 leaves c, j2 is
  // written, with text that must survive the move unchanged. v4: j2 deleted everywhere.
  await db.execute(sql`insert into sync_changes (org_id, version, scope, entity, entity_id, op, row) values
    ${entry(1, a, 'j1', 'put', 'one')}, ${entry(1, b, 'j1', 'put', 'one')}, ${entry(1, c, 'j1', 'put', 'one')},
    ${entry(2, a, 'j1', 'put', 'two, early copy')}, ${entry(2, b, 'j1', 'put', 'two')},
    ${entry(3, c, 'j1', 'del', null)}, ${entry(3, a, 'j2', 'put', 'שלום \u202e é 🚐 "quoted"')},
    ${entry(4, a, 'j2', 'del', null)}`);

  await migrateDatabase(database);

  const pulled = async (scope: string) =>
    (await queryRows<ChangeRow>(db, changesAfterQuery(orgId, [scope], { version: 0, id: 0 }, 100))).map((e) => [
      Number(e.version),
      e.entity_id,
      e.op,
      e.row === null ? null : (JSON.parse(e.row) as { notes: string }).notes,
    ]);
  expect(await pulled(a)).toEqual([
    [1, 'j1', 'put', 'one'],
    [2, 'j1', 'put', 'two'],
    [3, 'j2', 'put', 'שלום \u202e é 🚐 "quoted"'],
    [4, 'j2', 'del', null],
  ]);
  expect(await pulled(b)).toEqual([
    [1, 'j1', 'put', 'one'],
    [2, 'j1', 'put', 'two'],
  ]);
  expect(await pulled(c)).toEqual([
    [1, 'j1', 'put', 'one'],
    [3, 'j1', 'del', null],
  ]);
  const rows = await queryRows<{ version: number; entity_id: string }>(
    db,
    sql`select version::int, entity_id from sync_change_rows order by version, entity_id`,
  );
  expect(rows).toEqual([
    { version: 1, entity_id: 'j1' },
    { version: 2, entity_id: 'j1' },
    { version: 3, entity_id: 'j2' },
  ]);
  const [column] = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from information_schema.columns where table_name = 'sync_changes' and column_name = 'row'`,
  );
  expect(column?.n).toBe(0);
});
