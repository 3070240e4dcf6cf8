import { describe, expect, it } from 'vitest';
import { OrgPushQueue } from './org-push-queue.ts';

function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
}

describe('OrgPushQueue', () => {
  it('lets two pushes of an organization run at once, queues the rest in arrival order', async () => {
    const queue = new OrgPushQueue(2);
    const started: number[] = [];
    const gates = [gate(), gate(), gate(), gate()];
    const runs = gates.map((g, i) =>
      queue.run('org-a', async () => {
        started.push(i);
        await g.opened;
        return i;
      }),
    );
    await Promise.resolve();
    expect(started).toEqual([0, 1]);
    expect(queue.waiting('org-a')).toBe(2);
    gates[1]!.open();
    await runs[1];
    await new Promise((r) => setTimeout(r, 0));
    expect(started).toEqual([0, 1, 2]);
    gates[0]!.open();
    gates[2]!.open();
    gates[3]!.open();
    expect(await Promise.all(runs)).toEqual([0, 1, 2, 3]);
    expect(started).toEqual([0, 1, 2, 3]);
    expect(queue.waiting('org-a')).toBe(0);
  });

  it('never makes one organization wait for another, and frees the slot when a push fails', async () => {
    const queue = new OrgPushQueue(1);
    const a = gate();
    const first = queue.run('org-a', () => a.opened);
    // Another organization runs at once although org-a's only slot is taken.
    expect(await queue.run('org-b', () => Promise.resolve('b'))).toBe('b');
    const failing = queue.run('org-a', () => Promise.reject(new Error('refused by the database')));
    const after = queue.run('org-a', () => Promise.resolve('after'));
    a.open();
    await first;
    await expect(failing).rejects.toThrow('refused by the database');
    expect(await after).toBe('after');
  });
});
