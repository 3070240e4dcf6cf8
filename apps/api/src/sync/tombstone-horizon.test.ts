import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@lastmile/domain';
import { compactChanges, queryRows, type TombstoneKeep } from '@lastmile/sync/server';
import { createTestDb, type TestDb } from '../test/test-db.ts';
import { letDaysPass } from './change-log-model.ts';
import { buildWorld, memoryDevice, type World } from './test-world.ts';

/**
 * Tombstones are kept by time as well as by version count (ADR 0047): a phone that synced within
 * the keep period continues from its cursor however many versions the organization wrote
 * meanwhile; one away for longer resets, keeping its outbox. Time passes by moving the
 * organization's version marks into the past, as if compaction had written them days ago.
 */

let testDb: TestDb;
beforeAll(async () => {
  testDb = await createTestDb();
});
afterAll(async () => {
  await testDb.cleanup();
});

/** The production period with a version count a test can pass in a few pushes. */
const KEEP: TombstoneKeep = { versions: 5, days: 30 };

/** A device in memory that also remembers whether each pull page it got was a reset. */
function watchedDevice(actor: Actor) {
  const resets: boolean[] = [];
  const device = memoryDevice(testDb.db, actor, (inner) => ({
    push: (req) => inner.push(req),
    pull: async (req) => {
      const res = await inner.pull(req);
      resets.push(res.reset);
      return res;
    },
  }));
  /** Syncs and says whether any page of it was a reset. */
  const sync = async () => {
    resets.length = 0;
    await device.client.sync();
    return resets.includes(true);
  };
  return { ...device, sync, has: (id: string) => device.has('jobs', id) };
}

async function horizon(orgId: string) {
  const [row] = await queryRows<{ min_version: number; tombstones: number; marks: number }>(
    testDb.db,
    sql`select min_version::int,
               (select count(*)::int from sync_changes where org_id = ${orgId} and op = 'del') as tombstones,
               (select count(*)::int from sync_version_marks where org_id = ${orgId}) as marks
        from sync_org_versions where org_id = ${orgId}`,
  );
  return row!;
}

/** The lead moves tech1's job to tech2 (a tombstone under tech1's scope), then writes `more` versions. */
async function reassignAway(world: World, jobId: string, more: number) {
  const { lead, tech1, tech2 } = world.actors;
  const writer = memoryDevice(testDb.db, lead);
  await writer.client.sync();
  await writer.client.mutate('assignJob', {
    jobId,
    expectedAssigneeId: tech1.userId,
    assigneeId: tech2.userId,
    handoffNote: '',
  });
  await writer.client.sync();
  await leadWrites(world, more);
}

/** `n` versions: the lead's notes on a tech2 job, one push each. */
async function leadWrites(world: World, n: number) {
  const writer = memoryDevice(testDb.db, world.actors.lead);
  await writer.client.sync();
  for (let i = 0; i < n; i++) {
    await writer.client.mutate('updateJobNotes', { jobId: world.jobIds[2]!, notes: `lead ${i}` });
    await writer.client.sync();
  }
}

const notesOf = async (jobId: string) =>
  (await queryRows<{ notes: string }>(testDb.db, sql`select notes from jobs where id = ${jobId}`))[0]?.notes;

