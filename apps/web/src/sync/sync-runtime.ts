import type { Actor, MutatorArgs, MutatorName, SessionInfo } from '@lastmile/domain';
import { SyncClient, SyncLoop, type LoopState, type SyncTransport } from '@lastmile/sync/client';
import { UploadQueue } from '../attachments/upload-queue.ts';
import type { AppDb } from '../local-db/app-db.ts';
import { deviceReportInfo } from './device-report.ts';
import { DexieStore } from './dexie-store.ts';
import { httpTransport } from './http-transport.ts';

type Message =
  | { type: 'changed' }
  | { type: 'state'; state: LoopState; leader: true }
  // A tab that is not the leader asks the leader for a whole round and waits for it (`roundNow`).
  | { type: 'round'; id: string }
  | { type: 'round-taken'; id: string }
  | { type: 'round-done'; id: string };
const SAFETY_PULL_MS = 60_000;
/**
 * How long a tab waits for the leader to take its round before syncing on its own: a leader of an
 * older app version (tabs update one by one) does not answer, and the first tab may not lead yet.
 */
const ROUND_TAKEN_MS = 2_000;
/** And for the round it took to finish: a leader tab closed mid-round never says it has. */
const ROUND_DONE_MS = 120_000;

/**
 * Runs sync for one signed-in person on this device. Every tab can make changes (they go
 * straight into IndexedDB); one tab — the holder of a Web Lock — pushes and pulls, and tells
 * the others how it went over a BroadcastChannel. The loop runs on start, on `online`, when
 * the tab becomes visible, on a poke from the server, after each local change, on a slow timer,
 * and with backoff after a failure. It relies on nothing Safari or Firefox lack.
 */
export class SyncRuntime {
  readonly client: SyncClient;
  /** Photos' bytes, sent by the leader tab after each sync round (their records go first). */
  readonly uploads: UploadQueue;
  private readonly loop: SyncLoop;
  private readonly channel: BroadcastChannel | null;
  private readonly listeners = new Set<() => void>();
  private readonly cleanups: (() => void)[] = [];
  private leader = false;
  /** Rounds this tab asked the leader for: told when it took one, and when it finished. */
  private readonly asked = new Map<string, { taken: () => void; done: () => void }>();
  /** Crew mode: who holds the phone now, and everyone on it (a queued change replays as its maker). */
  private acting: Actor;
  private crew = new Map<string, Actor>();
  state: LoopState;

  constructor(
    db: AppDb,
    private readonly session: SessionInfo,
    transport: SyncTransport = httpTransport,
  ) {
    this.acting = {
      userId: session.user.id,
      orgId: session.org.id,
      role: session.user.role,
      teamId: session.user.teamId,
    };
    this.client = new SyncClient({
      store: new DexieStore(db),
      transport,
      context: (actorId) => ({
        actor: (actorId === undefined ? undefined : this.crew.get(actorId)) ?? this.acting,
        now: new Date().toISOString(),
      }),
      // Pages of 500 changes: a first sync of thousands of jobs is parsed, checked and written in
      // many short tasks the screen can paint between, not one that freezes a phone for a second
      // (each page is its own transaction; `pnpm bench cold-start` measures the long tasks).
      pullLimit: 500,
      // App version, storage and what is pending, for the admin's device registry (ADR 0028).
      deviceInfo: deviceReportInfo,
    });
    this.uploads = new UploadQueue(db, () => session.csrfToken);
    this.loop = new SyncLoop({
      round: async () => {
        await this.client.sync();
        if (this.leader) void this.uploads.request();
      },
      onState: (s) => this.setState(s),
    });
    this.state = this.loop.state;
    this.channel =
      typeof BroadcastChannel === 'function' ? new BroadcastChannel(`lastmile-sync-${session.user.id}`) : null;
  }

  start(): void {
    if (this.channel) {
      const channel = this.channel;
      channel.onmessage = (event: MessageEvent<Message>) => {
        const message = event.data;
        if (message.type === 'changed' && this.leader) void this.loop.request();
        if (message.type === 'state' && !this.leader) this.setState(message.state);
        if (message.type === 'round' && this.leader) {
          channel.postMessage({ type: 'round-taken', id: message.id } satisfies Message);
          const done = () => channel.postMessage({ type: 'round-done', id: message.id } satisfies Message);
          this.roundNow().then(done, done);
        }
        if (message.type === 'round-taken') this.asked.get(message.id)?.taken();
        if (message.type === 'round-done') this.asked.get(message.id)?.done();
      };
    }
    const locks = (navigator as Navigator & { locks?: LockManager }).locks;
    if (!locks) {
      this.becomeLeader();
      return;
    }
    const abort = new AbortController();
    this.cleanups.push(() => abort.abort());
    // Held until this tab closes or signs out; holding it also keeps the tab from being frozen.
    locks
      .request(`lastmile-sync-${this.session.user.id}`, { signal: abort.signal }, () => {
        this.becomeLeader();
        return new Promise<void>((resolve) => abort.signal.addEventListener('abort', () => resolve()));
      })
      .catch(() => undefined);
  }

