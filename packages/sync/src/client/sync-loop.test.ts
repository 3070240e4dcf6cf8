import { describe, expect, it } from 'vitest';
import { SyncLoop } from './sync-loop.ts';
import { SyncHttpError } from './transport.ts';

function manualTimers() {
  const timers: { fn: () => void; ms: number }[] = [];
  return {
    timers,
    setTimer: (fn: () => void, ms: number) => timers.push({ fn, ms }),
    clearTimer: () => undefined,
  };
}

describe('SyncLoop', () => {
  it('coalesces requests made during a round into exactly one more round', async () => {
    let rounds = 0;
    let release: () => void = () => undefined;
    const loop = new SyncLoop({ round: () => new Promise<void>((r) => ((release = r), rounds++)) });
    const first = loop.request();
    void loop.request();
    void loop.request();
    release();
    await new Promise((r) => setTimeout(r, 0));
    release();
    await first;
    expect(rounds).toBe(2);
  });

  it('retries network failures with growing, capped, jittered delays and resets after success', async () => {
    const t = manualTimers();
    let fail = 3;
    const loop = new SyncLoop({
      round: async () => {
        if (fail-- > 0) throw new TypeError('fetch failed');
      },
      random: () => 1,
      minDelayMs: 1000,
      maxDelayMs: 3000,
      ...t,
    });
    await loop.request();
    expect(loop.state.failure).toBe('offline');
    for (let i = 0; i < 3; i++) {
      t.timers.at(-1)!.fn();
      await new Promise((r) => setTimeout(r, 0));
    }
    expect(t.timers.map((x) => x.ms)).toEqual([1000, 2000, 3000]);
    expect(loop.state.failure).toBeNull();
  });

  it('does not retry by itself when only a person can fix it', async () => {
    for (const [status, failure] of [
      [401, 'sign_in_required'],
      [426, 'update_required'],
    ] as const) {
      const t = manualTimers();
      const loop = new SyncLoop({ round: () => Promise.reject(new SyncHttpError(status, 'x', 'why')), ...t });
      await loop.request();
      expect(loop.state).toMatchObject({ failure, message: 'why', nextRetryAt: null });
      expect(t.timers).toEqual([]);
    }
  });

  it('keeps retrying a refused batch (4xx), slower than a server error and capped, so the queue is never left for good', async () => {
    const t = manualTimers();
    let fail = 4;
    const loop = new SyncLoop({
      round: async () => {
        if (fail-- > 0) throw new SyncHttpError(400, 'validation', 'bad batch');
      },
      random: () => 1,
      rejectedMinDelayMs: 30_000,
      rejectedMaxDelayMs: 100_000,
      ...t,
    });
    await loop.request();
    expect(loop.state).toMatchObject({ failure: 'rejected', message: 'bad batch' });
    for (let i = 0; i < 4; i++) {
      t.timers.at(-1)!.fn();
      await new Promise((r) => setTimeout(r, 0));
    }
    expect(t.timers.map((x) => x.ms)).toEqual([30_000, 60_000, 100_000, 100_000]);
    expect(loop.state.failure).toBeNull();
  });
});
