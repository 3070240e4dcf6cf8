import {
  AppError,
  ERROR_CODES,
  mutatorArgs,
  optimisticMutators,
  toStorable,
  validationError,
  type EntityName,
  type MutatorArgs,
  type MutatorContext,
  type MutatorName,
  type OptimisticMutators,
} from '@lastmile/domain';
import {
  cursorVersion,
  MAX_PUSH_MUTATIONS,
  SCHEMA_VERSION,
  type DeviceReport,
  type PullResponse,
  type PushResponse,
} from '../protocol.ts';
import {
  rowKey,
  type ClientStore,
  type OutboxEntry,
  type Row,
  type Shadow,
  type StoreTx,
  type SyncMeta,
} from './store.ts';
import { becomeNewClient, reusedFrom } from './new-client-id.ts';
import { changeBytes, MAX_CHANGE_BYTES, pushBatches } from './push-batches.ts';
import { trackingTx } from './tracking-tx.ts';
import type { SyncTransport } from './transport.ts';
import { nextTrouble, type SyncTrouble } from './trouble.ts';

export type SyncClientOptions = {
  store: ClientStore;
  transport: SyncTransport;
  /**
   * The acting person and the device clock, asked for at each mutation. With `actorId` (a queued
   * change replayed in a rebase), that person as this device knows them; crew mode has several.
   */
  context: (actorId?: string) => MutatorContext;
  mutators?: OptimisticMutators;
  pushBatchSize?: number;
  pullLimit?: number;
  newClientId?: () => string;
  /** Called after anything the UI shows may have changed (rows, outbox, refusals, meta). */
  onChange?: () => void;
  /**
   * What the device knows about itself (app version, storage) for the report each request
   * carries; the client adds what is pending. Without it, requests carry no report.
   */
  deviceInfo?: () => Promise<Omit<DeviceReport, 'pendingCount' | 'oldestPendingAt'>>;
};

function randomClientId(): string {
  return crypto.randomUUID().replaceAll('-', '');
}

/**
 * The client half of the sync engine: optimistic mutations into a persistent outbox, pushes
 * that are safe to repeat, and pulls that rebase pending changes on the server's state.
 */
export class SyncClient {
  private readonly store: ClientStore;
  private readonly transport: SyncTransport;
  private readonly context: (actorId?: string) => MutatorContext;
  private readonly mutators: OptimisticMutators;
  private readonly pushBatchSize: number;
  private readonly pullLimit: number;
  private readonly onChange: () => void;
  private readonly newClientId: () => string;
  /**
   * The rows (`rowKey`s) the pages of a reset that keeps the device's rows delivered, under the
   * reset's id (`SyncMeta.resetting`). In memory, not in IndexedDB: writing a mark per row
   * doubled an office device's reset (docs/benchmarks.md). A client that does not hold a reset's
   * marks (the app restarted, another tab pulled part of it) starts that reset over.
   */
  private resetMarks: { id: string; keys: Set<string> } | null = null;
  private readonly deviceInfo: SyncClientOptions['deviceInfo'];
  /** The last mutation id a push response said the server holds: later ones are still pending. */
  private acknowledged = 0;

  constructor(options: SyncClientOptions) {
    this.store = options.store;
    this.transport = options.transport;
    this.context = options.context;
    this.mutators = options.mutators ?? optimisticMutators;
    this.pushBatchSize = Math.min(options.pushBatchSize ?? 100, MAX_PUSH_MUTATIONS);
    this.pullLimit = options.pullLimit ?? 5000;
    this.onChange = options.onChange ?? (() => undefined);
    this.newClientId = options.newClientId ?? randomClientId;
    this.deviceInfo = options.deviceInfo;
  }

  /**
   * The report for the admin's device registry: what is still only on this device (changes the
   * server has not acknowledged) and what the app says about itself. A failure to learn the
   * latter never stops a sync; the request then carries only the pending changes.
   */
  private async report(outbox: readonly OutboxEntry[]): Promise<{ device?: DeviceReport }> {
    if (!this.deviceInfo) return {};
    const pending = outbox.filter((m) => m.id > this.acknowledged);
    const info = await this.deviceInfo().catch(() => ({}));
    return { device: { ...info, pendingCount: pending.length, oldestPendingAt: pending[0]?.clientTime ?? null } };
  }

