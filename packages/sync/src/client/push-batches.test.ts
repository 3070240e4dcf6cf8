import { describe, expect, it } from 'vitest';
import { newId } from '@lastmile/domain';
import type { OutboxEntry } from './store.ts';
import { pushBatches } from './push-batches.ts';

const entry = (id: number, notes: string): OutboxEntry => ({
  id,
  name: 'updateJobNotes',
  args: { jobId: newId(), notes },
  clientTime: '2026-11-21T09:00:00.000Z',
  baseVersion: 0,
  actorId: newId(),
});

const ids = (batches: OutboxEntry[][]) => batches.map((b) => b.map((e) => e.id));

describe('pushBatches', () => {
  it('cuts by count when the changes are small', () => {
    const outbox = [1, 2, 3, 4, 5].map((id) => entry(id, 'n'));
    expect(ids(pushBatches(outbox, 2))).toEqual([[1, 2], [3, 4], [5]]);
  });

  it('cuts by UTF-8 bytes, and sends a change larger than the limit alone rather than never', () => {
    const outbox = [entry(1, 'a'.repeat(400)), entry(2, 'ż'.repeat(200)), entry(3, 'b'.repeat(2000)), entry(4, 'c')];
    // 'ż' is two bytes: entry 2 weighs as much as entry 1 although it has half the characters.
    expect(ids(pushBatches(outbox, 100, 1000))).toEqual([[1], [2], [3], [4]]);
    expect(ids(pushBatches(outbox, 100, 1300))).toEqual([[1, 2], [3], [4]]);
  });

  it('keeps every change once, in order, and returns nothing for an empty outbox', () => {
    expect(pushBatches([], 10)).toEqual([]);
    const outbox = Array.from({ length: 50 }, (_, i) => entry(i + 1, 'x'.repeat((i * 37) % 300)));
    expect(pushBatches(outbox, 7, 2000).flat()).toEqual(outbox);
  });
});