describe('tombstones kept by time (ADR 0047)', () => {
  it('a phone away for 29 days continues from its cursor; one away for 31 resets and keeps its outbox', async () => {
    const world = await buildWorld(testDb.db);
    const { tech1 } = world.actors;
    const [moved, kept] = [world.jobIds[1]!, world.jobIds[3]!]; // both tech1's
    const away = watchedDevice(tech1); // back after 29 days
    const drawer = watchedDevice(tech1); // back after 31 days
    for (const phone of [away, drawer]) {
      expect(await phone.sync()).toBe(true); // a first sync is a reset
      expect(phone.has(moved)).toBe(true);
    }
    // Both record work offline on a job they keep.
    await away.client.mutate('updateJobNotes', { jobId: kept, notes: 'written in the truck' });
    await drawer.client.mutate('updateJobNotes', { jobId: kept, notes: 'found in the drawer' });

    await reassignAway(world, moved, 8); // the tombstone is now more than KEEP.versions old
    const before = await horizon(world.orgId);
    expect(before.tombstones).toBeGreaterThan(0);

    // Version count alone (the old rule) would drop it now; time keeps it: no mark is old enough.
    await compactChanges(testDb.db, world.orgId, KEEP);
    expect(await horizon(world.orgId)).toMatchObject({
      min_version: before.min_version,
      tombstones: before.tombstones,
    });
    await letDaysPass(testDb.db, world.orgId, 29);
    await compactChanges(testDb.db, world.orgId, KEEP);
    expect(await horizon(world.orgId)).toMatchObject({
      min_version: before.min_version,
      tombstones: before.tombstones,
    });

    // Day 29: the phone continues from its cursor; the job it lost is removed, its note lands.
    expect(await away.sync()).toBe(false);
    expect(away.has(moved)).toBe(false);
    expect(away.has(kept)).toBe(true);
    expect(await notesOf(kept)).toBe('written in the truck');

    // Day 31: the tombstone goes, and the horizon rises past it.
    await letDaysPass(testDb.db, world.orgId, 2);
    const run = await compactChanges(testDb.db, world.orgId, KEEP);
    const after = await horizon(world.orgId);
    expect(after.tombstones).toBe(0);
    expect(after.min_version).toBeGreaterThan(before.min_version);
    expect(run.minVersion).toBe(after.min_version);

    // The phone from the drawer resets: its rows are replaced, its outbox is not.
    expect(await drawer.sync()).toBe(true);
    expect(drawer.has(moved)).toBe(false);
    expect(drawer.has(kept)).toBe(true);
    expect(await notesOf(kept)).toBe('found in the drawer');
    const fresh = memoryDevice(testDb.db, tech1);
    await fresh.client.sync();
    expect(drawer.store.snapshotRows()).toEqual(fresh.store.snapshotRows());
    // The phone that came back on day 29 has synced since: it still continues.
    expect(await away.sync()).toBe(false);
    expect(away.store.snapshotRows()).toEqual(fresh.store.snapshotRows());
  });

  it('keeps a tombstone written after the newest old-enough mark, however many versions old', async () => {
    const world = await buildWorld(testDb.db);
    await compactChanges(testDb.db, world.orgId, KEEP); // the first mark: before the tombstone
    await reassignAway(world, world.jobIds[1]!, 8);
    await letDaysPass(testDb.db, world.orgId, 31);
    // The only mark older than 30 days says nothing about when the tombstone was written.
    await compactChanges(testDb.db, world.orgId, KEEP);
    expect((await horizon(world.orgId)).tombstones).toBeGreaterThan(0);
  });

  it('a phone whose last pull came just after a mark, with nothing written between, still continues', async () => {
    const world = await buildWorld(testDb.db);
    const phone = watchedDevice(world.actors.tech1);
    await phone.sync();
    await reassignAway(world, world.jobIds[1]!, 0); // the tombstone is the organization's newest version
    await compactChanges(testDb.db, world.orgId, KEEP); // marked at that very version
    await letDaysPass(testDb.db, world.orgId, 1);
    expect(await phone.sync()).toBe(false); // its cursor is at the mark's version
    await leadWrites(world, 8); // the tombstone passes the version count
    await letDaysPass(testDb.db, world.orgId, 29.5); // the mark is 30.5 days old, the phone's pull 29.5
    await compactChanges(testDb.db, world.orgId, KEEP);
    expect(await phone.sync()).toBe(false);
    expect(phone.has(world.jobIds[1]!)).toBe(false);
  });

  it('writes a mark per fiftieth of the period whatever the runs, and drops those below the horizon', async () => {
    const world = await buildWorld(testDb.db);
    const writer = memoryDevice(testDb.db, world.actors.lead);
    await writer.client.sync();
    // Compaction every ten minutes for two days: one mark per fiftieth of the period (14.4 hours).
    for (let run = 0; run < 2 * 144; run++) {
      if (run % 24 === 0) {
        await writer.client.mutate('updateJobNotes', { jobId: world.jobIds[2]!, notes: `run ${run}` });
        await writer.client.sync();
      }
      await compactChanges(testDb.db, world.orgId, KEEP);
      await letDaysPass(testDb.db, world.orgId, 10 / 1440);
    }
    expect((await horizon(world.orgId)).marks).toBe(4); // at 0, 14.4, 28.8 and 43.2 hours
    // Sixty days of daily runs: marks older than the one the horizon stands on are dropped.
    for (let day = 0; day < 60; day++) {
      await writer.client.mutate('updateJobNotes', { jobId: world.jobIds[2]!, notes: `day ${day}` });
      await writer.client.sync();
      await compactChanges(testDb.db, world.orgId, KEEP);
      await letDaysPass(testDb.db, world.orgId, 1);
    }
    const { marks } = await horizon(world.orgId);
    expect(marks).toBeGreaterThanOrEqual(30);
    expect(marks).toBeLessThanOrEqual(32); // one a day within the period, and the one it stands on
  });

  it('with days 0 keeps tombstones by version count alone and writes no marks', async () => {
    const world = await buildWorld(testDb.db);
    await reassignAway(world, world.jobIds[1]!, 8);
    await compactChanges(testDb.db, world.orgId, { versions: 5, days: 0 });
    expect(await horizon(world.orgId)).toMatchObject({ tombstones: 0, marks: 0 });
  });
});