  private async meta(tx: StoreTx): Promise<SyncMeta> {
    const existing = await tx.getMeta();
    if (existing) return existing;
    const meta: SyncMeta = {
      clientId: this.newClientId(),
      nextMutationId: 1,
      pushedThrough: 0,
      cursor: null,
      lastSyncedAt: null,
    };
    await tx.setMeta(meta);
    return meta;
  }

  async clientId(): Promise<string> {
    return (await this.store.transact((tx) => this.meta(tx))).clientId;
  }

  /**
   * Applies a change on the device at once and queues it, in one transaction. Invalid args or a
   * change the rules forbid throw an AppError and store nothing.
   */
  async mutate<N extends MutatorName>(name: N, args: MutatorArgs<N>): Promise<number> {
    // Made storable before it is applied and queued, exactly as the server would store it, so
    // the phone shows what the office will see (docs/decisions/0014-storable-text.md).
    const parsed = mutatorArgs[name].safeParse(toStorable(args));
    if (!parsed.success) throw validationError(`${name}`, parsed.error);
    // A change no push can carry would be answered 413 on every try and hold up everything queued
    // after it: it is refused now, while the person can still shorten it.
    const bytes = changeBytes({ name, args: parsed.data });
    if (bytes > MAX_CHANGE_BYTES) {
      // Rounded so that the size never reads as within the limit: up for the change, down for the limit.
      const sizeMb = Math.ceil(bytes / 100_000) / 10;
      const maxMb = Math.floor(MAX_CHANGE_BYTES / 100_000) / 10;
      throw new AppError(
        ERROR_CODES.validation,
        `This change is too large to send (${sizeMb} MB; at most ${maxMb} MB). Shorten the text or split it.`,
        undefined,
        { key: 'sync.changeTooLarge', params: { sizeMb, maxMb } },
      );
    }
    const ctx = this.context();
    const id = await this.store.transact(async (tx) => {
      const meta = await this.meta(tx);
      const mutator = this.mutators[name] as (
        tx: ReturnType<typeof trackingTx>,
        args: unknown,
        ctx: MutatorContext,
      ) => Promise<void>;
      await mutator(trackingTx(tx), parsed.data, ctx);
      const entry: OutboxEntry = {
        id: meta.nextMutationId,
        name,
        args: parsed.data,
        clientTime: ctx.now,
        baseVersion: cursorVersion(meta.cursor),
        actorId: ctx.actor.userId,
      };
      await tx.addOutbox(entry);
      await tx.setMeta({ ...meta, nextMutationId: meta.nextMutationId + 1 });
      return entry.id;
    });
    this.onChange();
    return id;
  }

  /** Pushes every queued change (in bounded batches), then pulls until caught up. */
  async sync(): Promise<void> {
    await this.pushAll();
    await this.pullAll();
  }

  async pushAll(): Promise<void> {
    const reused = await this.pushOutbox(true);
    if (reused !== null) {
      // Another device pushes with this client id (a restored backup, a cloned device): its changes
      // hold these numbers on the server, so this device's would pass for replays and be lost.
      // Nothing of the push was applied. This device becomes a new client, as a new device would:
      // a new id, its pending changes numbered from 1, a full pull, then the push again. A second
      // refusal is shown, not retried: starting over again would only loop.
      await this.store.transact(async (tx) => becomeNewClient(tx, await this.meta(tx), this.newClientId(), reused));
      this.acknowledged = 0;
      this.onChange();
      await this.pullAll();
      await this.pushOutbox(false);
    }
    await this.clearTrouble('push');
  }

