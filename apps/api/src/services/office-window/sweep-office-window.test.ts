import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId, type Actor } from '@lastmile/domain';
import { queryRows } from '@lastmile/sync/server';
import { buildWorld, memoryDevice, type World } from '../../sync/test-world.ts';
import { createTestDb, type TestDb } from '../../test/test-db.ts';
import { sweepOfficeWindow } from './sweep-office-window.ts';

/**
 * The office holds open and recent work (issue 14 point 4, ADR 0040): closed jobs older than the
 * organization's window leave office devices with their rows, stay on the phones that need them,
 * come back when they change, and a pending change on such a job is never lost.
 */
let testDb: TestDb;

beforeAll(async () => {
  testDb = await createTestDb();
});
afterAll(async () => {
  await testDb.cleanup();
});

const device = (actor: Actor) => memoryDevice(testDb.db, actor);

/** Cancels the job with a message on it (through the office's own device) and makes it `days` old. */
async function closeWithMessage(world: World, jobId: string, days: number) {
  const desk = device(world.actors.office);
  await desk.client.sync();
  const messageId = newId();
  await desk.client.mutate('postJobMessage', { id: messageId, jobId, body: 'Customer moved away' });
  await desk.client.mutate('transitionJob', { jobId, to: 'cancelled', reason: 'Customer moved away' });
  await desk.client.sync();
  await age(jobId, days);
  return messageId;
}

/** Makes the job and its thread `days` old. */
async function age(jobId: string, days: number) {
  await testDb.db.execute(sql`update jobs set updated_at = now() - make_interval(days => ${days}) where id = ${jobId}`);
  await testDb.db.execute(
    sql`update job_messages set created_at = now() - make_interval(days => ${days}) where job_id = ${jobId}`,
  );
}

async function sweep() {
  const run = await sweepOfficeWindow(testDb.db);
  if (run === 'busy') throw new Error('the sweep lock was held');
  return run;
}

