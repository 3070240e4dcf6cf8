import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { compactChanges, queryRows } from '@lastmile/sync/server';
import type { Actor } from '@lastmile/domain';
import { createTestDb, type TestDb } from '../test/test-db.ts';
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
  const result = await compactChanges(testDb.db, world.orgId, 0);
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
