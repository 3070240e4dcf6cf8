import type { EntityName } from '@lastmile/domain';
import {
  rowKey,
  type ClientStore,
  type OutboxEntry,
  type RefusedEntry,
  type Row,
  type Shadow,
  type StoreTx,
  type SyncMeta,
} from './store.ts';

type State = {
  rows: Map<string, Row>;
  shadows: Map<string, Shadow>;
  outbox: Map<number, OutboxEntry>;
  refused: Map<number, RefusedEntry>;
  meta: SyncMeta | undefined;
};

function copy(state: State): State {
  return {
    rows: new Map(state.rows),
    shadows: new Map(state.shadows),
    outbox: new Map(state.outbox),
    refused: new Map(state.refused),
    meta: state.meta && { ...state.meta },
  };
}

/**
 * An in-memory store for tests and simulations. Transactions work on a copy that replaces the
 * state only when the callback succeeds, like IndexedDB's all-or-nothing commit; they are
 * serialized, like IndexedDB's overlapping readwrite transactions.
 */
export class MemoryStore implements ClientStore {
  private state: State = {
    rows: new Map(),
    shadows: new Map(),
    outbox: new Map(),
    refused: new Map(),
    meta: undefined,
  };
  private queue: Promise<unknown> = Promise.resolve();

  transact<T>(fn: (tx: StoreTx) => Promise<T>): Promise<T> {
    const run = async () => {
      const draft = copy(this.state);
      const result = await fn(memoryTx(draft));
      this.state = draft;
      return result;
    };
    const next = this.queue.then(run, run);
    this.queue = next.catch(() => undefined);
    return next;
  }

  listOutbox(): Promise<OutboxEntry[]> {
    return Promise.resolve([...this.state.outbox.values()].sort((a, b) => a.id - b.id));
  }
  listRefused(): Promise<RefusedEntry[]> {
    return Promise.resolve([...this.state.refused.values()].sort((a, b) => a.id - b.id));
  }
  dismissRefused(ids: number[]): Promise<void> {
    return this.transact((tx) => tx.deleteRefused(ids));
  }
  getMeta(): Promise<SyncMeta | undefined> {
    return Promise.resolve(this.state.meta && { ...this.state.meta });
  }

  /** Every replicated row, for assertions: `entity:id` → row. */
  snapshotRows(): Map<string, Row> {
    return new Map(this.state.rows);
  }
}

function memoryTx(s: State): StoreTx {
  return {
    getRow: async (entity, id) => s.rows.get(rowKey(entity, id)),
    putRows: async (entity, rows) => {
      for (const row of rows) s.rows.set(rowKey(entity, row.id), row);
    },
    deleteRows: async (entity: EntityName, ids) => {
      for (const id of ids) s.rows.delete(rowKey(entity, id));
    },
    holdsRows: async () => s.rows.size > 0 || s.shadows.size > 0,
    sweepRowsExcept: async (keep) => {
      for (const key of s.rows.keys()) if (!keep(key)) s.rows.delete(key);
    },
    getShadow: async (key) => s.shadows.get(key),
    putShadow: async (shadow) => void s.shadows.set(shadow.key, shadow),
    listShadows: async () => [...s.shadows.values()],
    clearShadows: async () => s.shadows.clear(),
    listOutbox: async () => [...s.outbox.values()].sort((a, b) => a.id - b.id),
    addOutbox: async (entry) => void s.outbox.set(entry.id, entry),
    deleteOutbox: async (ids) => {
      for (const id of ids) s.outbox.delete(id);
    },
    addRefused: async (entries) => {
      for (const e of entries) s.refused.set(e.id, e);
    },
    deleteRefused: async (ids) => {
      for (const id of ids) s.refused.delete(id);
    },
    getMeta: async () => s.meta && { ...s.meta },
    setMeta: async (meta) => {
      s.meta = { ...meta };
    },
  };
}
