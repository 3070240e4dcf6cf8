import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { changesAfterQuery, compactChanges, queryRows, writeInOrg, type ChangeRow } from '@lastmile/sync/server';
import type { Actor } from '@lastmile/domain';
import { createTestDb, type TestDb } from '../test/test-db.ts';
import { changeRowsAudit, newModel } from './change-log-model.ts';
import { buildWorld, memoryDevice } from './test-world.ts';

let testDb: TestDb;
beforeAll(async () => {
  testDb = await createTestDb();
});
afterAll(async () => {
  await testDb.cleanup();
});

const device = (actor: Actor) => memoryDevice(testDb.db, actor);

it('compaction keeps every client convergent: current cursors continue, stale ones reset', async () => {
  const world = await buildWorld(testDb.db);
  const { lead, tech1, tech2 } = world.actors;
  const stale = device(tech1);
  await stale.client.sync();
  const current = device(lead);
  await current.client.sync();

  const job = world.jobIds[1]!; // tech1's
  const writer = device(lead);
  await writer.client.sync();
  for (let i = 0; i < 5; i++) await writer.client.mutate('updateJobNotes', { jobId: job, notes: `note ${i}` });
  await writer.client.mutate('assignJob', {
    jobId: job,
    expectedAssigneeId: tech1.userId,
    assigneeId: tech2.userId,
    handoffNote: '',
  });
  await writer.client.sync();
  await current.client.sync();

  const [before] = await queryRows<{ n: string }>(
    testDb.db,
    sql`select count(*) as n from sync_changes where org_id = ${world.orgId}`,
  );
  const result = await compactChanges(testDb.db, world.orgId, { versions: 0, days: 0 });
  const [after] = await queryRows<{ n: string }>(
    testDb.db,
    sql`select count(*) as n from sync_changes where org_id = ${world.orgId}`,
  );
  expect(result.removed).toBeGreaterThan(0);
  expect(Number(after?.n)).toBe(Number(before?.n) - result.removed);
  expect(result.minVersion).toBeGreaterThan(0);

  // The stale technician missed the removal (its tombstone is gone): it must be told to reset.
  await stale.client.sync();
  expect(stale.store.snapshotRows().has(`jobs:${job}`)).toBe(false);
  for (const d of [stale, current]) {
    const actor = d === stale ? tech1 : lead;
    const fresh = device(actor);
    await fresh.client.sync();
    expect(d.store.snapshotRows()).toEqual(fresh.store.snapshotRows());
  }
});

it('keeps a row once per version, and compaction drops it with the last entry that points at it', async () => {
  const model = await newModel(testDb.db);
  const [a, b] = model.clientScopes as [string, string];
  const put = (value: number, scopes: string[]) =>
    writeInOrg(testDb.db, model.orgId, async (_tx, recorder) => {
      const row = { id: 'r1', value };
      recorder.put('jobs', row, scopes);
    });
  const stored = () =>
    queryRows<{ version: number; value: number }>(
      testDb.db,
      sql`select version::int, (row->>'value')::int as value from sync_change_rows where org_id = ${model.orgId} order by version`,
    );
  const entries = () =>
    queryRows<{ version: number; scope: string }>(
      testDb.db,
      sql`select version::int, scope from sync_changes where org_id = ${model.orgId} order by version, id`,
    );
  const pulled = async (scope: string) =>
    (await queryRows<ChangeRow>(testDb.db, changesAfterQuery(model.orgId, [scope], { version: 0, id: 0 }, 10))).map(
      (c) => [Number(c.version), c.op, c.row === null ? null : (JSON.parse(c.row) as { value: number }).value],
    );

  await put(1, [a, b]); // v1, seen by a and b
  await put(2, [a]); // v2, a only: b's newest entry stays v1's
  // One row per version, however many scopes' entries point at it.
  expect(await stored()).toEqual([
    { version: 1, value: 1 },
    { version: 2, value: 2 },
  ]);
  expect(await entries()).toEqual([
    { version: 1, scope: a },
    { version: 1, scope: b },
    { version: 2, scope: a },
  ]);

  await compactChanges(testDb.db, model.orgId, { versions: 0, days: 0 });
  // a's v1 entry was superseded; b's is still b's newest, so v1's row stays for it.
  expect(await entries()).toEqual([
    { version: 1, scope: b },
    { version: 2, scope: a },
  ]);
  expect(await stored()).toEqual([
    { version: 1, value: 1 },
    { version: 2, value: 2 },
  ]);
  expect(await pulled(b)).toEqual([[1, 'put', 1]]);
  expect(await pulled(a)).toEqual([[2, 'put', 2]]);

  await put(3, [a, b]); // v3 supersedes both: v1's and v2's rows lose their last entries
  await compactChanges(testDb.db, model.orgId, { versions: 0, days: 0 });
  expect(await stored()).toEqual([{ version: 3, value: 3 }]);
  expect(await changeRowsAudit(testDb.db, model.orgId)).toEqual({ putsWithoutRow: 0, orphanRows: 0 });

  // A tombstone older than the horizon goes with the entries before it, and their rows with them.
  await writeInOrg(testDb.db, model.orgId, async (_tx, recorder) => {
    recorder.delete('jobs', 'r1', [a, b]);
  });
  await put(5, [b]); // the row comes back under b
  await compactChanges(testDb.db, model.orgId, { versions: 0, days: 0 });
  expect(await stored()).toEqual([{ version: 5, value: 5 }]);
  expect(await pulled(b)).toEqual([[5, 'put', 5]]);
  expect(await pulled(a)).toEqual([]);
  expect(await changeRowsAudit(testDb.db, model.orgId)).toEqual({ putsWithoutRow: 0, orphanRows: 0 });
});
