import type { ServerResponse } from 'node:http';
import { POKE_CHANNEL } from '@lastmile/sync/server';
import type { Listen } from '../../db/client.ts';

/**
 * Fans Postgres NOTIFYs out to the Server-Sent-Event streams of one process. Every API process
 * LISTENs on its own connection, so a change committed through any process reaches clients
 * connected to all of them. Pokes carry no data: they only say "pull now".
 */
export class PokeHub {
  private readonly streams = new Map<string, Set<ServerResponse>>();
  private readonly pending = new Set<string>();
  private unlisten: (() => Promise<void>) | null = null;
  private heartbeat: ReturnType<typeof setInterval> | null = null;

  constructor(private readonly debounceMs = 25) {}

  async start(listen: Listen): Promise<void> {
    this.unlisten = await listen(POKE_CHANNEL, (orgId) => this.schedule(orgId));
    // Comments keep proxies and mobile networks from closing idle streams.
    this.heartbeat = setInterval(() => this.broadcast(': keep-alive\n\n'), 25_000);
    this.heartbeat.unref();
  }

  async stop(): Promise<void> {
    if (this.heartbeat) clearInterval(this.heartbeat);
    await this.unlisten?.();
    for (const set of this.streams.values()) for (const res of set) res.end();
    this.streams.clear();
  }

  add(orgId: string, res: ServerResponse): () => void {
    const set = this.streams.get(orgId) ?? new Set();
    set.add(res);
    this.streams.set(orgId, set);
    return () => {
      set.delete(res);
      if (set.size === 0) this.streams.delete(orgId);
    };
  }

  /** Many commits in a burst become one poke per organization. */
  private schedule(orgId: string): void {
    if (this.pending.has(orgId)) return;
    this.pending.add(orgId);
    setTimeout(() => {
      this.pending.delete(orgId);
      for (const res of this.streams.get(orgId) ?? []) res.write('event: poke\ndata: {"type":"poke"}\n\n');
    }, this.debounceMs).unref();
  }

  private broadcast(chunk: string): void {
    for (const set of this.streams.values()) for (const res of set) res.write(chunk);
  }
}