  /**
   * Pushes the outbox in batches. With `mayStartOver`, a `client_id_reused` answer is not trouble
   * but returned: the first id of the outbox that is not this device's change on the server.
   */
  private async pushOutbox(mayStartOver: boolean): Promise<number | null> {
    const meta = await this.store.transact((tx) => this.meta(tx));
    const outbox = await this.store.listOutbox();
    for (const batch of pushBatches(outbox, this.pushBatchSize)) {
      const first = batch[0]!.id;
      await this.markSent(batch.at(-1)!.id);
      let response: PushResponse;
      try {
        // No IndexedDB transaction is open across this await: the outbox was read above.
        response = await this.transport.push({
          schemaVersion: SCHEMA_VERSION,
          clientId: meta.clientId,
          ...(await this.report(outbox)),
          mutations: batch.map((m) => ({
            id: m.id,
            name: m.name,
            args: m.args,
            clientTime: m.clientTime,
            baseVersion: m.baseVersion,
            actorId: m.actorId,
          })),
        });
      } catch (error) {
        const reused = mayStartOver ? reusedFrom(error, first) : null;
        if (reused !== null) return reused;
        return this.noteTrouble({ phase: 'push', mutationId: first }, error);
      }
      this.acknowledged = Math.max(this.acknowledged, response.lastMutationId);
    }
    return null;
  }

  /**
   * Records, before a push goes out, that this client has now sent changes up to `lastId`: a
   * pull may only take a change off the outbox as applied if this device sent it (`applyPull`).
   * Written first, so a push whose answer never comes still counts as sent.
   */
  private async markSent(lastId: number): Promise<void> {
    const current = await this.store.getMeta();
    if (current?.pushedThrough !== undefined && current.pushedThrough >= lastId) return;
    await this.store.transact(async (tx) => {
      const meta = await this.meta(tx);
      if ((meta.pushedThrough ?? 0) < lastId) await tx.setMeta({ ...meta, pushedThrough: lastId });
    });
  }

  /** Remembers a failure the server answered with (since when, what it said), then rethrows. */
  private async noteTrouble(where: Pick<SyncTrouble, 'phase' | 'mutationId'>, error: unknown): Promise<never> {
    const changed = await this.store.transact(async (tx) => {
      const meta = await this.meta(tx);
      const trouble = nextTrouble(meta.trouble ?? null, where, error, this.context().now);
      if (trouble) await tx.setMeta({ ...meta, trouble });
      return trouble !== null;
    });
    if (changed) this.onChange();
    throw error;
  }

  private async clearTrouble(phase: SyncTrouble['phase']): Promise<void> {
    // Read outside a transaction first: almost every round has nothing to clear.
    if ((await this.store.getMeta())?.trouble?.phase !== phase) return;
    const cleared = await this.store.transact(async (tx) => {
      const meta = await this.meta(tx);
      if (meta.trouble?.phase !== phase) return false;
      await tx.setMeta({ ...meta, trouble: null });
      return true;
    });
    if (cleared) this.onChange();
  }

  async pullAll(): Promise<void> {
    // A second start-over in one round means another client on this storage (a tab's one-off
    // round, the client of a session that just ended) is pulling the same reset and starting it
    // over each time we do: this round stops and leaves it to that one, or the two would restart
    // each other forever (ADR 0048).
    let restarted = false;
    for (;;) {
      const meta = await this.store.transact((tx) => this.meta(tx));
      // A reset under way whose marks this client does not hold (the app restarted mid-reset):
      // ask for it from the start rather than for a page it could not finish with.
      const startOver = meta.resetting?.keeping === true && this.resetMarks?.id !== meta.resetting.id;
      if (startOver) {
        if (restarted) return;
        restarted = true;
      }
      const outbox = await this.store.listOutbox();
      const response = await this.transport
        .pull({
          schemaVersion: SCHEMA_VERSION,
          clientId: meta.clientId,
          cursor: startOver ? null : meta.cursor,
          ...(await this.report(outbox)),
          pendingFrom: outbox[0]?.id ?? meta.nextMutationId,
          limit: this.pullLimit,
        })
        .catch((error: unknown) => this.noteTrouble({ phase: 'pull', mutationId: null }, error));
      this.acknowledged = Math.max(this.acknowledged, response.lastMutationId);
      const outcome = await this.store.transact((tx) => this.applyPull(tx, response));
      if (outcome.becameNewClient) {
        // Another device pushes with this client id: this one is a new client now (its changes
        // kept, numbered from 1) and pulls again from the start, as a new device does.
        this.acknowledged = 0;
        this.resetMarks = null;
        this.onChange();
        if (restarted) return;
        restarted = true;
        continue;
      }
      // Only once the page has committed: the marks must never name a row the device lacks.
      if (outcome.marked) {
        if (this.resetMarks?.id !== outcome.marked.id) this.resetMarks = { id: outcome.marked.id, keys: new Set() };
        for (const key of outcome.marked.keys) this.resetMarks.keys.add(key);
      }
      if (outcome.finished) this.resetMarks = null;
      this.onChange();
      if (outcome.restart) {
        // Another client's reset began between reading meta and this page (see `restarted`).
        if (restarted) return;
        restarted = true;
        continue;
      }
      if (!response.more) break;
    }
    await this.clearTrouble('pull');
  }

