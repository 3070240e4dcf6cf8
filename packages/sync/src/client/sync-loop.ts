import { classifyFailure, SyncHttpError, type SyncFailure } from './transport.ts';

export type LoopState = {
  syncing: boolean;
  /** Why the last round failed, if it did; cleared by the next success. */
  failure: SyncFailure | null;
  message: string | null;
  nextRetryAt: number | null;
};

export type SyncLoopOptions = {
  round: () => Promise<void>;
  onState?: (state: LoopState) => void;
  minDelayMs?: number;
  maxDelayMs?: number;
  /** A refused batch (4xx) is retried too, but slower: only a new server or app version can fix it. */
  rejectedMinDelayMs?: number;
  rejectedMaxDelayMs?: number;
  random?: () => number;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
};

/**
 * Runs sync rounds on demand (app start, `online`, `visibilitychange`, a poke, a new change),
 * never two at once, and retries failures with capped exponential backoff and jitter. It does
 * not depend on Background Sync, which Safari and Firefox lack.
 */
export class SyncLoop {
  private readonly options: Required<Omit<SyncLoopOptions, 'onState'>> & Pick<SyncLoopOptions, 'onState'>;
  private running: Promise<void> | null = null;
  private again = false;
  private attempt = 0;
  private timer: unknown = null;
  private stopped = false;
  state: LoopState = { syncing: false, failure: null, message: null, nextRetryAt: null };

  constructor(options: SyncLoopOptions) {
    this.options = {
      minDelayMs: 1000,
      maxDelayMs: 60_000,
      rejectedMinDelayMs: 30_000,
      rejectedMaxDelayMs: 15 * 60_000,
      random: Math.random,
      setTimer: (fn, ms) => setTimeout(fn, ms),
      clearTimer: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
      ...options,
    };
  }

  /** Ask for a round soon. Coalesces: a request during a round causes exactly one more. */
  request(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.run().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) this.options.clearTimer(this.timer);
    this.timer = null;
  }

  private set(patch: Partial<LoopState>): void {
    this.state = { ...this.state, ...patch };
    this.options.onState?.(this.state);
  }

  private async run(): Promise<void> {
    if (this.timer) this.options.clearTimer(this.timer);
    this.timer = null;
    do {
      this.again = false;
      this.set({ syncing: true, nextRetryAt: null });
      try {
        await this.options.round();
        this.attempt = 0;
        this.set({ syncing: false, failure: null, message: null });
      } catch (error) {
        const failure = classifyFailure(error);
        const message = error instanceof SyncHttpError ? error.message : null;
        this.set({ syncing: false, failure, message });
        // Sign-in and app updates need a person. A refused batch is retried (slowly) rather than
        // left for good: a fixed server takes it without anyone having to notice.
        if (failure === 'offline' || failure === 'server')
          this.scheduleRetry(this.options.minDelayMs, this.options.maxDelayMs);
        if (failure === 'rejected')
          this.scheduleRetry(this.options.rejectedMinDelayMs, this.options.rejectedMaxDelayMs);
        return;
      }
    } while (this.again && !this.stopped);
  }

  private scheduleRetry(minDelayMs: number, maxDelayMs: number): void {
    if (this.stopped) return;
    const base = Math.min(maxDelayMs, minDelayMs * 2 ** this.attempt);
    const delay = base / 2 + (this.options.random() * base) / 2;
    this.attempt += 1;
    this.set({ nextRetryAt: Date.now() + delay });
    this.timer = this.options.setTimer(() => {
      this.timer = null;
      void this.request();
    }, delay);
  }
}
