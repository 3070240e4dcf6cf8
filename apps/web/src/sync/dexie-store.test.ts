import { describe, expect, it } from 'vitest';
import { SyncClient, SyncHttpError, type OutboxEntry } from '@lastmile/sync/client';
import { AppDb } from '../local-db/app-db.ts';
import { DexieStore, WRITE_BATCH } from './dexie-store.ts';

const job = (n: number) => ({ id: `job-${String(n).padStart(4, '0')}`, title: `Job ${n}` });

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

  it('writes a page larger than one batch whole, and deletes across batches', async () => {
    const db = new AppDb(`test-${crypto.randomUUID()}`);
    const store = new DexieStore(db);
    const count = WRITE_BATCH * 2 + 7;
    await store.transact((tx) =>
      tx.putRows(
        'jobs',
        Array.from({ length: count }, (_, n) => job(n)),
      ),
    );
    expect(await db.entityTable('jobs').count()).toBe(count);
    await store.transact((tx) =>
      tx.deleteRows(
        'jobs',
        Array.from({ length: WRITE_BATCH + 1 }, (_, n) => job(n).id),
      ),
    );
    expect(await db.entityTable('jobs').count()).toBe(count - WRITE_BATCH - 1);
  });

  it('keeps none of a page written in batches when the transaction fails after them (with its cursor)', async () => {
    const db = new AppDb(`test-${crypto.randomUUID()}`);
    const store = new DexieStore(db);
    await expect(
      store.transact(async (tx) => {
        await tx.putRows(
          'jobs',
          Array.from({ length: WRITE_BATCH * 3 }, (_, n) => job(n)),
        );
        await tx.setMeta({ clientId: 'abcdefgh', nextMutationId: 1, cursor: '9.9.00000000', lastSyncedAt: null });
        throw new Error('crashed before commit');
      }),
    ).rejects.toThrow('crashed before commit');
    expect(await db.entityTable('jobs').count()).toBe(0);
    expect(await store.getMeta()).toBeUndefined();
  });

  it('sweeps, across tables and batches, exactly the rows a reset did not deliver', async () => {
    const db = new AppDb(`test-${crypto.randomUUID()}`);
    const store = new DexieStore(db);
    expect(await store.transact((tx) => tx.holdsRows())).toBe(false);
    const count = WRITE_BATCH * 2 + 7;
    const jobs = Array.from({ length: count }, (_, n) => job(n));
    await store.transact(async (tx) => {
      await tx.putRows('jobs', jobs);
      await tx.putRows('customers', [{ id: 'cust-1', name: 'Acme' }]);
    });
    expect(await store.transact((tx) => tx.holdsRows())).toBe(true);
    // A reset delivered every other job and no customer.
    const kept = new Set(jobs.filter((_, n) => n % 2 === 0).map((j) => `jobs:${j.id}`));
    await store.transact((tx) => tx.sweepRowsExcept((key) => kept.has(key)));
    expect(await db.entityTable('jobs').toCollection().primaryKeys()).toEqual(
      [...kept].map((k) => k.slice('jobs:'.length)),
    );
    expect(await db.entityTable('customers').count()).toBe(0);
    expect(await store.transact((tx) => tx.holdsRows())).toBe(true);
  });

  it('keeps the new client id and the renumbered outbox of a device whose id another device used', async () => {
    const name = `test-${crypto.randomUUID()}`;
    const store = new DexieStore(new AppDb(name));
    const change = (id: number, notes: string): OutboxEntry => ({
      id,
      name: 'updateJobNotes',
      args: { jobId: crypto.randomUUID(), notes },
      clientTime: '2026-12-03T09:00:00.000Z',
      baseVersion: 3,
      actorId: 'u',
    });
    await store.transact(async (tx) => {
      await tx.setMeta({ clientId: 'copied-id', nextMutationId: 8, cursor: '3.1.00000000', lastSyncedAt: null });
      for (const [i, notes] of ['first', 'second'].entries()) await tx.addOutbox(change(6 + i, notes));
    });
    let pushes = 0;
    const client = new SyncClient({
      store,
      context: () => ({
        actor: { userId: 'u', orgId: 'o', role: 'technician', teamId: null },
        now: '2026-12-03T09:01:00.000Z',
      }),
      newClientId: () => 'fresh-id',
      transport: {
        push: async (req) => {
          if (++pushes === 1)
            throw new SyncHttpError(409, 'client_id_reused', 'reused', { key: 'k', params: { mutationId: 6 } });
          return { lastMutationId: req.mutations.at(-1)!.id, results: [] };
        },
        pull: async () => ({
          reset: true,
          more: false,
          cursor: '9.1.00000000',
          lastMutationId: 0,
          changes: [],
          refused: [],
        }),
      },
    });
    await client.pushAll();

    const reopened = new DexieStore(new AppDb(name));
    expect(await reopened.getMeta()).toMatchObject({ clientId: 'fresh-id', nextMutationId: 3, cursor: '9.1.00000000' });
    expect((await reopened.listOutbox()).map((m) => [m.id, (m.args as { notes: string }).notes])).toEqual([
      [1, 'first'],
      [2, 'second'],
    ]);
  });
});