describe('the office window sweep', () => {
  it('takes aged-out closed jobs off office devices, keeps them on the phones that hold them, and brings them back when they change', async () => {
    const world = await buildWorld(testDb.db, { jobCount: 4 });
    const old = world.jobIds[1]!; // assigned to a technician of the team
    const recent = world.jobIds[2]!;
    const oldMessage = await closeWithMessage(world, old, 200);
    const recentMessage = await closeWithMessage(world, recent, 30);
    const [{ assignee_id: assignee } = { assignee_id: '' }] = await queryRows<{ assignee_id: string }>(
      testDb.db,
      sql`select assignee_id from jobs where id = ${old}`,
    );
    const tech = Object.values(world.actors).find((a) => a.userId === assignee)!;

    const desk = device(world.actors.office);
    const phone = device(tech);
    const board = device(world.actors.lead);
    await Promise.all([desk.client.sync(), phone.client.sync(), board.client.sync()]);
    expect(desk.has('jobs', old) && desk.has('jobMessages', oldMessage)).toBe(true);

    expect(await sweep()).toMatchObject({ departed: 1, returned: 0 });
    await Promise.all([desk.client.sync(), phone.client.sync(), board.client.sync()]);
    expect(desk.has('jobs', old)).toBe(false);
    expect(desk.has('jobMessages', oldMessage)).toBe(false);
    expect(desk.has('jobs', recent) && desk.has('jobMessages', recentMessage)).toBe(true);
    for (const d of [phone, board]) expect(d.has('jobs', old) && d.has('jobMessages', oldMessage)).toBe(true);

    // Idempotent: nothing more to do, nothing logged.
    const [before] = await queryRows<{ n: number }>(testDb.db, sql`select count(*)::int as n from sync_changes`);
    expect(await sweep()).toMatchObject({ departed: 0, returned: 0 });
    const [after] = await queryRows<{ n: number }>(testDb.db, sql`select count(*)::int as n from sync_changes`);
    expect(after!.n).toBe(before!.n);

    // A new office device's first sync does not receive it.
    const fresh = device(world.actors.office);
    await fresh.client.sync();
    expect(fresh.has('jobs', old)).toBe(false);
    expect(fresh.keys()).toEqual(desk.keys());

    // Changed after aging out: the job comes back at once, its thread with the next sweep.
    await board.client.mutate('updateJobNotes', { jobId: old, notes: 'Asked about again' });
    await board.client.sync();
    await desk.client.sync();
    expect(desk.has('jobs', old)).toBe(true);
    expect(await sweep()).toMatchObject({ departed: 0, returned: 1 });
    await desk.client.sync();
    expect(desk.has('jobMessages', oldMessage)).toBe(true);
    const again = device(world.actors.office);
    await again.client.sync();
    expect(again.keys()).toEqual(desk.keys());
  });

  it('a message on an aged-out job brings it back to the office with its thread, and keeps it while it is talked about', async () => {
    const world = await buildWorld(testDb.db, { jobCount: 3 });
    const job = world.jobIds[1]!;
    await closeWithMessage(world, job, 200);
    const desk = device(world.actors.office);
    await desk.client.sync();
    expect(await sweep()).toMatchObject({ departed: 1, returned: 0 });
    await desk.client.sync();
    expect(desk.has('jobs', job)).toBe(false);

    // The customer calls back about the cancelled job: a lead writes in its thread.
    const board = device(world.actors.lead);
    await board.client.sync();
    const followUp = newId();
    await board.client.mutate('postJobMessage', { id: followUp, jobId: job, body: 'Customer called back' });
    await board.client.sync();
    expect(await sweep()).toMatchObject({ departed: 0, returned: 1 });
    await desk.client.sync();
    expect(desk.has('jobs', job) && desk.has('jobMessages', followUp)).toBe(true);
    // The job itself is still 200 days unchanged, but it is being talked about: it stays.
    expect(await sweep()).toMatchObject({ departed: 0, returned: 0 });

    // Once the conversation is older than the window too, it leaves again.
    await age(job, 120);
    expect(await sweep()).toMatchObject({ departed: 1, returned: 0 });
    await desk.client.sync();
    expect(desk.has('jobs', job) || desk.has('jobMessages', followUp)).toBe(false);
  });

  it('a window the admin widens brings the jobs back; narrowed, takes more', async () => {
    const world = await buildWorld(testDb.db, { jobCount: 3 });
    const job = world.jobIds[1]!;
    await closeWithMessage(world, job, 50);
    const desk = device(world.actors.office);
    await desk.client.sync();
    const setDays = (closedDays: number) =>
      testDb.db.execute(
        sql`update organizations set settings = settings || ${JSON.stringify({ officeWindow: { closedDays } })}::jsonb
             where id = ${world.orgId}`,
      );
    await setDays(30);
    await sweep();
    await desk.client.sync();
    expect(desk.has('jobs', job)).toBe(false);
    await setDays(60);
    await sweep();
    await desk.client.sync();
    expect(desk.has('jobs', job)).toBe(true);
  });

  it('never loses a pending change: an office device that edited an aged-out job offline keeps the job and the edit', async () => {
    const world = await buildWorld(testDb.db, { jobCount: 3 });
    const job = world.jobIds[1]!;
    await closeWithMessage(world, job, 200);
    const desk = device(world.actors.office);
    await desk.client.sync();
    // Offline: the edit waits in the outbox while the sweep takes the job off office devices.
    await desk.client.mutate('updateJobNotes', { jobId: job, notes: 'Invoice disputed' });
    expect(await sweep()).toMatchObject({ departed: 1 });
    await desk.client.sync();
    expect(await desk.store.listOutbox()).toEqual([]);
    expect(desk.store.snapshotRows().get(`jobs:${job}`)).toMatchObject({ notes: 'Invoice disputed' });
    const [server] = await queryRows<{ notes: string }>(testDb.db, sql`select notes from jobs where id = ${job}`);
    expect(server!.notes).toBe('Invoice disputed');
    // A pull that comes before the push (adversarial order): the edit survives in the outbox and the
    // row is back once it is pushed.
    await age(job, 200);
    const other = device(world.actors.office);
    await other.client.sync();
    await other.client.mutate('updateJobNotes', { jobId: job, notes: 'Paid' });
    await sweep();
    await other.client.pullAll();
    expect(await other.store.listOutbox()).toHaveLength(1);
    await other.client.sync();
    expect(other.store.snapshotRows().get(`jobs:${job}`)).toMatchObject({ notes: 'Paid' });
  });

  it('two office devices, one offline across the sweep, end up holding the same rows', async () => {
    const world = await buildWorld(testDb.db, { jobCount: 5 });
    const desk = device(world.actors.office);
    const laptop = device(world.actors.office);
    await Promise.all([desk.client.sync(), laptop.client.sync()]);
    for (const job of world.jobIds.slice(1, 4)) await closeWithMessage(world, job, 120);
    await desk.client.sync(); // the laptop stays offline from here
    expect(await sweep()).toMatchObject({ departed: 3 });
    await desk.client.sync();
    // The lead, who still holds the job, changes it: it comes back to the office.
    const board = device(world.actors.lead);
    await board.client.sync();
    await board.client.mutate('updateJobNotes', { jobId: world.jobIds[1]!, notes: 'Customer called again' });
    await board.client.sync();
    await laptop.client.sync();
    await sweep();
    await Promise.all([desk.client.sync(), laptop.client.sync()]);
    expect(laptop.keys()).toEqual(desk.keys());
    expect(laptop.has('jobs', world.jobIds[1]!)).toBe(true);
    expect(laptop.has('jobs', world.jobIds[2]!) || laptop.has('jobs', world.jobIds[3]!)).toBe(false);
    const fresh = device(world.actors.office);
    await fresh.client.sync();
    expect(fresh.keys()).toEqual(desk.keys());
  });

  it('two sweeps at once take each job once', async () => {
    const world = await buildWorld(testDb.db, { jobCount: 4 });
    for (const job of world.jobIds.slice(1)) await closeWithMessage(world, job, 365);
    const runs = await Promise.all([sweepOfficeWindow(testDb.db), sweepOfficeWindow(testDb.db)]);
    const departed = runs.map((r) => (r === 'busy' ? 0 : r.departed)).reduce((a, b) => a + b, 0);
    expect(departed).toBe(3);
    const [dels] = await queryRows<{ n: number }>(
      testDb.db,
      sql`select count(*)::int as n from sync_changes
           where org_id = ${world.orgId} and scope = ${`org:${world.orgId}`} and op = 'del' and entity = 'jobs'`,
    );
    expect(dels!.n).toBe(3);
  });
});
