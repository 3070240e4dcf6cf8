import { describe, expect, it } from 'vitest';
import { newId, type MutatorContext } from '@lastmile/domain';
import { sampleJobRow } from '@lastmile/domain/testing';
import type { PullResponse, PushRequest, PushResponse } from '../protocol.ts';
import { MemoryStore } from './memory-store.ts';
import { SyncClient } from './sync-client.ts';
import { SyncHttpError, type SyncTransport } from './transport.ts';
import { isStuck } from './trouble.ts';

const actor = { userId: newId(), orgId: newId(), role: 'technician' as const, teamId: null };
const job = sampleJobRow({ orgId: actor.orgId, assigneeId: actor.userId, status: 'in_progress' });
const emptyPull = (lastMutationId: number, extra: Partial<PullResponse> = {}): PullResponse => ({
  reset: false,
  changes: [],
  cursor: '2.2.00000000',
  more: false,
  lastMutationId,
  refused: [],
  ...extra,
});

type FlakyServer = {
  pushError: Error | null;
  pullError: Error | null;
  refused: PullResponse['refused'];
  transport: SyncTransport;
};

/** A server whose next answers the test sets: an error to throw, or the normal answer. */
function flakyServer(): FlakyServer {
  let acked = 0;
  const server: FlakyServer = {
    pushError: null,
    pullError: null,
    refused: [],
    transport: {
      push: async (req: PushRequest): Promise<PushResponse> => {
        if (server.pushError) throw server.pushError;
        acked = req.mutations.at(-1)!.id;
        return { lastMutationId: acked, results: [] };
      },
      pull: async () => {
        if (server.pullError) throw server.pullError;
        return emptyPull(acked, { refused: server.refused });
      },
    },
  };
  return server;
}

async function setup() {
  const store = new MemoryStore();
  const server = flakyServer();
  let now = '2026-11-21T10:42:00.000Z';
  const client = new SyncClient({
    store,
    transport: server.transport,
    context: (): MutatorContext => ({ actor, now }),
  });
  await store.transact((tx) => tx.putRows('jobs', [job]));
  return { store, server, client, at: (iso: string) => (now = iso) };
}

describe('sync trouble', () => {
  it('remembers since when and why the oldest change keeps failing with 5xx, keeps it queued, and forgets once it goes through', async () => {
    const { store, server, client, at } = await setup();
    await client.mutate('updateJobNotes', { jobId: job.id, notes: 'Valve replaced' });
    await client.mutate('updateJobNotes', { jobId: job.id, notes: 'Valve replaced, tested' });
    server.pushError = new SyncHttpError(500, 'internal', 'Something went wrong on our side.');

    await expect(client.sync()).rejects.toThrow('Something went wrong');
    expect(isStuck((await store.getMeta())?.trouble)).toBe(false);
    at('2026-11-21T10:43:00.000Z');
    await expect(client.sync()).rejects.toThrow();
    at('2026-11-21T10:45:00.000Z');
    await expect(client.sync()).rejects.toThrow();

    const trouble = (await store.getMeta())?.trouble;
    expect(trouble).toEqual({
      phase: 'push',
      mutationId: 1,
      since: '2026-11-21T10:42:00.000Z',
      lastAt: '2026-11-21T10:45:00.000Z',
      attempts: 3,
      status: 500,
      code: 'internal',
      message: 'Something went wrong on our side.',
    });
    expect(isStuck(trouble)).toBe(true);
    expect((await store.listOutbox()).map((m) => m.id)).toEqual([1, 2]);

    server.pushError = null;
    await client.sync();
    expect((await store.getMeta())?.trouble ?? null).toBeNull();
    expect(await store.listOutbox()).toEqual([]);
  });

  it('neither records nor forgets trouble while the device is offline, and ignores sign-in answers', async () => {
    const { store, server, client, at } = await setup();
    await client.mutate('updateJobNotes', { jobId: job.id, notes: 'x' });
    server.pushError = new SyncHttpError(503, 'unavailable', 'Down for maintenance');
    await expect(client.sync()).rejects.toThrow();
    at('2026-11-21T11:00:00.000Z');
    server.pushError = new TypeError('fetch failed');
    await expect(client.sync()).rejects.toThrow();
    server.pushError = new SyncHttpError(401, 'unauthorized', 'Sign in again');
    await expect(client.sync()).rejects.toThrow();
    expect((await store.getMeta())?.trouble).toMatchObject({
      since: '2026-11-21T10:42:00.000Z',
      attempts: 1,
      status: 503,
    });
  });

  it('shows a 4xx for a whole batch at once: it is a protocol problem no retry alone fixes', async () => {
    const { store, server, client } = await setup();
    await client.mutate('updateJobNotes', { jobId: job.id, notes: 'x' });
    server.pushError = new SyncHttpError(400, 'validation', 'Invalid push: mutations.0.args');
    await expect(client.sync()).rejects.toThrow();
    expect(isStuck((await store.getMeta())?.trouble)).toBe(true);
  });

  it('tells a failing pull apart from a failing push, and a new run of failures starts a new "since"', async () => {
    const { store, server, client, at } = await setup();
    await client.mutate('updateJobNotes', { jobId: job.id, notes: 'x' });
    server.pushError = new SyncHttpError(500, 'internal', 'push broke');
    await expect(client.sync()).rejects.toThrow();
    server.pushError = null;
    server.pullError = new SyncHttpError(500, 'internal', 'pull broke');
    at('2026-11-21T12:00:00.000Z');
    await expect(client.sync()).rejects.toThrow();
    expect((await store.getMeta())?.trouble).toMatchObject({
      phase: 'pull',
      mutationId: null,
      since: '2026-11-21T12:00:00.000Z',
      attempts: 1,
      message: 'pull broke',
    });
    server.pullError = null;
    await client.sync();
    expect((await store.getMeta())?.trouble ?? null).toBeNull();
  });

  it("keeps the device's own arguments of a refused change, whatever the server recorded", async () => {
    const { store, server, client } = await setup();
    await client.mutate('updateJobNotes', { jobId: job.id, notes: 'Replaced the valve' });
    server.refused = [{ id: 1, name: 'updateJobNotes', args: null, code: 'conflict', reason: 'No', processedAt: 'x' }];
    await client.sync();
    expect(await store.listRefused()).toMatchObject([
      { id: 1, args: { jobId: job.id, notes: 'Replaced the valve' }, reason: 'No' },
    ]);
  });
});
