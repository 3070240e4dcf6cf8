import { describe, expect, it } from 'vitest';
import { AppDb } from '../local-db/app-db.ts';
import { DexieStore } from './dexie-store.ts';

describe('DexieStore', () => {
  it('reopens a database whose connection was lost and retries the transaction', async () => {
    const db = new AppDb(`test-${crypto.randomUUID()}`);
    const store = new DexieStore(db);
    await store.transact((tx) =>
      tx.setMeta({ clientId: 'abcdefgh', nextMutationId: 1, cursor: null, lastSyncedAt: null }),
    );
    db.close();
    await store.transact(async (tx) => {
      const meta = await tx.getMeta();
      await tx.setMeta({ ...meta!, nextMutationId: 2 });
    });
    expect((await store.getMeta())?.nextMutationId).toBe(2);
  });

  it('rolls back everything a failed transaction wrote', async () => {
    const store = new DexieStore(new AppDb(`test-${crypto.randomUUID()}`));
    await expect(
      store.transact(async (tx) => {
        await tx.addOutbox({
          id: 1,
          name: 'updateJobNotes',
          args: {},
          clientTime: '2026-11-21T09:00:00.000Z',
          baseVersion: 0,
          actorId: 'u',
        });
        throw new Error('mutator failed');
      }),
    ).rejects.toThrow('mutator failed');
    expect(await store.listOutbox()).toEqual([]);
  });
});
