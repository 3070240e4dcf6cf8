import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '@lastmile/sync/server';
import { compactAllOrganizations } from '../services/sync-compaction/compact-all.ts';
import { createTestDb, type TestDb } from '../test/test-db.ts';
import {
  changeRowsAudit,
  createTruthTable,
  expectedRows,
  letDaysPass,
  ModelClient,
  newModel,
  writeRow,
  type Model,
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

/** 150 writes of 12 rows, each to 0–3 random scopes (0: deleted everywhere), reproducible per seed. */
async function writeRandomly(model: Model, scopes: string[], seed: number, values: { last: number }) {
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
    const count = next() % 4;
    for (let k = 0; k < count; k++) chosen.add(scopes[next() % scopes.length]!);
    await writeRow(testDb.db, model, row, [...chosen], ++values.last);
  }
}

describe.skipIf(!onPostgres)('compaction under concurrent writers and pullers on PostgreSQL', () => {
  it('never makes a client skip or lose a row', async () => {
    const model = await newModel(testDb.db);
    const scopes = [...model.clientScopes, ...model.otherScopes];
    const client = new ModelClient(testDb.db, model);
    let writing = true;
    const values = { last: 0 };
    const writer = (seed: number) => writeRandomly(model, scopes, seed, values);
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
    for (let i = 0; i < 6; i++) await writeRow(testDb.db, model, `r${i}`, [], ++values.last);
    for (let i = 0; i < 12; i++) await writeRow(testDb.db, model, `r${6 + (i % 6)}`, [scopes[i]!], ++values.last);
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
  it('with tombstones kept by time, a client that completes a pull within the period never resets (ADR 0047)', async () => {
    const model = await newModel(testDb.db);
    const scopes = [...model.clientScopes, ...model.otherScopes];
    const keep = { versions: 5, days: 1 };
    const values = { last: 0 };
    // Days pass as fast as the current client completes its pulls: each completed pull to the
    // head is followed by 0.4 days, so its last completed pull is never a day old.
    const current = new ModelClient(testDb.db, model);
    const away = new ModelClient(testDb.db, model);
    await away.pullToEnd(50);
    let writing = true;
    let days = 0;
    const clock = async () => {
      while (writing) {
        await current.pullToEnd(50);
        // Writers run on meanwhile, so compaction finds tombstones newer than the client's cursor
        // and more than `keep.versions` old: only the time rule keeps them.
        await new Promise((resolve) => setTimeout(resolve, 40));
        await letDaysPass(testDb.db, model.orgId, 0.4);
        days += 0.4;
      }
    };
    const runs = { removed: 0 };
    const compactor = async () => {
      while (writing) {
        const result = await compactAllOrganizations(testDb.db, new Map(), { keep, batchSize: 3 });
        if (result !== 'busy') runs.removed += result.removed;
      }
    };
    const done = Promise.all([1, 2, 3, 4].map((seed) => writeRandomly(model, scopes, seed + 10, values))).finally(
      () => {
        writing = false;
      },
    );
    await Promise.all([done, clock(), compactor(), compactor()]);
    await compactAllOrganizations(testDb.db, new Map(), { keep });

    const truth = await expectedRows(testDb.db, model);
    await current.pullToEnd(50);
    expect(current.rows).toEqual(truth);
    expect(current.resets).toBe(1); // its first sync only
    // The client away since before the first write comes back days later: it resets, and converges.
    await away.pullToEnd(50);
    expect(away.rows).toEqual(truth);
    expect(away.resets).toBe(2);
    // The run was what it claims: days passed, and compaction deleted tombstones by time.
    expect(days).toBeGreaterThan(2);
    const [org] = await queryRows<{ min_version: number }>(
      testDb.db,
      sql`select min_version::int from sync_org_versions where org_id = ${model.orgId}`,
    );
    expect(org!.min_version).toBeGreaterThan(1);
    expect(runs.removed).toBeGreaterThan(0);
    expect(await changeRowsAudit(testDb.db, model.orgId)).toEqual({ putsWithoutRow: 0, orphanRows: 0 });
  });
});
