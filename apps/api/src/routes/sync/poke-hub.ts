import type { ServerResponse } from 'node:http';
import { POKE_CHANNEL } from '@lastmile/sync/server';
import type { Listen } from '../../db/client.ts';
import { ACCESS_CHANNEL } from '../../auth/access-channel.ts';

/** Streams one session may hold open; a seventh tab or a reconnect loop closes the oldest. */
export const MAX_STREAMS_PER_SESSION = 5;

/** Who a stream serves: its organization (for pokes) and its session (for closing it). */
export type StreamOwner = { orgId: string; tokenHash: string };

/** Of these sessions (token hashes), the ones still live: not revoked, expired or deactivated. */
export type LiveSessions = (tokenHashes: string[]) => Promise<Set<string>>;

type Stream = StreamOwner & { res: ServerResponse };

/**
 * Fans Postgres NOTIFYs out to the Server-Sent-Event streams of one process. Every API process
 * LISTENs on its own connection, so a change committed through any process reaches clients
 * connected to all of them. Pokes carry no data: they only say "pull now".
 *
 * Streams end when their session does: on a NOTIFY on ACCESS_CHANNEL (sessions revoked, a person
 * deactivated, a device revoked — auth/access-channel.ts) the hub asks which of that
 * organization's streams still have a live session and closes the others at once. A session holds
 * at most MAX_STREAMS_PER_SESSION streams, so one session cannot exhaust the server's sockets.
 */
export class PokeHub {
  private readonly streams = new Map<string, Set<Stream>>();
  private readonly pending = new Set<string>();
  private readonly unlisten: (() => Promise<void>)[] = [];
  private heartbeat: ReturnType<typeof setInterval> | null = null;

  constructor(
    private readonly liveSessions: LiveSessions,
    private readonly onError: (error: unknown) => void = () => undefined,
    private readonly debounceMs = 25,
  ) {}

  async start(listen: Listen): Promise<void> {
    this.unlisten.push(await listen(POKE_CHANNEL, (orgId) => this.schedule(orgId)));
    this.unlisten.push(await listen(ACCESS_CHANNEL, (orgId) => void this.closeEnded(orgId)));
    // Comments keep proxies and mobile networks from closing idle streams.
    this.heartbeat = setInterval(() => this.broadcast(': keep-alive\n\n'), 25_000);
    this.heartbeat.unref();
  }

  async stop(): Promise<void> {
    if (this.heartbeat) clearInterval(this.heartbeat);
    for (const unlisten of this.unlisten.splice(0)) await unlisten();
    for (const set of this.streams.values()) for (const stream of set) stream.res.end();
    this.streams.clear();
  }

  /** Registers an open stream; returns the function that forgets it (on the socket's close). */
  add(owner: StreamOwner, res: ServerResponse): () => void {
    const set = this.streams.get(owner.orgId) ?? new Set();
    this.streams.set(owner.orgId, set);
    const same = [...set].filter((s) => s.tokenHash === owner.tokenHash);
    // Insertion order is opening order: the first ones are the oldest.
    for (const old of same.slice(0, Math.max(0, same.length - MAX_STREAMS_PER_SESSION + 1))) this.end(old);
    const stream: Stream = { ...owner, res };
    set.add(stream);
    return () => this.forget(stream);
  }

  /** How many streams this process holds open (for tests and the health of one process). */
  get size(): number {
    let count = 0;
    for (const set of this.streams.values()) count += set.size;
    return count;
  }

  private forget(stream: Stream): void {
    const set = this.streams.get(stream.orgId);
    if (!set) return;
    set.delete(stream);
    if (set.size === 0) this.streams.delete(stream.orgId);
  }

  private end(stream: Stream): void {
    this.forget(stream);
    stream.res.end();
  }

  private async closeEnded(orgId: string): Promise<void> {
    const set = this.streams.get(orgId);
    if (!set || set.size === 0) return;
    try {
      const live = await this.liveSessions([...new Set([...set].map((s) => s.tokenHash))]);
      for (const stream of [...set]) if (!live.has(stream.tokenHash)) this.end(stream);
    } catch (error) {
      // The database is away: the streams stay until the next change or their session's next request.
      this.onError(error);
    }
  }

  /** Many commits in a burst become one poke per organization. */
  private schedule(orgId: string): void {
    if (this.pending.has(orgId)) return;
    this.pending.add(orgId);
    setTimeout(() => {
      this.pending.delete(orgId);
      for (const stream of this.streams.get(orgId) ?? []) stream.res.write('event: poke\ndata: {"type":"poke"}\n\n');
    }, this.debounceMs).unref();
  }

  private broadcast(chunk: string): void {
    for (const set of this.streams.values()) for (const stream of set) stream.res.write(chunk);
  }
}
