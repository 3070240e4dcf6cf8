import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '@lastmile/sync/server';
import { compactAllOrganizations } from '../services/sync-compaction/compact-all.ts';
import { createTestDb, type TestDb } from '../test/test-db.ts';
import {
  changeRowsAudit,
  createTruthTable,
  expectedRows,
  ModelClient,
  newModel,
  writeRow,
} from './change-log-model.ts';

/**
 * Compaction while clients pull: writers move rows between scopes and delete them, a client pulls
 * continuously in small pages, and two schedulers compact in tiny batches with a horizon of a few
 * versions (so tombstones go and resets happen). Afterwards the client, and a new one, hold
 * exactly the truth. Meaningful only on PostgreSQL (PGlite runs one transaction at a time).
 */
const onPostgres = Boolean(process.env['TEST_DATABASE_URL']);
let testDb: TestDb;
beforeAll(async () => {
  if (!onPostgres) return;
  testDb = await createTestDb();
  await createTruthTable(testDb.db);
});
afterAll(async () => {
  if (onPostgres) await testDb.cleanup();
});

describe.skipIf(!onPostgres)('compaction under concurrent writers and pullers on PostgreSQL', () => {
  it('never makes a client skip or lose a row', async () => {
    const model = await newModel(testDb.db);
    const scopes = [...model.clientScopes, ...model.otherScopes];
    const client = new ModelClient(testDb.db, model);
    let writing = true;
    let value = 0;
    const writer = async (seed: number) => {
      let x = seed * 2654435761;
      // xorshift32: a reproducible stream per writer.
      const next = () => {
        x ^= x << 13;
        x ^= x >>> 17;
        x ^= x << 5;
        return x >>> 0;
      };
      for (let i = 0; i < 150; i++) {
        const row = `r${next() % 12}`;
        const chosen = new Set<string>();
        const count = next() % 4; // 0: deleted everywhere
        for (let k = 0; k < count; k++) chosen.add(scopes[next() % scopes.length]!);
        await writeRow(testDb.db, model, row, [...chosen], ++value);
      }
    };
    // One client keeps up; one pulls now and then, so it falls behind the horizon and resets.
    const lagging = new ModelClient(testDb.db, model);
    const puller = async () => {
      while (writing) await client.pullPage(1 + (client.pages % 4));
    };
    const lagger = async () => {
      while (writing) {
        await lagging.pullPage(2);
        await new Promise((resolve) => setTimeout(resolve, 30));
      }
    };
    const afterIds = [new Map<string, number>(), new Map<string, number>()];
    const runs = { removed: 0, busy: 0, passes: 0 };
    const compactor = async (n: 0 | 1) => {
      while (writing) {
        const result = await compactAllOrganizations(testDb.db, afterIds[n]!, {
          keep: { versions: 5, days: 0 },
          batchSize: 3,
        });
        runs.passes++;
        if (result === 'busy') runs.busy++;
        else runs.removed += result.removed;
      }
    };
    const done = Promise.all([writer(1), writer(2), writer(3), writer(4)]).finally(() => {
      writing = false;
    });
    await Promise.all([done, puller(), lagger(), compactor(0), compactor(1)]);

    // The lagging client, idle, misses deletes that compaction then forgets: it must reset.
    await lagging.pullPage(2);
    for (let i = 0; i < 6; i++) await writeRow(testDb.db, model, `r${i}`, [], ++value);
    for (let i = 0; i < 12; i++) await writeRow(testDb.db, model, `r${6 + (i % 6)}`, [scopes[i]!], ++value);
    await compactAllOrganizations(testDb.db, new Map(), { keep: { versions: 5, days: 0 }, batchSize: 3 });

    await client.pullToEnd(3);
    const truth = await expectedRows(testDb.db, model);
    expect(client.rows).toEqual(truth);
    await lagging.pullToEnd(2);
    expect(lagging.rows).toEqual(truth);
    const fresh = new ModelClient(testDb.db, model);
    await fresh.pullToEnd(2);
    expect(fresh.rows).toEqual(truth);

    // The run was what it claims: the client pulled while the log was compacted under it.
    expect(client.pages).toBeGreaterThan(20);
    expect(runs.removed).toBeGreaterThan(0);
    expect(lagging.resets).toBeGreaterThan(1);
    // And it keeps the log small: after a last pass, at most one entry per (scope, row).
    await compactAllOrganizations(testDb.db, new Map(), { keep: { versions: 5, days: 0 } });
    const [left] = await queryRows<{ n: number }>(
      testDb.db,
      sql`select count(*)::int as n from sync_changes where org_id = ${model.orgId}`,
    );
    expect(left!.n).toBeLessThanOrEqual(12 * scopes.length);
    // Every entry left still has its row, and no row outlived its last entry (ADR 0045).
    expect(await changeRowsAudit(testDb.db, model.orgId)).toEqual({ putsWithoutRow: 0, orphanRows: 0 });
  });
});
