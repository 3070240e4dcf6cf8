/**
 * A technician's phone as the load benchmark drives it over HTTP: push one `updateJobNotes` on one
 * of its jobs, then pull to the head (the closed loop of issue 14), and optionally keep the poke
 * stream open and pull when poked, as the app does.
 */
import { randomBytes } from 'node:crypto';
import { SCHEMA_VERSION } from '@lastmile/sync';
import type { LoadDevice } from './load-world.ts';

type PullResponse = { cursor: string; more: boolean; lastMutationId: number };
type PushResponse = { lastMutationId: number; results: { id: number; status: string; reason?: string }[] };

export const PULL_LIMIT = 500;

export class HttpDevice {
  readonly clientId = `load${randomBytes(8).toString('hex')}`;
  nextMutation = 1;
  cursor: string | null = null;
  base = '';
  /** Pull requests sent (pages included), and pokes received after the stream's first. */
  pullRequests = 0;
  pokes = 0;
  private pulling: Promise<void> | null = null;
  private pullAgain = false;
  private stream: AbortController | null = null;

  constructor(readonly device: LoadDevice) {}

  private async post<T>(path: string, body: unknown): Promise<T> {
    const res = await fetch(`${this.base}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: this.device.cookie, 'x-csrf-token': this.device.csrf },
      body: JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${path} answered ${res.status}: ${text.slice(0, 300)}`);
    return JSON.parse(text) as T;
  }

  /** Pulls until the server says nothing more waits. */
  async pullToHead(): Promise<void> {
    for (;;) {
      this.pullRequests++;
      const page = await this.post<PullResponse>('/api/sync/pull', {
        schemaVersion: SCHEMA_VERSION,
        clientId: this.clientId,
        cursor: this.cursor,
        pendingFrom: this.nextMutation,
        limit: PULL_LIMIT,
      });
      this.cursor = page.cursor;
      if (!page.more) return;
    }
  }

  /** One pull at a time; a poke during a pull makes one more pull after it (the app's coalescing). */
  private pullCoalesced(): Promise<void> {
    if (this.pulling) {
      this.pullAgain = true;
      return this.pulling;
    }
    this.pulling = (async () => {
      try {
        do {
          this.pullAgain = false;
          await this.pullToHead();
        } while (this.pullAgain);
      } finally {
        this.pulling = null;
      }
    })();
    return this.pulling;
  }

  async push(): Promise<void> {
    const jobIds = this.device.jobIds;
    const id = this.nextMutation++;
    const res = await this.post<PushResponse>('/api/sync/push', {
      schemaVersion: SCHEMA_VERSION,
      clientId: this.clientId,
      mutations: [
        {
          id,
          name: 'updateJobNotes',
          args: { jobId: jobIds[id % jobIds.length]!, notes: `load note ${id} ${'x'.repeat(60)}` },
          clientTime: new Date().toISOString(),
          baseVersion: 0,
        },
      ],
    });
    const refused = res.results.find((r) => r.status !== 'applied');
    if (refused || res.lastMutationId !== id) throw new Error(`push not applied: ${JSON.stringify(refused ?? res)}`);
  }

  /** The closed loop's cycle: returns [push ms, cycle ms]. */
  async cycle(): Promise<[number, number]> {
    const start = performance.now();
    await this.push();
    const pushed = performance.now();
    await this.pullCoalesced();
    return [pushed - start, performance.now() - start];
  }

  /** Opens the poke stream; every poke after the first (sent on connect) triggers a coalesced pull. */
  async openPokes(): Promise<void> {
    this.stream = new AbortController();
    const res = await fetch(`${this.base}/api/sync/poke`, {
      headers: { cookie: this.device.cookie, accept: 'text/event-stream' },
      signal: this.stream.signal,
    });
    if (!res.ok || !res.body) throw new Error(`poke stream answered ${res.status}`);
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    let first = true;
    void (async () => {
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) return;
          const pokes = decoder.decode(value, { stream: true }).split('event: poke').length - 1;
          for (let i = 0; i < pokes; i++) {
            if (first) {
              first = false;
              continue;
            }
            this.pokes++;
            void this.pullCoalesced().catch(() => undefined);
          }
        }
      } catch {
        // aborted by closePokes
      }
    })();
  }

  closePokes(): void {
    this.stream?.abort();
    this.stream = null;
  }
}
