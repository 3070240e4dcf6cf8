import { describe, expect, it } from 'vitest';
import { OrgPushQueue } from './org-push-queue.ts';

function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
}

/** A queue whose groups wait for a gate each; records every group it was given. */
function gatedQueue(options: ConstructorParameters<typeof OrgPushQueue<string, string>>[1] = {}) {
  const groups: { orgId: string; items: string[] }[] = [];
  const gates: ReturnType<typeof gate>[] = [];
  const queue = new OrgPushQueue<string, string>(async (orgId, items) => {
    groups.push({ orgId, items });
    const g = gate();
    gates.push(g);
    await g.opened;
    return items.map((item) =>
      item.startsWith('bad')
        ? { status: 'rejected', reason: new Error(`${item} refused`) }
        : { status: 'fulfilled', value: `${item} done` },
    );
  }, options);
  return { queue, groups, gates };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('OrgPushQueue', () => {
  it('runs a push that finds its organization idle at once, alone', async () => {
    const { queue, groups, gates } = gatedQueue();
    const a = queue.run('org-a', 'a');
    expect(groups).toEqual([{ orgId: 'org-a', items: ['a'] }]);
    gates[0]!.open();
    expect(await a).toBe('a done');
    expect(queue.waiting('org-a')).toBe(0);
  });

  it('sends what queued behind the busy slots as one group, in arrival order, and answers each push its own', async () => {
    const { queue, groups, gates } = gatedQueue({ concurrency: 1 });
    const runs = ['a', 'b', 'bad-c', 'd'].map((item) => queue.run('org-a', item));
    expect(groups.map((g) => g.items)).toEqual([['a']]);
    expect(queue.waiting('org-a')).toBe(3);
    gates[0]!.open();
    await tick();
    expect(groups.map((g) => g.items)).toEqual([['a'], ['b', 'bad-c', 'd']]);
    gates[1]!.open();
    const settled = await Promise.allSettled(runs);
    expect(settled.map((s) => (s.status === 'fulfilled' ? s.value : String(s.reason)))).toEqual([
      'a done',
      'b done',
      'Error: bad-c refused',
      'd done',
    ]);
  });

  it('keeps a group within its size and weight, and lets a push heavier than the limit go alone', async () => {
    const { queue, groups, gates } = gatedQueue({
      concurrency: 1,
      maxGroup: 3,
      maxWeight: 10,
      weight: (item) => Number(item.slice(1)),
    });
    const runs = ['w1', 'w2', 'w3', 'w4', 'w5', 'w2', 'w50', 'w1'].map((item) => queue.run('org-a', item));
    for (let i = 0; i < 5; i++) {
      await tick();
      gates[i]?.open();
    }
    await Promise.all(runs);
    expect(groups.map((g) => g.items)).toEqual([['w1'], ['w2', 'w3', 'w4'], ['w5', 'w2'], ['w50'], ['w1']]);
  });

  it('lets two groups of an organization reach the database at once, never makes one organization wait for another', async () => {
    const { queue, groups, gates } = gatedQueue({ concurrency: 2 });
    const runs = ['a1', 'a2', 'a3', 'a4'].map((item) => queue.run('org-a', item));
    const b = queue.run('org-b', 'b1');
    expect(groups.map((g) => `${g.orgId}:${g.items.join(',')}`)).toEqual(['org-a:a1', 'org-a:a2', 'org-b:b1']);
    gates[2]!.open();
    expect(await b).toBe('b1 done');
    gates[1]!.open();
    await tick();
    expect(groups.at(-1)).toEqual({ orgId: 'org-a', items: ['a3', 'a4'] });
    gates[0]!.open();
    gates[3]!.open();
    expect(await Promise.all(runs)).toEqual(['a1 done', 'a2 done', 'a3 done', 'a4 done']);
  });

  it('rejects every push of a group whose runner throws, and frees the slot', async () => {
    let calls = 0;
    const queue = new OrgPushQueue<string, string>(
      async (_orgId, items) => {
        if (calls++ === 0) throw new Error('runner broke');
        return items.map((item) => ({ status: 'fulfilled', value: item }));
      },
      { concurrency: 1 },
    );
    await expect(queue.run('org-a', 'x')).rejects.toThrow('runner broke');
    expect(await queue.run('org-a', 'y')).toBe('y');
  });
});
