import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { newId } from '@lastmile/domain';
import { APP_DB_VERSION, AppDb, SYNC_STORES } from './app-db.ts';

/** The device database as the release before forms shipped it. */
class V1Db extends Dexie {
  constructor(name: string) {
    super(name);
    this.version(1).stores({
      users: 'id, teamId',
      teams: 'id',
      customers: 'id, name',
      sites: 'id, customerId',
      jobTypes: 'id',
      jobs: 'id, scheduledStart, [assigneeId+scheduledStart], [teamId+scheduledStart], status, siteId',
      outstandingItems: 'id, ownerId, siteId, jobId, teamId, status',
      jobMessages: 'id, [jobId+createdAt]',
      ...SYNC_STORES,
    });
  }
}

describe('the forms upgrade of the device database', () => {
  it('adds the forms tables, keeps queued changes and forgets the cursor so published versions are pulled', async () => {
    const name = `test-${newId()}`;
    const old = new V1Db(name);
    await old.table('_meta').put({
      key: 'sync',
      value: { clientId: 'device1abc', nextMutationId: 2, cursor: '9.90.00000000', lastSyncedAt: null },
    });
    await old.table('_outbox').put({
      id: 1,
      name: 'updateJobNotes',
      args: { jobId: newId(), notes: 'x' },
      clientTime: new Date().toISOString(),
      baseVersion: 9,
    });
    old.close();

    const db = new AppDb(name);
    await db.open();
    expect(db.verno).toBe(APP_DB_VERSION);
    expect(await db.formVersions.count()).toBe(0);
    expect(await db.formAnswers.where('responseId').equals(newId()).count()).toBe(0);
    expect(await db._outbox.count()).toBe(1);
    expect((await db._meta.get('sync'))?.value).toMatchObject({
      clientId: 'device1abc',
      nextMutationId: 2,
      cursor: null,
    });
    db.close();
  });
});
