import { describe, expect, it } from 'vitest';
import { AppError, newId, type JobRow, type MutatorContext } from '@lastmile/domain';
import { sampleJobRow } from '@lastmile/domain/testing';
import { MAX_PUSH_BYTES, type PullRequest, type PullResponse, type PushRequest } from '../protocol.ts';
import { MemoryStore } from './memory-store.ts';
import { SyncClient } from './sync-client.ts';
import type { SyncTransport } from './transport.ts';

const actor = { userId: newId(), orgId: newId(), role: 'technician' as const, teamId: null };
const ctx = (): MutatorContext => ({ actor, now: '2026-11-21T09:00:00.000Z' });
const job = (over: Partial<JobRow> = {}): JobRow =>
  sampleJobRow({
    orgId: actor.orgId,
    assigneeId: actor.userId,
    number: 'J-00001',
    status: 'scheduled',
    title: 'Boiler',
    ...over,
  });

/** A scripted server: answers pulls from a queue, records pushes. */
function scripted() {
  const pulls: PullResponse[] = [];
  const pushes: PushRequest[] = [];
  const transport: SyncTransport = {
    push: async (req) => {
      pushes.push(req);
      return { lastMutationId: req.mutations.at(-1)!.id, results: [] };
    },
    pull: async () =>
      pulls.shift() ?? {
        reset: false,
        changes: [],
        cursor: '1.1.00000000',
        more: false,
        lastMutationId: 0,
        refused: [],
      },
  };
  return { pulls, pushes, transport };
}

/** A pull page: a reset with these jobs, or later changes, at `cursor`. */
function page(jobs: JobRow[], cursor: string, extra: Partial<PullResponse> = {}): PullResponse {
  return {
    reset: true,
    changes: jobs.map((j) => ({ op: 'put' as const, entity: 'jobs' as const, id: j.id, row: j })),
    cursor,
    more: false,
    lastMutationId: 0,
    refused: [],
    ...extra,
  };
}