  /**
   * One pulled page, with its cursor, in one transaction.
   *
   * A reset (first sync, a team or crew change, a cursor past the compaction horizon) replaces
   * the device's rows with the server's, over as many pages as that takes. The rows the device
   * held stay until the last page has arrived; the client remembers which rows the pages delivered
   * (`resetMarks`) and only then deletes the others. A reset cut off by lost signal (R1) leaves the
   * device with everything it had, newer where pages arrived, and continues from its cursor on the
   * next sync; a pending change stays on screen throughout (ADR 0048). A reset that starts over
   * (the server answers `reset` again) starts the marks over; a client without the reset's marks
   * starts it over itself (`restart`: the cursor is forgotten, the rows stay).
   */
  private async applyPull(
    tx: StoreTx,
    response: PullResponse,
  ): Promise<{
    marked: { id: string; keys: string[] } | null;
    finished: boolean;
    restart: boolean;
    becameNewClient?: true;
  }> {
    const meta = await this.meta(tx);
    let resetting = meta.resetting ?? null;
    if (response.reset) resetting = { id: randomClientId(), keeping: await tx.holdsRows() };
    const shadows = new Map((await tx.listShadows()).map((s) => [s.key, s]));
    await applyChanges(tx, response, shadows);
    const keeping = resetting?.keeping === true ? resetting : null;
    const marks = keeping && !response.reset && this.resetMarks?.id === keeping.id ? this.resetMarks.keys : null;
    if (keeping && !response.reset && !marks) {
      // This reset's marks are not here: keep the page (newer rows), and start the reset over.
      await tx.setMeta({ ...meta, cursor: null, resetting });
      return { marked: null, finished: false, restart: true };
    }
    const delivered = keeping ? response.changes.filter((c) => c.op === 'put').map((c) => rowKey(c.entity, c.id)) : [];
    const done = !response.more;
    if (keeping && done) {
      const pageKeys = new Set(delivered);
      await sweepAfterReset(tx, shadows, (key) => pageKeys.has(key) || (marks?.has(key) ?? false));
    }
    const finishedReset = done && resetting !== null;
    if (done) resetting = null;
    // The server's last applied id covers only what this device sent. More than that was pushed by
    // another device with this client id (a restored backup of this browser's storage, a cloned
    // phone): taking this device's unsent changes with those numbers off the outbox as applied
    // would lose them without a word. They stay, and this device becomes a new client.
    const sent = meta.pushedThrough ?? meta.nextMutationId - 1;
    const appliedThrough = Math.min(response.lastMutationId, sent);
    const reused = done && response.lastMutationId > sent;
    if (done) {
      const outbox = await tx.listOutbox();
      const acked = outbox.filter((m) => m.id <= appliedThrough);
      if (acked.length > 0) {
        await tx.deleteOutbox(acked.map((m) => m.id));
        const byId = new Map(acked.map((m) => [m.id, m]));
        await tx.addRefused(
          response.refused
            .filter((r) => byId.has(r.id))
            .map((r) => ({
              ...r,
              // What the person made, exactly: the server's record of the args may be trimmed or absent.
              args: byId.get(r.id)?.args ?? r.args,
              clientTime: byId.get(r.id)?.clientTime ?? null,
              actorId: byId.get(r.id)?.actorId ?? null,
            })),
        );
      }
      const rebase = shadows.size > 0 || acked.length > 0 || (finishedReset && outbox.length > acked.length);
      if (rebase)
        await this.rebase(
          tx,
          outbox.filter((m) => m.id > appliedThrough),
        );
    }
    const next = {
      ...meta,
      cursor: response.cursor,
      lastSyncedAt: done ? this.context().now : meta.lastSyncedAt,
      resetting,
    };
    if (reused) {
      await becomeNewClient(tx, next, this.newClientId(), appliedThrough + 1);
      return { marked: null, finished: false, restart: false, becameNewClient: true };
    }
    await tx.setMeta(next);
    return { marked: keeping ? { id: keeping.id, keys: delivered } : null, finished: finishedReset, restart: false };
  }

