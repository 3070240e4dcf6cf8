import fc from 'fast-check';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changesAfterQuery, compactChanges, queryRows, writeInOrg, type ChangeRow } from '@lastmile/sync/server';
import { loggedChanges } from '../test/logged-changes.ts';
import { createTestDb, type TestDb } from '../test/test-db.ts';
import { createTruthTable, expectedRows, ModelClient, newModel, writeRow } from './change-log-model.ts';

/**
 * The pull query reads each scope's index range in order and merges them (read-changes.ts). These
 * tests hold it to the change log's promise on a client with 8 scopes: every change of its scopes
 * after its cursor, once, in order, whatever the page size, with deletes dropped while a row is
 * still visible through another scope, and resets when compaction moves the horizon.
 */
let testDb: TestDb;
beforeAll(async () => {
  testDb = await createTestDb();
  await createTruthTable(testDb.db);
});
afterAll(async () => {
  await testDb?.cleanup();
});

const ROWS = ['r1', 'r2', 'r3', 'r4', 'r5', 'r6'];

type Step =
  | { kind: 'write'; row: number; scopes: number[] }
  | { kind: 'pull'; limit: number }
  | { kind: 'compact'; keep: number; batch: number };

const stepArb = (scopeCount: number): fc.Arbitrary<Step> =>
  fc.oneof(
    {
      weight: 6,
      arbitrary: fc.record({
        kind: fc.constant('write' as const),
        row: fc.nat(ROWS.length - 1),
        // Empty: the row is deleted everywhere.
        scopes: fc.uniqueArray(fc.nat(scopeCount - 1), { maxLength: 4 }),
      }),
    },
    {
      weight: 2,
      arbitrary: fc.record({ kind: fc.constant('pull' as const), limit: fc.constantFrom(1, 2, 3, 7, 500) }),
    },
    {
      weight: 1,
      arbitrary: fc.record({
        kind: fc.constant('compact' as const),
        keep: fc.constantFrom(0, 2, 1000),
        batch: fc.constantFrom(1, 3, 100),
      }),
    },
  );

