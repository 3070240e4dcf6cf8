import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId, type Actor } from '@lastmile/domain';
import { queryRows, writeInOrg } from '@lastmile/sync/server';
import { buildWorld, memoryDevice, type World } from '../sync/test-world.ts';
import { createTestDb, type TestDb } from '../test/test-db.ts';
import { createCustomer } from './create-customer.ts';
import { createJob } from './create-job.ts';
import { createSite } from './create-site.ts';
import { upgradeReferenceScopes } from './reference-scopes-upgrade.ts';
import { updateSite } from './update-site.ts';

/**
 * A device holds its own work (issue 14): a technician's phone receives the sites and customers of
 * its jobs, not the organization's; they follow reassignments and site changes; the office keeps
 * them all; and a phone's first sync does not grow with the rest of the organization.
 */
let testDb: TestDb;
let world: World;
let jobType: string;

beforeAll(async () => {
  testDb = await createTestDb();
  world = await buildWorld(testDb.db, { jobCount: 3 });
  const [row] = await queryRows<{ job_type_id: string }>(
    testDb.db,
    sql`select job_type_id from jobs where id = ${world.jobIds[1]!}`,
  );
  jobType = row!.job_type_id;
});
afterAll(async () => {
  await testDb.cleanup();
});

const device = (actor: Actor) => memoryDevice(testDb.db, actor);

/** A customer with one site, and jobs there for the given people (one transaction). */
async function place(name: string, assignees: (string | null)[], teamId: string | null = world.teamId) {
  return writeInOrg(testDb.db, world.orgId, async (tx, rec) => {
    const customer = await createCustomer(tx, rec, { orgId: world.orgId, name, phone: null, email: null });
    const site = await createSite(tx, rec, {
      orgId: world.orgId,
      customerId: customer.id,
      name: `${name} site`,
      address: `${name} street 1`,
      lat: null,
      lng: null,
      accessNotes: '',
    });
    const jobIds: string[] = [];
    for (const assigneeId of assignees) {
      const job = await createJob(tx, rec, {
        orgId: world.orgId,
        jobTypeId: jobType,
        customerId: customer.id,
        siteId: site.id,
        teamId,
        assigneeId,
        priority: 'normal',
        scheduledStart: new Date('2026-12-02T08:00:00Z'),
        scheduledEnd: new Date('2026-12-02T09:00:00Z'),
        title: `${name} job`,
        notes: '',
        externalRef: null,
        createdBy: world.actors.office.userId,
      });
      jobIds.push(job.id);
    }
    return { customerId: customer.id, siteId: site.id, jobIds };
  });
}