  /** Server state first, then the still-pending changes replayed on top, in order. */
  private async rebase(tx: StoreTx, pending: OutboxEntry[]): Promise<void> {
    for (const s of await tx.listShadows()) {
      if (s.row) await tx.putRows(s.entity, [s.row]);
      else await tx.deleteRows(s.entity, [s.id]);
    }
    await tx.clearShadows();
    for (const m of pending) {
      const mutator = this.mutators[m.name] as (
        tx: ReturnType<typeof trackingTx>,
        args: unknown,
        ctx: MutatorContext,
      ) => Promise<void>;
      try {
        // Replayed as the person who made it (crew mode: not necessarily who holds the phone now).
        await mutator(trackingTx(tx), m.args, { ...this.context(m.actorId), now: m.clientTime });
      } catch (error) {
        // No longer applicable on the new server state; the server will refuse it and say why.
        if (!(error instanceof AppError)) throw error;
      }
    }
  }
}

/**
 * The end of a reset that kept the device's rows: a row the reset did not deliver is no longer the
 * device's. Its shadow (a pending change sits on it) says the server has no such row, so the
 * rebase that follows shows what the pending changes make of that; every other such row goes.
 */
async function sweepAfterReset(
  tx: StoreTx,
  shadows: Map<string, Shadow>,
  delivered: (key: string) => boolean,
): Promise<void> {
  const keep = new Set<string>();
  for (const shadow of shadows.values()) {
    if (delivered(shadow.key)) keep.add(shadow.key);
    else if (shadow.row !== null) {
      const gone: Shadow = { ...shadow, row: null };
      await tx.putShadow(gone);
      shadows.set(shadow.key, gone);
    }
  }
  await tx.sweepRowsExcept((key) => keep.has(key) || delivered(key));
}

async function applyChanges(tx: StoreTx, response: PullResponse, shadows: Map<string, Shadow>): Promise<void> {
  const puts = new Map<EntityName, Row[]>();
  const dels = new Map<EntityName, string[]>();
  for (const change of response.changes) {
    const shadow = shadows.get(rowKey(change.entity, change.id));
    if (shadow) {
      // A pending change sits on this row: update the server version under it; rebase shows it.
      const next: Shadow = { ...shadow, row: change.op === 'put' ? { ...change.row, id: change.id } : null };
      await tx.putShadow(next);
      shadows.set(shadow.key, next);
    } else if (change.op === 'put') {
      const rows = puts.get(change.entity) ?? [];
      rows.push({ ...change.row, id: change.id });
      puts.set(change.entity, rows);
    } else {
      const ids = dels.get(change.entity) ?? [];
      ids.push(change.id);
      dels.set(change.entity, ids);
    }
  }
  for (const [entity, rows] of puts) await tx.putRows(entity, rows);
  for (const [entity, ids] of dels) await tx.deleteRows(entity, ids);
}