describe('pull across many scopes', () => {
  it('serves each client exactly its scopes’ rows, whatever the page size, under compaction', async () => {
    const scopeCount = 12; // 8 of the client's, 4 that are not
    await fc.assert(
      fc.asyncProperty(fc.array(stepArb(scopeCount), { minLength: 5, maxLength: 40 }), async (steps) => {
        const model = await newModel(testDb.db);
        const all = [...model.clientScopes, ...model.otherScopes];
        const client = new ModelClient(testDb.db, model);
        let value = 0;
        for (const step of steps) {
          if (step.kind === 'write')
            await writeRow(
              testDb.db,
              model,
              ROWS[step.row]!,
              step.scopes.map((i) => all[i]!),
              ++value,
            );
          else if (step.kind === 'pull') await client.pullPage(step.limit);
          else
            await compactChanges(testDb.db, model.orgId, { versions: step.keep, days: 0 }, { batchSize: step.batch });
        }
        await client.pullToEnd(3);
        expect(client.rows).toEqual(await expectedRows(testDb.db, model));
        // A new device gets the same, in pages of one.
        const fresh = new ModelClient(testDb.db, model);
        await fresh.pullToEnd(1);
        expect(fresh.rows).toEqual(client.rows);
      }),
      { numRuns: testDb.kind === 'postgres' ? 40 : 25 },
    );
  });

  it('keeps a row whose delete in one scope is still visible through another, and drops it when it leaves the last', async () => {
    const model = await newModel(testDb.db);
    const [, teamA, teamB] = model.clientScopes;
    const client = new ModelClient(testDb.db, model);
    await writeRow(testDb.db, model, 'r1', [teamA!, teamB!], 1);
    await client.pullToEnd(10);
    await writeRow(testDb.db, model, 'r1', [teamB!], 2); // a del under team A, a put under team B
    const page = await client.pullPage(10);
    expect(page.changes).toEqual([{ op: 'put', entity: 'jobs', id: 'r1', row: { id: 'r1', value: 2 } }]);
    await writeRow(testDb.db, model, 'r1', [model.otherScopes[0]!], 3); // leaves the client's scopes
    expect((await client.pullPage(10)).changes).toEqual([{ op: 'del', entity: 'jobs', id: 'r1' }]);
    expect(client.rows.size).toBe(0);
  });

  it('pages of exactly the limit: `more` only while entries remain, no entry twice or skipped', async () => {
    const model = await newModel(testDb.db);
    const scopes = model.clientScopes;
    // One version per row, each logged under two of the client's scopes: 2 entries per version.
    for (let i = 0; i < 6; i++) await writeRow(testDb.db, model, `r${i}`, [scopes[i % 8]!, scopes[(i + 3) % 8]!], i);
    const exact = new ModelClient(testDb.db, model);
    const first = await exact.pullPage(12);
    expect(first.more).toBe(false);
    expect(first.changes).toHaveLength(6); // 12 entries, one change per row
    const halves = new ModelClient(testDb.db, model);
    const a = await halves.pullPage(6);
    expect(a.more).toBe(true);
    const b = await halves.pullPage(6);
    expect(b.more).toBe(false);
    const c = await halves.pullPage(6);
    expect([c.more, c.changes]).toEqual([false, []]);
    expect(halves.rows).toEqual(exact.rows);
    expect(halves.rows).toEqual(await expectedRows(testDb.db, model));
  });

  it('restarts a reset whose pages straddle a compaction that moved the horizon, and then finishes', async () => {
    const model = await newModel(testDb.db);
    const [ref, teamA] = model.clientScopes;
    for (let i = 0; i < 10; i++) await writeRow(testDb.db, model, `r${i}`, [ref!], i);
    for (let i = 0; i < 4; i++) await writeRow(testDb.db, model, `r${i}`, [], 100 + i); // tombstones
    await compactChanges(testDb.db, model.orgId, { versions: 0, days: 0 });
    const client = new ModelClient(testDb.db, model);
    const first = await client.pullPage(2);
    expect([first.reset, first.more]).toEqual([true, true]);
    // Under this horizon, the reset's own cursor continues.
    expect(await client.pullPage(2)).toMatchObject({ reset: false, more: true });
    // New tombstones, compacted: the horizon moves, the reset in progress starts again.
    await writeRow(testDb.db, model, 'r5', [teamA!], 200);
    await writeRow(testDb.db, model, 'r5', [], 201);
    await writeRow(testDb.db, model, 'r6', [], 202);
    const { minVersion } = await compactChanges(testDb.db, model.orgId, { versions: 0, days: 0 });
    expect(minVersion).toBeGreaterThan(0);
    expect((await client.pullPage(2)).reset).toBe(true);
    await client.pullToEnd(2);
    expect(client.rows).toEqual(await expectedRows(testDb.db, model));
    expect([...client.rows.keys()].sort()).toEqual(['r4', 'r7', 'r8', 'r9']);
  });

  it('logs one entry per (scope, row) for a transaction that changes a row many times', async () => {
    const model = await newModel(testDb.db);
    const [ref, teamA] = model.clientScopes;
    await writeRow(testDb.db, model, 'r1', [ref!], 1);
    const row = (id: string, value: number): { id: string; value: number } => ({ id, value });
    await writeInOrg(testDb.db, model.orgId, async (_tx, recorder) => {
      for (let i = 0; i < 5; i++) recorder.put('jobs', row('r1', 10 + i), [ref!, teamA!]);
      recorder.put('jobs', row('r2', 1), [ref!]);
      recorder.move('jobs', row('r1', 20), [ref!, teamA!], [teamA!]);
    });
    const entries = await queryRows<{ scope: string; entity_id: string; op: string; value: string | null }>(
      testDb.db,
      sql`select c.scope, c.entity_id, c.op, r.row->>'value' as value from ${loggedChanges}
          where c.org_id = ${model.orgId} and c.version = (select version from sync_org_versions where org_id = ${model.orgId})
          order by c.id`,
    );
    expect(entries).toEqual([
      { scope: ref, entity_id: 'r2', op: 'put', value: '1' },
      { scope: teamA, entity_id: 'r1', op: 'put', value: '20' },
      { scope: ref, entity_id: 'r1', op: 'del', value: null },
    ]);
  });

  it('serves a row changed twice in one transaction in its last state under every scope that kept an entry', async () => {
    const model = await newModel(testDb.db);
    const [ref, teamA] = model.clientScopes;
    const row = (id: string, value: number): { id: string; value: number } => ({ id, value });
    await writeInOrg(testDb.db, model.orgId, async (_tx, recorder) => {
      recorder.put('jobs', row('r1', 1), [ref!, teamA!]);
      recorder.put('jobs', row('r1', 2), [teamA!]); // ref's entry keeps the first put's place
    });
    const served = await queryRows<ChangeRow>(
      testDb.db,
      changesAfterQuery(model.orgId, [ref!, teamA!], { version: 0, id: 0 }, 10),
    );
    // One row per (version, row): the state the transaction committed, whichever scope pulls it.
    expect(served.map((c) => [c.scope, (JSON.parse(c.row!) as { value: number }).value])).toEqual([
      [ref, 2],
      [teamA, 2],
    ]);
  });
});