describe('customers and sites travel with the jobs that need them', () => {
  it('a technician holds the sites and customers of their jobs only; the office holds them all', async () => {
    const { tech1, tech2, office } = world.actors;
    const mine = await place(`Mine ${newId().slice(0, 4)}`, [tech1.userId]);
    const theirs = await place(`Theirs ${newId().slice(0, 4)}`, [tech2.userId]);
    const nobody = await place(`Nobody ${newId().slice(0, 4)}`, [], null);
    const phone = device(tech1);
    await phone.client.sync();
    expect(phone.has('sites', mine.siteId)).toBe(true);
    expect(phone.has('customers', mine.customerId)).toBe(true);
    expect(phone.has('sites', theirs.siteId)).toBe(false);
    expect(phone.has('customers', theirs.customerId)).toBe(false);
    expect(phone.has('customers', nobody.customerId)).toBe(false);
    const desk = device(office);
    await desk.client.sync();
    for (const p of [mine, theirs, nobody]) {
      expect(desk.has('sites', p.siteId)).toBe(true);
      expect(desk.has('customers', p.customerId)).toBe(true);
    }
  });

  it('a reassignment moves them; someone with another job there keeps them; an edit reaches every holder', async () => {
    const { tech1, tech2, lead } = world.actors;
    const shared = await place(`Shared ${newId().slice(0, 4)}`, [tech1.userId, tech1.userId]);
    const one = device(tech1);
    const two = device(tech2);
    const board = device(lead);
    await Promise.all([one.client.sync(), two.client.sync(), board.client.sync()]);
    expect(two.has('sites', shared.siteId)).toBe(false);

    // The first of tech1's two jobs there goes to tech2: both now need the site.
    await board.client.mutate('assignJob', {
      jobId: shared.jobIds[0]!,
      expectedAssigneeId: tech1.userId,
      assigneeId: tech2.userId,
      handoffNote: '',
    });
    await board.client.sync();
    await Promise.all([one.client.sync(), two.client.sync()]);
    expect(two.has('sites', shared.siteId)).toBe(true);
    expect(two.has('customers', shared.customerId)).toBe(true);
    expect(one.has('sites', shared.siteId)).toBe(true);

    // The second one too: tech1 has no job there any more and loses site and customer.
    await board.client.mutate('assignJob', {
      jobId: shared.jobIds[1]!,
      expectedAssigneeId: tech1.userId,
      assigneeId: tech2.userId,
      handoffNote: '',
    });
    await board.client.sync();
    await Promise.all([one.client.sync(), two.client.sync()]);
    expect(one.has('sites', shared.siteId)).toBe(false);
    expect(one.has('customers', shared.customerId)).toBe(false);
    expect(two.has('sites', shared.siteId)).toBe(true);
    // The lead sees the team's jobs, so the team scope keeps them throughout.
    expect(board.has('sites', shared.siteId)).toBe(true);

    // The office renames the site: the phone that holds it gets the new name.
    await writeInOrg(testDb.db, world.orgId, (tx, rec) =>
      updateSite(tx, rec, {
        orgId: world.orgId,
        id: shared.siteId,
        name: 'Renamed depot',
        address: 'New street 2',
        lat: null,
        lng: null,
        accessNotes: 'Gate code 1234',
      }),
    );
    await Promise.all([one.client.sync(), two.client.sync()]);
    expect(two.store.snapshotRows().get(`sites:${shared.siteId}`)).toMatchObject({ name: 'Renamed depot' });
    expect(one.has('sites', shared.siteId)).toBe(false);
  });

  it("a technician's first sync does not grow with the rest of the organization", async () => {
    const { tech1 } = world.actors;
    const firstSync = async () => {
      const phone = device(tech1);
      await phone.client.sync();
      return phone.store.snapshotRows().size;
    };
    const before = await firstSync();
    // 60 more customers, sites and jobs for other people and nobody.
    for (let i = 0; i < 30; i++) await place(`Other ${i}`, [world.actors.tech2.userId]);
    for (let i = 0; i < 30; i++) await place(`Pool ${i}`, [null], null);
    expect(await firstSync()).toBe(before);
  });
});

describe('the upgrade of data written before (customers and sites under the reference scope)', () => {
  it('moves old entries to the office, logs what each job needs under its scopes, and runs once', async () => {
    const { tech1, office } = world.actors;
    const old = await place(`Old ${newId().slice(0, 4)}`, [tech1.userId]);
    const elsewhere = await place(`Old elsewhere ${newId().slice(0, 4)}`, [world.actors.tech2.userId]);
    // The layout of before: customers and sites only under `ref:`, nowhere else.
    await testDb.db.execute(
      sql`delete from sync_changes where org_id = ${world.orgId} and entity in ('customers', 'sites') and scope <> ${`org:${world.orgId}`}`,
    );
    await testDb.db.execute(
      sql`update sync_changes set scope = ${`ref:${world.orgId}`} where org_id = ${world.orgId} and entity in ('customers', 'sites')`,
    );
    const stale = device(tech1);
    await stale.client.sync();
    expect(stale.has('customers', elsewhere.customerId)).toBe(true); // what every phone held before

    expect(await upgradeReferenceScopes(testDb.db)).toBeGreaterThanOrEqual(1);
    expect(await upgradeReferenceScopes(testDb.db)).toBe(0);

    const phone = device(tech1);
    await phone.client.sync();
    expect(phone.has('sites', old.siteId)).toBe(true);
    expect(phone.has('customers', old.customerId)).toBe(true);
    expect(phone.has('customers', elsewhere.customerId)).toBe(false);
    expect(phone.has('sites', elsewhere.siteId)).toBe(false);
    const desk = device(office);
    await desk.client.sync();
    expect(desk.has('customers', elsewhere.customerId)).toBe(true);
    expect(desk.has('sites', old.siteId)).toBe(true);
  });
});
