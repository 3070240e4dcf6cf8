import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError, ERROR_CODES, newId } from '@lastmile/domain';
import { SCHEMA_VERSION } from '@lastmile/sync';
import { processPush, processPull } from '@lastmile/sync/server';
import { devices, jobs, syncClients } from '../../db/schema/index.ts';
import { serverMutators } from '../../mutators/index.ts';
import { buildWorld, type World } from '../../sync/test-world.ts';
import { createTestDb, type TestDb } from '../../test/test-db.ts';
import { pullStanding, pushStanding } from './client-standing.ts';

/**
 * The push reads the device's standing in the statement that locks the client's row, the pull in
 * its snapshot: a device revoked after the request's contact check (which refuses it on every
 * later request) but before the push's transaction must still get nothing applied and nothing read.
 */
let testDb: TestDb;
let world: World;

beforeAll(async () => {
  testDb = await createTestDb();
  world = await buildWorld(testDb.db, { jobCount: 4 });
});
afterAll(async () => {
  await testDb.cleanup();
});

async function deviceFor(clientId: string, revoked: boolean): Promise<void> {
  await testDb.db.insert(devices).values({
    id: newId(),
    orgId: world.orgId,
    clientId,
    lastUserId: world.actors.tech1.userId,
    ...(revoked ? { revokedAt: new Date(), revokeReason: 'Left in a taxi' } : {}),
  });
}

function pushNotes(clientId: string, notes: string) {
  return processPush(
    testDb.db,
    world.actors.tech1,
    {
      schemaVersion: SCHEMA_VERSION,
      clientId,
      mutations: [
        {
          id: 1,
          name: 'updateJobNotes',
          args: { jobId: world.jobIds[1]!, notes },
          clientTime: new Date().toISOString(),
          baseVersion: 0,
        },
      ],
    },
    serverMutators,
    { standing: pushStanding },
  );
}

const notesOf = async (id: string) =>
  (await testDb.db.select({ notes: jobs.notes }).from(jobs).where(eq(jobs.id, id)))[0]?.notes;

describe('a revoked device, inside the push and the pull', () => {
  it('is refused whole by the push: no mutation applied, no client row left', async () => {
    const clientId = `revoked-${newId()}`;
    await deviceFor(clientId, true);
    const error = await pushNotes(clientId, 'from a revoked phone').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe(ERROR_CODES.deviceRevoked);
    expect(await notesOf(world.jobIds[1]!)).not.toBe('from a revoked phone');
    // The upsert that locked the client's row rolled back with the refusal.
    expect(await testDb.db.select().from(syncClients).where(eq(syncClients.clientId, clientId))).toEqual([]);
  });

  it('is refused by the pull before any change is read', async () => {
    const clientId = `revoked-pull-${newId()}`;
    await deviceFor(clientId, true);
    const error = await processPull(
      testDb.db,
      world.actors.tech1,
      { schemaVersion: SCHEMA_VERSION, clientId, cursor: null, limit: 100 },
      { standing: pullStanding },
    ).catch((e: unknown) => e);
    expect((error as AppError).code).toBe(ERROR_CODES.deviceRevoked);
  });

  it('lets a device in good standing, or one not registered yet, push', async () => {
    const known = `standing-${newId()}`;
    await deviceFor(known, false);
    expect((await pushNotes(known, 'from a good phone')).results[0]).toMatchObject({ status: 'applied' });
    expect(await notesOf(world.jobIds[1]!)).toBe('from a good phone');
    const unknown = `unregistered-${newId()}`;
    expect((await pushNotes(unknown, 'from a new phone')).results[0]).toMatchObject({ status: 'applied' });
    expect(await notesOf(world.jobIds[1]!)).toBe('from a new phone');
  });
});
