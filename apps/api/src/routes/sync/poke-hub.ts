import type { ServerResponse } from 'node:http';
import { parsePokePayload, POKE_CHANNEL } from '@lastmile/sync/server';
import type { Listen } from '../../db/client.ts';
import { ACCESS_CHANNEL } from '../../auth/access-channel.ts';

/** Streams one session may hold open; a seventh tab or a reconnect loop closes the oldest. */
export const MAX_STREAMS_PER_SESSION = 5;

/** Who a stream serves: its organization (for pokes) and its session (for closing it). */
export type StreamOwner = { orgId: string; tokenHash: string };

/** Of these sessions (token hashes), the ones still live: not revoked, expired or deactivated. */
export type LiveSessions = (tokenHashes: string[]) => Promise<Set<string>>;

/**
 * The replication scopes each of these sessions' devices pulls (the person's, and in crew mode
 * the crew's), and the sync client the session last synced as (null before its first sync): a
 * session missing from the answer keeps being poked for everything.
 */
export type SessionScopes = (tokenHashes: string[]) => Promise<Map<string, SessionReach>>;
export type SessionReach = { scopes: ReadonlySet<string>; clientId: string | null };

/** A commit waiting to be poked: its scopes (null: all of them) and the client whose push made it. */
type Commit = { scopes: ReadonlySet<string> | null; origin: string | null };

/** Commits of one organization kept apart within a window; past this they become one "all". */
const MAX_PENDING_COMMITS = 1000;

/** How often every open stream's scopes are read again (a team or role change, a crew join). */
const SCOPE_REFRESH_MS = 25_000;

type Stream = StreamOwner & {
  res: ServerResponse;
  /** What its device pulls; null until known, and then it is poked for every change. */
  scopes: ReadonlySet<string> | null;
  /** The sync client its session syncs as; null until known. */
  clientId: string | null;
};

/**
 * Whether a commit concerns a stream: one of its scopes is the stream's (or either is unknown) —
 * unless the stream's own device made it: a device pulls right after each push (SyncClient.sync),
 * so a poke would only make it pull the same changes twice.
 */
function concerns(commit: Commit, stream: Stream): boolean {
  if (commit.origin !== null && commit.origin === stream.clientId) return false;
  if (commit.scopes === null || stream.scopes === null) return true;
  for (const s of commit.scopes) if (stream.scopes.has(s)) return true;
  return false;
}

/**
 * Whether a commit may have changed which scopes a device pulls: a team or a person changed. Every
 * change of a person's team or role is logged under `ref:` (an office person, or a team) or under
 * a `people:` scope their old or new team pulls (ADR 0051); a rename of a teamless technician is
 * logged under neither, and changes nobody's scopes.
 */
function movesScopes(commit: Commit): boolean {
  if (commit.scopes === null) return true;
  for (const s of commit.scopes) if (s.startsWith('ref:') || s.startsWith('people:')) return true;
  return false;
}

/**
 * Fans Postgres NOTIFYs out to the Server-Sent-Event streams of one process. Every API process
 * LISTENs on its own connection, so a change committed through any process reaches clients
 * connected to all of them. Pokes carry no data: they only say "pull now".
 *
 * Only the streams whose device can see one of the commit's scopes are poked (the NOTIFY names
 * them: change-recorder.ts `pokePayload`): with ten teams, a change in one pokes that team's
 * phones and the office, not the other nine teams. A stream's scopes are read when it opens, again
 * every 25 s, after a change to a team or a person (a team move or a role change: `movesScopes`)
 * and when access changes (a crew join); until known, it is poked for everything.
 * The device whose push made the commit is not poked for it (`concerns`).
 * Bursts coalesce per organization (`debounceMs`): one poke per stream per window.
 *
 * Streams end when their session does: on a NOTIFY on ACCESS_CHANNEL (sessions revoked, a person
 * deactivated, a device revoked — auth/access-channel.ts) the hub asks which of that
 * organization's streams still have a live session and closes the others at once. A session holds
 * at most MAX_STREAMS_PER_SESSION streams, so one session cannot exhaust the server's sockets.
 */
export class PokeHub {
  private readonly streams = new Map<string, Set<Stream>>();
  /** Per organization, the commits waiting to be poked. */
  private readonly pending = new Map<string, Commit[]>();
  private readonly unlisten: (() => Promise<void>)[] = [];
  private heartbeat: ReturnType<typeof setInterval> | null = null;

  constructor(
    private readonly liveSessions: LiveSessions,
    private readonly onError: (error: unknown) => void = () => undefined,
    private readonly debounceMs = 25,
    private readonly sessionScopes: SessionScopes | null = null,
  ) {}

  async start(listen: Listen): Promise<void> {
    this.unlisten.push(
      await listen(POKE_CHANNEL, (payload) => {
        const { orgId, scopes, origin } = parsePokePayload(payload);
        this.schedule(orgId, { scopes: scopes === null ? null : new Set(scopes), origin });
      }),
    );
    this.unlisten.push(
      await listen(ACCESS_CHANNEL, (orgId) => {
        void this.closeEnded(orgId).then(() => this.refreshScopes(this.streams.get(orgId) ?? []));
      }),
    );
    // Comments keep proxies and mobile networks from closing idle streams.
    this.heartbeat = setInterval(() => {
      this.broadcast(': keep-alive\n\n');
      void this.refreshScopes(this.allStreams());
    }, SCOPE_REFRESH_MS);
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
    const stream: Stream = { ...owner, res, scopes: null, clientId: null };
    set.add(stream);
    void this.refreshScopes([stream]);
    return () => this.forget(stream);
  }

  /** Reads the scopes of these streams' sessions again; a failure leaves them as they were. */
  async refreshScopes(streams: Iterable<Stream>): Promise<void> {
    const list = [...streams];
    if (!this.sessionScopes || list.length === 0) return;
    try {
      const reach = await this.sessionScopes([...new Set(list.map((s) => s.tokenHash))]);
      for (const stream of list) {
        const known = reach.get(stream.tokenHash);
        stream.scopes = known?.scopes ?? null;
        stream.clientId = known?.clientId ?? null;
      }
    } catch (error) {
      this.onError(error);
    }
  }

  private allStreams(): Stream[] {
    return [...this.streams.values()].flatMap((set) => [...set]);
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

  /** Many commits in a burst become one poke per stream. */
  private schedule(orgId: string, commit: Commit): void {
    const waiting = this.pending.get(orgId);
    if (waiting !== undefined) {
      if (waiting.length < MAX_PENDING_COMMITS) waiting.push(commit);
      else waiting.splice(0, waiting.length, { scopes: null, origin: null });
      return;
    }
    this.pending.set(orgId, [commit]);
    setTimeout(() => {
      const commits = this.pending.get(orgId) ?? [];
      this.pending.delete(orgId);
      const streams = [...(this.streams.get(orgId) ?? [])];
      for (const stream of streams)
        if (commits.some((c) => concerns(c, stream))) stream.res.write('event: poke\ndata: {"type":"poke"}\n\n');
      if (commits.some(movesScopes)) void this.refreshScopes(streams);
    }, this.debounceMs).unref();
  }

  private broadcast(chunk: string): void {
    for (const set of this.streams.values()) for (const stream of set) stream.res.write(chunk);
  }
}
