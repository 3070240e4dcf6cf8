import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { queryRows } from '@lastmile/sync/server';
import { createTruthTable, newModel, writeRow, type Model } from '../../sync/change-log-model.ts';
import { createTestDb, type TestDb } from '../../test/test-db.ts';
import { COMPACTION_LOCK, compactAllOrganizations } from './compact-all.ts';

let testDb: TestDb;
beforeAll(async () => {
  testDb = await createTestDb();
  await createTruthTable(testDb.db);
});
afterAll(async () => {
  await testDb?.cleanup();
});

async function entries(model: Model): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    testDb.db,
    sql`select count(*)::int as n from sync_changes where org_id = ${model.orgId}`,
  );
  return row?.n ?? 0;
}

/** Two organizations, each with one row written 5 times in one scope: 5 entries, 1 needed. */
async function twoOrganizations(): Promise<Model[]> {
  const models = [await newModel(testDb.db), await newModel(testDb.db)];
  for (const model of models)
    for (let i = 0; i < 5; i++) await writeRow(testDb.db, model, 'r1', [model.clientScopes[0]!], i);
  return models;
}

it('compacts every organization and remembers where each pass stopped', async () => {
  const models = await twoOrganizations();
  const afterIds = new Map<string, number>();
  const run = await compactAllOrganizations(testDb.db, afterIds);
  expect(run).not.toBe('busy');
  for (const model of models) {
    expect(await entries(model)).toBe(1);
    expect(afterIds.get(model.orgId)).toBeGreaterThan(0);
  }
  // Nothing written since: the next pass has nothing to look at.
  const again = await compactAllOrganizations(testDb.db, afterIds);
  expect(again).toMatchObject({ removed: 0 });
});

it.skipIf(!process.env['TEST_DATABASE_URL'])(
  'runs in one process at a time: another holder of the lock makes it skip',
  async () => {
    const models = await twoOrganizations();
    const other = new pg.Client({ connectionString: testDb.databaseUrl });
    await other.connect();
    try {
      await other.query('select pg_advisory_lock($1)', [COMPACTION_LOCK]);
      expect(await compactAllOrganizations(testDb.db, new Map())).toBe('busy');
      expect(await entries(models[0]!)).toBe(5);
      await other.query('select pg_advisory_unlock($1)', [COMPACTION_LOCK]);
      expect(await compactAllOrganizations(testDb.db, new Map())).not.toBe('busy');
      expect(await entries(models[0]!)).toBe(1);
    } finally {
      await other.end();
    }
  },
);