  stop(): void {
    this.loop.stop();
    this.uploads.stop();
    for (const cleanup of this.cleanups.splice(0)) cleanup();
    this.channel?.close();
  }

  /**
   * Crew mode (ADR 0033): the person whose changes these are from now on, and everyone signed in
   * on the phone. Each change carries its maker; the server checks they are signed in here.
   */
  setCrew(acting: Actor, crew: readonly Actor[]): void {
    this.acting = acting;
    this.crew = new Map(crew.map((a) => [a.userId, a]));
  }

  /** Who makes the next change. */
  actingUserId(): string {
    return this.acting.userId;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Apply a change now, queue it, and get it to the server as soon as possible. */
  async mutate<N extends MutatorName>(name: N, args: MutatorArgs<N>): Promise<void> {
    await this.client.mutate(name, args);
    this.kick();
  }

  /**
   * A whole round, awaited: what was queued before the call has been pushed and acknowledged
   * when it resolves, if the server could be reached (leaving the crew waits on it). A round
   * already running may have read the outbox before the latest change, hence a second one.
   */
  async roundNow(): Promise<void> {
    if (!this.leader) {
      // The leader's round, not one of this tab's own: two tabs pulling into one IndexedDB at
      // once each apply the other's pages again, and during a reset each would start the other's
      // over (ADR 0048). Only a leader that does not answer leaves this tab to sync itself.
      if (!(await this.leaderRound())) await this.client.sync().catch(() => undefined);
      return;
    }
    await this.loop.request();
    await this.loop.request();
  }

  /**
   * Sends the queued photos now and waits for that to end, in the leader tab, which alone uploads;
   * another tab returns at once (its caller then sees what is still queued).
   */
  async sendPhotosNow(): Promise<void> {
    if (this.leader) await this.uploads.request();
  }

  /** True once the leader tab has run a round asked of it; false if no leader took it in time. */
  private leaderRound(): Promise<boolean> {
    const channel = this.channel;
    if (!channel) return Promise.resolve(false);
    const id = crypto.randomUUID();
    return new Promise<boolean>((resolve) => {
      const finish = (ran: boolean) => {
        clearTimeout(timer);
        this.asked.delete(id);
        resolve(ran);
      };
      let timer = setTimeout(() => finish(false), ROUND_TAKEN_MS);
      const taken = () => {
        clearTimeout(timer);
        timer = setTimeout(() => finish(false), ROUND_DONE_MS);
      };
      this.asked.set(id, { taken, done: () => finish(true) });
      channel.postMessage({ type: 'round', id } satisfies Message);
    });
  }

  /** Ask the leader tab for a sync round now (the "Sync now" button). */
  kick(): void {
    if (this.leader) void this.loop.request();
    else this.channel?.postMessage({ type: 'changed' } satisfies Message);
  }

  private setState(state: LoopState): void {
    this.state = state;
    if (this.leader) this.channel?.postMessage({ type: 'state', state, leader: true } satisfies Message);
    for (const listener of this.listeners) listener();
  }

  private becomeLeader(): void {
    this.leader = true;
    // Rounds asked of the tab that led before this one (closed since): this tab runs them now.
    for (const { done } of this.asked.values()) void this.roundNow().then(done, done);
    const request = () => void this.loop.request();
    const onVisible = () => {
      if (document.visibilityState === 'visible') request();
    };
    window.addEventListener('online', request);
    document.addEventListener('visibilitychange', onVisible);
    const timer = setInterval(request, SAFETY_PULL_MS);
    const pokes = typeof EventSource === 'function' ? new EventSource('/api/sync/poke') : null;
    pokes?.addEventListener('poke', request);
    // The server ends the stream when this session ends (signed out elsewhere, device revoked):
    // a round at once learns why. Only when an open stream drops, not on every failed reconnect.
    let streaming = false;
    pokes?.addEventListener('open', () => (streaming = true));
    pokes?.addEventListener('error', () => {
      if (streaming) request();
      streaming = false;
    });
    this.cleanups.push(() => {
      window.removeEventListener('online', request);
      document.removeEventListener('visibilitychange', onVisible);
      clearInterval(timer);
      pokes?.close();
    });
    request();
  }
}
