import { describe, expect, it } from 'vitest';
import { newId, type JobRow, type MutatorContext } from '@lastmile/domain';
import { sampleJobRow } from '@lastmile/domain/testing';
import type { PullResponse } from '../protocol.ts';
import { MemoryStore } from './memory-store.ts';
import { SyncClient } from './sync-client.ts';
import type { SyncTransport } from './transport.ts';

/**
 * A reset keeps the device's rows until its last page (sync-client.ts, `applyPull`): a reset cut
 * off by lost signal must never leave a technician with half a job list.
 */

const actor = { userId: newId(), orgId: newId(), role: 'technician' as const, teamId: null };
const ctx = (): MutatorContext => ({ actor, now: '2026-12-02T09:00:00.000Z' });
const job = (n: number, over: Partial<JobRow> = {}): JobRow =>
  sampleJobRow({
    orgId: actor.orgId,
    assigneeId: actor.userId,
    number: `J-0000${n}`,
    status: 'scheduled',
    title: `Job ${n}`,
    ...over,
  });

type Answer = PullResponse | 'offline';

/** A server answering pulls from a script; 'offline' fails the request as lost signal does. */
function scripted(answers: Answer[]) {
  const transport: SyncTransport = {
    push: async (req) => ({ lastMutationId: req.mutations.at(-1)!.id, results: [] }),
    pull: async () => {
      const next = answers.shift();
      if (next === undefined) throw new Error('the script has no more pulls');
      if (next === 'offline') throw new TypeError('Failed to fetch');
      return next;
    },
  };
  return transport;
}

function page(jobs: JobRow[], over: Partial<PullResponse> = {}): PullResponse {
  return {
    reset: false,
    changes: jobs.map((j) => ({ op: 'put' as const, entity: 'jobs' as const, id: j.id, row: j })),
    cursor: '9.1.11111111',
    more: false,
    lastMutationId: 0,
    refused: [],
    ...over,
  };
}

async function deviceHolding(jobs: JobRow[], answers: Answer[]) {
  const store = new MemoryStore();
  const client = new SyncClient({
    store,
    transport: scripted([page(jobs, { reset: true, cursor: '5.4.00000000' }), ...answers]),
    context: ctx,
  });
  await client.pullAll();
  const titles = () =>
    new Map([...store.snapshotRows().values()].map((r) => [r.id, `${String(r['title'])}|${String(r['notes'])}`]));
  return { store, client, titles };
}