describe('SyncClient', () => {
  it('applies a change at once and queues it, or, if the rules refuse it, stores nothing', async () => {
    const store = new MemoryStore();
    const server = scripted();
    const j = job();
    server.pulls.push(page([j], '5.9.00000000'));
    const client = new SyncClient({ store, transport: server.transport, context: ctx });
    await client.pullAll();

    await client.mutate('transitionJob', { jobId: j.id, to: 'in_progress' });
    expect(store.snapshotRows().get(`jobs:${j.id}`)?.['status']).toBe('in_progress');
    expect(await store.listOutbox()).toMatchObject([
      { id: 1, name: 'transitionJob', baseVersion: 5, actorId: actor.userId },
    ]);

    await expect(client.mutate('transitionJob', { jobId: j.id, to: 'approved' })).rejects.toBeInstanceOf(AppError);
    await expect(client.mutate('updateJobNotes', { jobId: 'not-a-uuid', notes: '' })).rejects.toThrow(
      /Invalid updateJobNotes/,
    );
    expect(await store.listOutbox()).toHaveLength(1);
    expect((await store.getMeta())?.nextMutationId).toBe(2);
  });

  it('rebases: the server state first, then the still-pending changes on top; a refusal is kept with its reason', async () => {
    const store = new MemoryStore();
    const server = scripted();
    const j = job();
    server.pulls.push(page([j], '1.1.00000000'));
    const client = new SyncClient({ store, transport: server.transport, context: ctx });
    await client.pullAll();
    await client.mutate('transitionJob', { jobId: j.id, to: 'in_progress' }); // #1: the server will refuse it
    await client.mutate('updateJobNotes', { jobId: j.id, notes: 'mine' }); // #2: still pending after the pull
    // Both were pushed; the answer was lost with the signal.
    await store.transact(async (tx) => tx.setMeta({ ...(await tx.getMeta())!, pushedThrough: 2 }));

    // The office changed the title meanwhile; #1 was refused; #2 not yet processed.
    server.pulls.push(
      page([{ ...j, title: 'Boiler (urgent)' }], '2.7.00000000', {
        reset: false,
        lastMutationId: 1,
        refused: [
          {
            id: 1,
            name: 'transitionJob',
            args: {},
            code: 'forbidden',
            reason: 'Job J-00001 is not assigned to you',
            processedAt: '2026-11-21T09:01:00.000Z',
          },
        ],
      }),
    );
    await client.pullAll();
    const row = store.snapshotRows().get(`jobs:${j.id}`) as JobRow;
    expect(row).toMatchObject({ title: 'Boiler (urgent)', status: 'scheduled', notes: 'mine' });
    expect((await store.listOutbox()).map((m) => m.id)).toEqual([2]);
    expect(await store.listRefused()).toMatchObject([
      {
        id: 1,
        reason: 'Job J-00001 is not assigned to you',
        actorId: actor.userId,
        clientTime: '2026-11-21T09:00:00.000Z',
      },
    ]);
  });

  it('pushes in bounded batches, consecutive ids, and never loses the outbox on a failed push', async () => {
    const store = new MemoryStore();
    const j = job();
    const server = scripted();
    server.pulls.push(page([j], '1.1.00000000'));
    let failing = true;
    const transport: SyncTransport = {
      push: async (req) => {
        if (failing) throw new TypeError('offline');
        return server.transport.push(req);
      },
      pull: server.transport.pull,
    };
    const client = new SyncClient({ store, transport, context: ctx, pushBatchSize: 2 });
    await client.pullAll();
    for (let i = 0; i < 5; i++) await client.mutate('updateJobNotes', { jobId: j.id, notes: `n${i}` });
    await expect(client.sync()).rejects.toThrow('offline');
    expect(await store.listOutbox()).toHaveLength(5);
    failing = false;
    await client.pushAll();
    expect(server.pushes.map((p) => p.mutations.map((m) => m.id))).toEqual([[1, 2], [3, 4], [5]]);
  });

  it('keeps each push under the server body limit, so a queue of large changes drains instead of being answered 413 for ever', async () => {
    const store = new MemoryStore();
    const server = scripted();
    const tooLarge = Object.assign(new Error('The request body is too large.'), { status: 413 });
    const transport: SyncTransport = {
      push: async (req) => {
        if (new TextEncoder().encode(JSON.stringify(req)).length > MAX_PUSH_BYTES) throw tooLarge;
        return server.transport.push(req);
      },
      pull: server.transport.pull,
    };
    // A hundred edits of a long repeatable group: each carries the whole group (about 150 KB).
    const responseId = newId();
    const group = Array.from({ length: 30 }, (_, i) => ({ room: `Room ${i}`, notes: 'ł'.repeat(2500) }));
    await store.transact(async (tx) => {
      for (let id = 1; id <= 100; id++)
        await tx.addOutbox({
          id,
          name: 'setAnswer',
          args: { responseId, fieldKey: 'radiators', value: group, capturedAt: '2026-11-21T09:00:00.000Z' },
          clientTime: '2026-11-21T09:00:00.000Z',
          baseVersion: 0,
          actorId: actor.userId,
        });
    });
    const client = new SyncClient({ store, transport, context: ctx });
    await client.pushAll();
    const ids = server.pushes.flatMap((p) => p.mutations.map((m) => m.id));
    expect(ids).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
    expect(server.pushes.length).toBeGreaterThan(1);
  });

  it('refuses to queue a change no push could carry, instead of holding up the queue behind a 413 for ever', async () => {
    const store = new MemoryStore();
    const server = scripted();
    const j = job();
    server.pulls.push(page([j], '1.1.00000000'));
    const client = new SyncClient({ store, transport: server.transport, context: ctx });
    await client.pullAll();
    // Forty-one entries of 200,000 characters: each field within its own limits, the whole not.
    const group = Array.from({ length: 41 }, (_, i) => ({ room: `Room ${i}`, notes: 'x'.repeat(200_000) }));
    const args = { responseId: newId(), fieldKey: 'radiators', value: group, capturedAt: '2026-11-21T09:00:00.000Z' };
    await expect(client.mutate('setAnswer', args)).rejects.toMatchObject({
      code: 'validation',
      message: 'This change is too large to send (8.3 MB; at most 8.1 MB). Shorten the text or split it.',
      detail: { key: 'sync.changeTooLarge' },
    });
    expect(await store.listOutbox()).toHaveLength(0);
    // The queue goes on: the next change is made and sent.
    await client.mutate('updateJobNotes', { jobId: j.id, notes: 'after it' });
    await client.pushAll();
    expect(server.pushes.map((p) => p.mutations.map((m) => m.name))).toEqual([['updateJobNotes']]);
  });

  it('a reset drops replicated rows but keeps pending changes and replays them', async () => {
    const store = new MemoryStore();
    const server = scripted();
    const a = job();
    const b = job({ number: 'J-00002' });
    server.pulls.push(page([a, b], '1.2.00000000'));
    const client = new SyncClient({ store, transport: server.transport, context: ctx });
    await client.pullAll();
    await client.mutate('updateJobNotes', { jobId: a.id, notes: 'keep me' });
    server.pulls.push(page([a], '9.1.11111111'));
    await client.pullAll();
    expect(store.snapshotRows().has(`jobs:${b.id}`)).toBe(false);
    expect(store.snapshotRows().get(`jobs:${a.id}`)?.['notes']).toBe('keep me');
    expect(await store.listOutbox()).toHaveLength(1);
  });
});

