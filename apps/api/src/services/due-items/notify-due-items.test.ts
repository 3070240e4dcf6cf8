import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '@lastmile/domain';
import { queryRows, writeInOrg } from '@lastmile/sync/server';
import { outstandingItems } from '../../db/schema/index.ts';
import { buildWorld, type World } from '../../sync/test-world.ts';
import { createTestDb, type TestDb } from '../../test/test-db.ts';
import { dueNoticeId, notifyDueItems } from './notify-due-items.ts';

/**
 * Due and overdue item reminders (R7): once per item and due date, to its owner (or whoever raised
 * it), only for open items of active people, "today" in the organization's time zone; replicated
 * to the recipient's devices through the change log; idempotent under concurrent sweeps.
 */
let testDb: TestDb;
let world: World;

const day = (offset: number, timeZone = 'UTC') =>
  new Date(Date.now() + offset * 86_400_000).toLocaleDateString('en-CA', { timeZone });

async function item(fields: { dueDate: string | null; ownerId?: string | null; status?: string; createdBy?: string }) {
  const id = newId();
  await writeInOrg(testDb.db, world.orgId, async (tx) => {
    await tx.insert(outstandingItems).values({
      id,
      orgId: world.orgId,
      title: `Item ${id.slice(0, 4)}`,
      description: '',
      jobId: world.jobIds[1]!,
      siteId: world.siteId,
      ownerId: fields.ownerId === undefined ? world.actors.tech1.userId : fields.ownerId,
      dueDate: fields.dueDate,
      priority: 'normal',
      status: fields.status ?? 'open',
      createdBy: fields.createdBy ?? world.actors.lead.userId,
    } as typeof outstandingItems.$inferInsert);
  });
  return id;
}

async function notices() {
  return queryRows<{ id: string; user_id: string; kind: string; body: string; job_id: string | null }>(
    testDb.db,
    sql`select id, user_id, kind, body, job_id from notifications where org_id = ${world.orgId} order by kind, body`,
  );
}

beforeAll(async () => {
  testDb = await createTestDb();
  world = await buildWorld(testDb.db, { jobCount: 2 });
});
afterAll(async () => testDb.cleanup());

describe('due and overdue item reminders', () => {
  it('tells the owner once per item and due date, and the raiser when nobody owns it', async () => {
    const dueToday = await item({ dueDate: day(0) });
    const overdue = await item({ dueDate: day(-3) });
    const unowned = await item({ dueDate: day(-1), ownerId: null, createdBy: world.actors.tech2.userId });
    const later = await item({ dueDate: day(2) });
    const done = await item({ dueDate: day(-1), status: 'done' });
    const none = await item({ dueDate: null });

    // Two processes sweeping at the same time tell each person once.
    const told = await Promise.all([notifyDueItems(testDb.db), notifyDueItems(testDb.db)]);
    expect(told[0] + told[1]).toBe(3);
    const rows = await notices();
    expect(rows.map((r) => [r.id, r.user_id, r.kind]).sort()).toEqual(
      [
        [dueNoticeId(dueToday, day(0), 'item_due'), world.actors.tech1.userId, 'item_due'],
        [dueNoticeId(overdue, day(-3), 'item_overdue'), world.actors.tech1.userId, 'item_overdue'],
        [dueNoticeId(unowned, day(-1), 'item_overdue'), world.actors.tech2.userId, 'item_overdue'],
      ].sort(),
    );
    expect(rows.every((r) => r.job_id === world.jobIds[1] && r.body.startsWith('Item '))).toBe(true);
    expect(rows.some((r) => [later, done, none].some((id) => r.body.includes(id.slice(0, 4))))).toBe(false);
    expect(await notifyDueItems(testDb.db)).toBe(0);

    // It reaches the recipient's devices: the change log has it under their user scope only.
    const logged = await queryRows<{ scope: string }>(
      testDb.db,
      sql`select scope from sync_changes where entity = 'notifications' and entity_id = ${rows[0]!.id}`,
    );
    expect(logged.map((l) => l.scope)).toEqual([`user:${rows[0]!.user_id}`]);
  });

  it('reminds again for a new due date, and not a deactivated person', async () => {
    const moved = await item({ dueDate: day(-2), ownerId: world.actors.tech2.userId });
    await notifyDueItems(testDb.db);
    await testDb.db.execute(sql`update outstanding_items set due_date = ${day(-1)} where id = ${moved}`);
    expect(await notifyDueItems(testDb.db)).toBe(1);

    await testDb.db.execute(sql`update users set active = false where id = ${world.actors.office.userId}`);
    await item({ dueDate: day(-1), ownerId: world.actors.office.userId });
    expect(await notifyDueItems(testDb.db)).toBe(0);
  });

  it('counts "today" in the organization’s time zone', async () => {
    await testDb.db.execute(sql`update organizations set time_zone = 'Pacific/Kiritimati' where id = ${world.orgId}`);
    // Kiritimati is UTC+14: its "today" may be UTC's tomorrow; an item due then is due there now.
    const kiritimatiToday = day(0, 'Pacific/Kiritimati');
    const id = await item({ dueDate: kiritimatiToday, ownerId: world.actors.tech1.userId });
    await notifyDueItems(testDb.db);
    const rows = await notices();
    expect(rows.some((r) => r.id === dueNoticeId(id, kiritimatiToday, 'item_due'))).toBe(true);
  });
});