describe('a reset over several pages', () => {
  it('cut off after its first page, leaves the device with everything it had and finishes on the next sync', async () => {
    const [a, b, c, d] = [job(1), job(2), job(3), job(4)];
    const renamed = { ...a, title: 'Job 1, moved to Friday' };
    const { store, client, titles } = await deviceHolding(
      [a, b, c, d],
      [
        page([renamed], { reset: true, more: true, cursor: '0.3.aaaaaaaa.9' }), // a team change: the reset's first page
        'offline',
        page([b], { more: true, cursor: '0.7.aaaaaaaa.9' }),
        page([c], { cursor: '12.8.aaaaaaaa' }),
      ],
    );
    await client.mutate('updateJobNotes', { jobId: c.id, notes: 'written in the truck' });

    await expect(client.pullAll()).rejects.toThrow('Failed to fetch');
    // Lost signal mid-reset: every job is still there, the first page's newer, the pending note shown.
    expect(titles()).toEqual(
      new Map([
        [a.id, 'Job 1, moved to Friday|'],
        [b.id, 'Job 2|'],
        [c.id, 'Job 3|written in the truck'],
        [d.id, 'Job 4|'],
      ]),
    );
    expect((await store.getMeta())?.resetting).toMatchObject({ keeping: true });

    // Back in signal: the reset continues from its cursor; what it did not deliver goes.
    await client.pullAll();
    expect(titles()).toEqual(
      new Map([
        [a.id, 'Job 1, moved to Friday|'],
        [b.id, 'Job 2|'],
        [c.id, 'Job 3|written in the truck'],
      ]),
    );
    expect(await store.listOutbox()).toHaveLength(1);
    expect((await store.getMeta())?.resetting).toBeNull();
  });

  it('a row with a pending change that the reset does not deliver goes, and its change stays queued', async () => {
    const [a, b] = [job(1), job(2)];
    const { store, client, titles } = await deviceHolding([a, b], [page([a], { reset: true, cursor: '0.1.bbbbbbbb' })]);
    await client.mutate('updateJobNotes', { jobId: b.id, notes: 'for a job moved to someone else' });
    await client.pullAll();
    // The job left this device; the change is replayed on nothing and waits for the server's answer.
    expect(titles()).toEqual(new Map([[a.id, 'Job 1|']]));
    expect(await store.listOutbox()).toMatchObject([{ name: 'updateJobNotes', args: { jobId: b.id } }]);
  });

  it('a reset that starts over mid-way starts its marks over', async () => {
    const [a, b, c] = [job(1), job(2), job(3)];
    const { client, titles } = await deviceHolding(
      [a, b, c],
      [
        page([a, b], { reset: true, more: true, cursor: '0.2.cccccccc.4' }),
        // The horizon moved under the reset: the server starts it again, and b is no longer ours.
        page([a], { reset: true, cursor: '15.1.cccccccc' }),
      ],
    );
    await client.pullAll();
    expect(titles()).toEqual(new Map([[a.id, 'Job 1|']]));
  });

  it('a first sync has nothing to keep: it marks nothing, and a cut-off one resumes', async () => {
    const [a, b] = [job(1), job(2)];
    const store = new MemoryStore();
    const client = new SyncClient({
      store,
      transport: scripted([
        page([a], { reset: true, more: true, cursor: '0.1.dddddddd' }),
        'offline',
        page([b], { cursor: '3.2.dddddddd' }),
      ]),
      context: ctx,
    });
    await expect(client.pullAll()).rejects.toThrow('Failed to fetch');
    expect((await store.getMeta())?.resetting).toMatchObject({ keeping: false });
    await client.pullAll();
    expect([...store.snapshotRows().keys()].sort()).toEqual([`jobs:${a.id}`, `jobs:${b.id}`].sort());
    expect((await store.getMeta())?.resetting).toBeNull();
  });

  it('an app restarted mid-reset starts the reset over, keeping every row meanwhile', async () => {
    const [a, b, c] = [job(1), job(2), job(3)];
    const renamed = { ...a, title: 'Job 1, moved to Friday' };
    const { store, client } = await deviceHolding(
      [a, b, c],
      [page([renamed], { reset: true, more: true, cursor: '0.1.eeeeeeee' }), 'offline'],
    );
    await expect(client.pullAll()).rejects.toThrow('Failed to fetch');
    // The app restarts: a new client on the same storage, without the first one's memory.
    const requested: (string | null)[] = [];
    const inner = scripted([
      // It asks for the reset from the start (not the page at its cursor, which it could not finish with).
      page([renamed], { reset: true, more: true, cursor: '0.1.ffffffff' }),
      page([b], { cursor: '8.2.ffffffff' }),
    ]);
    const restarted = new SyncClient({
      store,
      transport: { ...inner, pull: (req) => (requested.push(req.cursor), inner.pull(req)) },
      context: ctx,
    });
    await restarted.pullAll();
    expect(requested).toEqual([null, '0.1.ffffffff']);
    expect([...store.snapshotRows().values()].map((r) => r['title']).sort()).toEqual([
      'Job 1, moved to Friday',
      'Job 2',
    ]);
    expect((await store.getMeta())?.resetting).toBeNull();
  });

  it('two clients on one storage pulling one reset at once both finish, and the reset completes', async () => {
    // A tab's one-off round beside the leader's loop, or the client of a session that just ended
    // still paging: each has only its own marks, and a client without them starts the reset over.
    const jobs = [job(1), job(2), job(3), job(4), job(5), job(6)];
    const gone = job(7);
    const { store, titles } = await deviceHolding([...jobs, gone], []);
    // The server's side of the reset: the six jobs, two per page; a cursor from before starts it.
    let pulls = 0;
    const server: SyncTransport = {
      push: async (req) => ({ lastMutationId: req.mutations.at(-1)!.id, results: [] }),
      pull: async (req) => {
        if (++pulls > 60) throw new Error('pulling forever');
        await new Promise((resolve) => setTimeout(resolve, 1)); // let the other client's page in between
        const reset = req.cursor === null || !req.cursor.startsWith('0.');
        const at = reset ? 0 : Number(req.cursor!.split('.')[1]);
        const next = at + 2;
        return page(jobs.slice(at, next), {
          reset,
          more: next < jobs.length,
          cursor: next < jobs.length ? `0.${next}.gggggggg` : `20.${next}.gggggggg`,
        });
      },
    };
    const clients = [0, 1].map(() => new SyncClient({ store, transport: server, context: ctx }));
    await store.transact(async (tx) => tx.setMeta({ ...(await store.getMeta())!, cursor: 'stale' }));

    await Promise.all(clients.map((c) => c.pullAll()));
    expect(pulls).toBeLessThan(20);
    // Whichever finished it: the six jobs, and not the one the reset no longer delivers.
    expect([...titles().keys()].sort()).toEqual(jobs.map((j) => j.id).sort());
    expect((await store.getMeta())?.resetting).toBeNull();
  });
});
