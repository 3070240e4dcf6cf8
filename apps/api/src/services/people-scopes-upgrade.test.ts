import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scope, type Actor } from '@lastmile/domain';
import { writeInOrg } from '@lastmile/sync/server';
import { buildWorld, memoryDevice, type World } from '../sync/test-world.ts';
import { createTestDb, type TestDb } from '../test/test-db.ts';
import { createTeam } from './create-team.ts';
import { createUser } from './create-user.ts';
import { upgradePeopleScopes } from './people-scopes-upgrade.ts';
import { updateUser } from './update-user.ts';

/**
 * Data written before people followed their teams (ADR 0051): every person only under `ref:`.
 * The start-up upgrade leaves each phone holding its own team's people, and runs once.
 */
let testDb: TestDb;
let world: World;
let elsewhere: Actor;

beforeAll(async () => {
  testDb = await createTestDb();
  world = await buildWorld(testDb.db, { jobCount: 2 });
  elsewhere = await writeInOrg(testDb.db, world.orgId, async (tx, rec) => {
    const team = await createTeam(tx, rec, { orgId: world.orgId, name: 'South' });
    const user = await createUser(tx, rec, {
      orgId: world.orgId,
      teamId: team.id,
      name: 'South tech',
      email: `south-${team.id}@test.lastmile.app`,
      role: 'technician',
      passwordHash: 'not-for-sign-in',
    });
    return { userId: user.id, orgId: world.orgId, role: 'technician', teamId: team.id };
  });
});
afterAll(async () => {
  await testDb.cleanup();
});

const device = (actor: Actor) => memoryDevice(testDb.db, actor);

describe('the upgrade of people logged organization-wide', () => {
  it('moves their entries to the office, logs each where it is held now, and runs once', async () => {
    const { orgId } = world;
    const { tech1, tech2, lead, office } = world.actors;
    // The layout of before: people only under `ref:`, nowhere else.
    await testDb.db.execute(
      sql`delete from sync_changes where org_id = ${orgId} and entity = 'users' and scope <> ${scope.org(orgId)}`,
    );
    await testDb.db.execute(
      sql`update sync_changes set scope = ${scope.ref(orgId)} where org_id = ${orgId} and entity = 'users'`,
    );
    const stale = device(tech1);
    await stale.client.sync();
    expect(stale.has('users', elsewhere.userId)).toBe(true); // what every phone held before

    expect(await upgradePeopleScopes(testDb.db)).toBeGreaterThanOrEqual(1);
    expect(await upgradePeopleScopes(testDb.db)).toBe(0);

    const phone = device(tech1);
    await phone.client.sync();
    for (const id of [tech1.userId, tech2.userId, lead.userId, office.userId])
      expect(phone.has('users', id)).toBe(true);
    expect(phone.has('users', elsewhere.userId)).toBe(false);
    const south = device(elsewhere);
    await south.client.sync();
    expect(south.has('users', elsewhere.userId)).toBe(true);
    expect(south.has('users', office.userId)).toBe(true);
    expect(south.has('users', tech1.userId)).toBe(false);
    const desk = device(office);
    await desk.client.sync();
    expect(desk.count('users')).toBe(5);

    // Later changes log people under `ref:` again (a technician made office staff, and back): still a no-op.
    await writeInOrg(testDb.db, orgId, (tx, rec) =>
      updateUser(tx, rec, { orgId, id: tech2.userId, role: 'office', teamId: null }),
    );
    await writeInOrg(testDb.db, orgId, (tx, rec) =>
      updateUser(tx, rec, { orgId, id: tech2.userId, role: 'technician', teamId: elsewhere.teamId }),
    );
    expect(await upgradePeopleScopes(testDb.db)).toBe(0);
    await Promise.all([phone.client.sync(), south.client.sync(), desk.client.sync()]);
    expect(phone.has('users', tech2.userId)).toBe(false);
    expect(south.has('users', tech2.userId)).toBe(true);
    expect(desk.store.snapshotRows().get(`users:${tech2.userId}`)).toMatchObject({ teamId: elsewhere.teamId });
  });
});
