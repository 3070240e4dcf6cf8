import { describe, expect, it } from 'vitest';
import { newId, type MutatorContext } from '@lastmile/domain';
import { sampleJobRow } from '@lastmile/domain/testing';
import type { PullRequest, PullResponse, PushRequest, PushResponse } from '../protocol.ts';
import { MemoryStore } from './memory-store.ts';
import { SyncClient } from './sync-client.ts';
import { SyncHttpError } from './transport.ts';

/**
 * Another device pushes with this client id (a restored backup, a cloned device): the server
 * answers 409 client_id_reused and this device becomes a new client, its pending changes intact.
 */
const actor = { userId: newId(), orgId: newId(), role: 'technician' as const, teamId: null };
const ctx = (): MutatorContext => ({ actor, now: '2026-12-03T09:00:00.000Z' });
const job = sampleJobRow({ orgId: actor.orgId, assigneeId: actor.userId, number: 'J-00001', status: 'scheduled' });

const reused = (mutationId?: number) =>
  new SyncHttpError(
    409,
    'client_id_reused',
    'Another device pushes with this client id.',
    mutationId === undefined ? undefined : { key: 'sync.clientIdReused', params: { mutationId } },
  );

const page = (extra: Partial<PullResponse> = {}): PullResponse => ({
  reset: true,
  changes: [{ op: 'put', entity: 'jobs', id: job.id, row: job }],
  cursor: '5.9.00000000',
  more: false,
  lastMutationId: 0,
  refused: [],
  ...extra,
});

/** A device with `notes.length` queued note changes, on a server scripted by `answer` (one call per push). */
async function device(notes: string[], answer: (req: PushRequest, n: number) => PushResponse | Error, batch = 100) {
  const pushes: PushRequest[] = [];
  const pulls: PullRequest[] = [];
  const store = new MemoryStore();
  let minted = 0;
  const client = new SyncClient({
    store,
    context: ctx,
    pushBatchSize: batch,
    newClientId: () => `client-${++minted}`,
    transport: {
      push: async (req) => {
        pushes.push(structuredClone(req));
        const out = answer(req, pushes.length);
        if (out instanceof Error) throw out;
        return out;
      },
      pull: async (req) => {
        pulls.push(req);
        return page();
      },
    },
  });
  await client.pullAll();
  for (const text of notes) await client.mutate('updateJobNotes', { jobId: job.id, notes: text });
  return { store, client, pushes, pulls };
}

const applied = (req: PushRequest): PushResponse => ({
  lastMutationId: req.mutations.at(-1)!.id,
  results: req.mutations.map((m) => ({ id: m.id, status: 'applied' })),
});
const sent = (req: PushRequest | undefined) => req?.mutations.map((m) => [m.id, (m.args as { notes: string }).notes]);

describe('a push answered client_id_reused', () => {
  it('takes a new client id, renumbers the outbox from 1 in order, pulls as a new client, pushes again', async () => {
    const d = await device(['one', 'two', 'three'], (req, n) => (n === 1 ? reused(1) : applied(req)));
    await d.client.pushAll();

    expect(d.pushes.map((p) => p.clientId)).toEqual(['client-1', 'client-2']);
    expect(sent(d.pushes[1])).toEqual(sent(d.pushes[0]));
    expect(sent(d.pushes[1])).toEqual([
      [1, 'one'],
      [2, 'two'],
      [3, 'three'],
    ]);
    // The full pull of a new client, between the two pushes.
    expect(d.pulls.at(-1)).toMatchObject({ clientId: 'client-2', cursor: null, pendingFrom: 1 });
    expect(await d.store.getMeta()).toMatchObject({ clientId: 'client-2', nextMutationId: 4 });
    expect((await d.store.getMeta())?.trouble ?? null).toBeNull();
  });

  it('keeps only what the server does not hold as this device’s: from the id it names, or the failed batch’s first', async () => {
    // Named: 1 was recognised as this device's own, so it is not pushed twice.
    const named = await device(['one', 'two', 'three'], (req, n) => (n === 1 ? reused(2) : applied(req)));
    await named.client.pushAll();
    expect(sent(named.pushes[1])).toEqual([
      [1, 'two'],
      [2, 'three'],
    ]);
    // Not named: the batches before the refused one were applied as this device's.
    const batches = await device(['a', 'b', 'c', 'd'], (req, n) => (n === 2 ? reused() : applied(req)), 2);
    await batches.client.pushAll();
    expect(batches.pushes.map(sent)).toEqual([
      [
        [1, 'a'],
        [2, 'b'],
      ],
      [
        [3, 'c'],
        [4, 'd'],
      ],
      [
        [1, 'c'],
        [2, 'd'],
      ],
    ]);
  });

  it('stops on a second refusal, shows it, and keeps every change', async () => {
    const d = await device(['one', 'two'], () => reused(1));
    await expect(d.client.pushAll()).rejects.toMatchObject({ code: 'client_id_reused' });

    expect(d.pushes).toHaveLength(2);
    expect((await d.store.listOutbox()).map((m) => [m.id, (m.args as { notes: string }).notes])).toEqual([
      [1, 'one'],
      [2, 'two'],
    ]);
    expect((await d.store.getMeta())?.trouble).toMatchObject({ phase: 'push', status: 409, code: 'client_id_reused' });
    // The next round starts over from the new id, once more at most.
    await expect(d.client.pushAll()).rejects.toMatchObject({ code: 'client_id_reused' });
    expect(d.pushes.map((p) => p.clientId)).toEqual(['client-1', 'client-2', 'client-2', 'client-3']);
  });
});