describe('the device report', () => {
  it('tells the server what is pending at each contact, and nothing once the server has it', async () => {
    const store = new MemoryStore();
    const server = scripted();
    const pullRequests: PullRequest[] = [];
    const pull = server.transport.pull;
    server.transport.pull = async (req) => {
      pullRequests.push(req);
      return pull(req);
    };
    const j = job();
    server.pulls.push(page([j], '5.9.00000000'));
    const client = new SyncClient({
      store,
      transport: server.transport,
      context: ctx,
      deviceInfo: async () => ({ appVersion: '1.2.3', storageUsedBytes: 1000, storageQuotaBytes: 9000 }),
    });
    await client.pullAll();
    expect(pullRequests[0]?.device).toEqual({
      appVersion: '1.2.3',
      storageUsedBytes: 1000,
      storageQuotaBytes: 9000,
      pendingCount: 0,
      oldestPendingAt: null,
    });

    await client.mutate('updateJobNotes', { jobId: j.id, notes: 'first' });
    await client.mutate('updateJobNotes', { jobId: j.id, notes: 'second' });
    const oldest = (await store.listOutbox())[0]!.clientTime;
    server.pulls.push({ ...page([], '6.10.00000000'), reset: false, lastMutationId: 2 });
    await client.sync();
    // The push carried both as pending; the pull after it none (the push response acknowledged them).
    expect(server.pushes[0]?.device).toMatchObject({ pendingCount: 2, oldestPendingAt: oldest });
    expect(pullRequests.at(-1)?.device).toMatchObject({ pendingCount: 0, oldestPendingAt: null });
  });

  it('still syncs when the device cannot say what it is, and sends no report without deviceInfo', async () => {
    const j = job();
    const failing = scripted();
    failing.pulls.push(page([j], '5.9.00000000'));
    const failingReport = new SyncClient({
      store: new MemoryStore(),
      transport: failing.transport,
      context: ctx,
      deviceInfo: () => Promise.reject(new Error('storage API blocked')),
    });
    await failingReport.pullAll();
    await failingReport.mutate('updateJobNotes', { jobId: j.id, notes: 'x' });
    await failingReport.pushAll();
    expect(failing.pushes).toHaveLength(1);
    expect(failing.pushes[0]?.device).toEqual({ pendingCount: 1, oldestPendingAt: '2026-11-21T09:00:00.000Z' });

    const silent = scripted();
    silent.pulls.push(page([j], '5.9.00000000'));
    const client = new SyncClient({ store: new MemoryStore(), transport: silent.transport, context: ctx });
    await client.pullAll();
    await client.mutate('updateJobNotes', { jobId: j.id, notes: 'y' });
    await client.pushAll();
    expect(silent.pushes).toHaveLength(1);
    expect(silent.pushes[0]).not.toHaveProperty('device');
  });
});
