import { describe, expect, it } from 'vitest';
import { newId } from '@lastmile/domain';
import { sampleJobRow } from '@lastmile/domain/testing';
import { SyncClient, type SyncTransport } from '@lastmile/sync/client';
import { DexieStore } from '../sync/dexie-store.ts';
import { APP_DB_VERSION, AppDb, forgetSyncCursor, SYNC_STORES } from './app-db.ts';

const actor = { userId: newId(), orgId: newId(), role: 'technician' as const, teamId: null };
const j = sampleJobRow({ orgId: actor.orgId, assigneeId: actor.userId, status: 'scheduled' });
const offline: SyncTransport = {
  push: () => Promise.reject(new TypeError('offline')),
  pull: () => Promise.reject(new TypeError('offline')),
};

/** A future release that changes the jobs table and clears replicated rows, as upgrades may. */
class NextAppDb extends AppDb {
  constructor(name: string) {
    super(name);
    this.version(APP_DB_VERSION + 1)
      .stores({ jobs: 'id, scheduledStart, status, siteId, priority', ...SYNC_STORES })
      .upgrade(async (tx) => {
        await tx.table('jobs').clear();
        await forgetSyncCursor(tx);
      });
  }
}

describe('the device database', () => {
  it('writes the optimistic row and its outbox entry together, and keeps queued changes through an app upgrade', async () => {
    const name = `test-${newId()}`;
    const db = new AppDb(name);
    await db.jobs.put(j);
    await db._meta.put({
      key: 'sync',
      value: { clientId: 'device1abc', nextMutationId: 1, cursor: '7.70.00000000', lastSyncedAt: null },
    });
    const client = new SyncClient({
      store: new DexieStore(db),
      transport: offline,
      context: () => ({ actor, now: new Date().toISOString() }),
    });
    await client.mutate('transitionJob', { jobId: j.id, to: 'in_progress' });
    expect((await db.jobs.get(j.id))?.status).toBe('in_progress');
    expect(await db._outbox.count()).toBe(1);

    // A refused change leaves neither a row change nor an outbox entry behind.
    await expect(client.mutate('transitionJob', { jobId: j.id, to: 'approved' })).rejects.toThrow();
    expect(await db._outbox.count()).toBe(1);
    expect((await db.jobs.get(j.id))?.status).toBe('in_progress');
    db.close();

    const upgraded = new NextAppDb(name);
    await upgraded.open();
    expect(upgraded.verno).toBe(APP_DB_VERSION + 1);
    expect(await upgraded.jobs.count()).toBe(0);
    expect(await upgraded._outbox.toArray()).toMatchObject([
      { id: 1, name: 'transitionJob', args: { jobId: j.id, to: 'in_progress' } },
    ]);
    expect((await upgraded._meta.get('sync'))?.value).toMatchObject({
      clientId: 'device1abc',
      nextMutationId: 2,
      cursor: null,
    });
    upgraded.close();
  });
});