describe('a pull answered for another device pushing with this client id', () => {
  /** A device that pulled once, queued `notes`, and whose pulls then answer `lastMutationId`. */
  async function pulling(notes: string[], lastMutationId: () => number) {
    const store = new MemoryStore();
    const pulls: PullRequest[] = [];
    let minted = 0;
    let first = true;
    const client = new SyncClient({
      store,
      context: ctx,
      newClientId: () => `client-${++minted}`,
      transport: {
        push: async (req) => applied(req),
        pull: async (req) => {
          pulls.push(req);
          // The server's last id is the first client id's; a new id starts at 0 there.
          const last = req.clientId === 'client-1' ? lastMutationId() : 0;
          const answer = first ? page() : page({ reset: false, changes: [], lastMutationId: last });
          first = false;
          return answer;
        },
      },
    });
    await client.pullAll();
    for (const text of notes) await client.mutate('updateJobNotes', { jobId: job.id, notes: text });
    const outbox = async () => (await store.listOutbox()).map((m) => [m.id, (m.args as { notes: string }).notes]);
    return { store, client, pulls, outbox };
  }

  it('keeps the changes this device never sent, numbered from 1 under a new id, and pulls from the start', async () => {
    // The other device's pushes took ids 1–5; this one queued 3 changes offline and sent none.
    const d = await pulling(['one', 'two', 'three'], () => 5);
    await d.client.pullAll();

    expect(await d.outbox()).toEqual([
      [1, 'one'],
      [2, 'two'],
      [3, 'three'],
    ]);
    expect(await d.store.getMeta()).toMatchObject({ clientId: 'client-2', nextMutationId: 4, pushedThrough: 0 });
    // The new client's first pull is a full one.
    expect(d.pulls.at(-1)).toMatchObject({ clientId: 'client-2', cursor: null });
  });

  it('takes off only what this device sent; the rest stays, renumbered', async () => {
    const d = await pulling(['one', 'two', 'three'], () => 7);
    // 'one' and 'two' reached the server (their answer was lost); 'three' was queued after.
    await d.store.transact(async (tx) => tx.setMeta({ ...(await tx.getMeta())!, pushedThrough: 2 }));
    await d.client.pullAll();
    expect(await d.outbox()).toEqual([[1, 'three']]);
    expect((await d.store.getMeta())?.clientId).toBe('client-2');
  });

  it('takes what was sent off the outbox as before when the server has applied no more than that', async () => {
    const d = await pulling(['one', 'two', 'three'], () => 2);
    await d.client.pushAll();
    expect((await d.store.getMeta())?.pushedThrough).toBe(3);
    await d.client.mutate('updateJobNotes', { jobId: job.id, notes: 'four' });
    await d.client.pullAll();
    // The server holds 1–2 (3's answer is still to come): 3 and 4 stay, under the same id.
    expect(await d.outbox()).toEqual([
      [3, 'three'],
      [4, 'four'],
    ]);
    expect((await d.store.getMeta())?.clientId).toBe('client-1');
  });
});
