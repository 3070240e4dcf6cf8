import type Dexie from 'dexie';
import { ENTITY_NAMES, type EntityName } from '@lastmile/domain';
import {
  rowKey,
  type ClientStore,
  type OutboxEntry,
  type RefusedEntry,
  type Row,
  type StoreTx,
  type SyncMeta,
} from '@lastmile/sync/client';
import type { AppDb } from '../local-db/app-db.ts';

const META_KEY = 'sync';

/**
 * Rows written per IndexedDB batch inside one transaction. Each batch's structured clones and
 * Dexie bookkeeping run in one task; the next batch starts from the last one's success event, a
 * new task, so a pulled page of 500 jobs is several short tasks on a slow phone rather than one
 * of half a second (issue 10 point 2). The transaction stays open between batches (a request is
 * always pending), so the page and its cursor still commit together or not at all.
 */
export const WRITE_BATCH = 100;

async function inBatches<T>(items: T[], write: (batch: T[]) => Promise<unknown>): Promise<void> {
  for (let start = 0; start < items.length; start += WRITE_BATCH) {
    await write(items.slice(start, start + WRITE_BATCH));
  }
}

function isLostConnection(error: unknown): boolean {
  const e = error as { name?: string; message?: string; inner?: { message?: string } } | null;
  return (
    e?.name === 'DatabaseClosedError' ||
    /Connection to Indexed Database server lost/i.test(`${e?.message ?? ''} ${e?.inner?.message ?? ''}`)
  );
}

/**
 * The sync engine's storage in IndexedDB. Every `transact` is one readwrite Dexie transaction
 * over the entity tables and the sync tables, so an optimistic row and its outbox entry (or a
 * pulled page and its new cursor) commit together or not at all. The engine never awaits the
 * network inside it.
 */
export class DexieStore implements ClientStore {
  constructor(private readonly db: AppDb) {}

  private tables() {
    return [
      ...ENTITY_NAMES.map((e) => this.db.entityTable(e)),
      this.db._outbox,
      this.db._refused,
      this.db._shadows,
      this.db._meta,
    ];
  }

  async transact<T>(fn: (tx: StoreTx) => Promise<T>): Promise<T> {
    // The scope must be an async function: Dexie keeps the transaction alive across its awaits only then.
    const run = () => this.db.transaction('rw', this.tables(), async () => fn(this.storeTx()));
    try {
      return await run();
    } catch (error) {
      if (!isLostConnection(error)) throw error;
      // WebKit drops IndexedDB connections ("Connection to Indexed Database server lost"), and a
      // closed database refuses work: reopen once and retry. The failed transaction wrote nothing.
      if (!this.db.isOpen()) await this.db.open();
      return run();
    }
  }

  listOutbox(): Promise<OutboxEntry[]> {
    return this.db._outbox.orderBy('id').toArray();
  }
  listRefused(): Promise<RefusedEntry[]> {
    return this.db._refused.orderBy('id').toArray();
  }
  async dismissRefused(ids: number[]): Promise<void> {
    await this.db._refused.bulkDelete(ids);
  }
  async getMeta(): Promise<SyncMeta | undefined> {
    return (await this.db._meta.get(META_KEY))?.value;
  }

  private storeTx(): StoreTx {
    const db = this.db;
    const table = (entity: EntityName) => db.entityTable(entity) as unknown as Dexie.Table<Row, string>;
    return {
      getRow: (entity, id) => table(entity).get(id),
      putRows: (entity, rows) => inBatches(rows, (batch) => table(entity).bulkPut(batch)),
      deleteRows: (entity, ids) => inBatches(ids, (batch) => table(entity).bulkDelete(batch)),
      holdsRows: async () => {
        for (const e of ENTITY_NAMES) if ((await table(e).limit(1).primaryKeys()).length > 0) return true;
        return (await db._shadows.limit(1).primaryKeys()).length > 0;
      },
      sweepRowsExcept: async (keep) => {
        // Keys only, never the rows: an office device holds tens of thousands.
        for (const e of ENTITY_NAMES) {
          const ids = await table(e).toCollection().primaryKeys();
          await inBatches(
            ids.filter((id) => !keep(rowKey(e, id))),
            (batch) => table(e).bulkDelete(batch),
          );
        }
      },
      getShadow: (key) => db._shadows.get(key),
      putShadow: async (shadow) => {
        await db._shadows.put(shadow);
      },
      listShadows: () => db._shadows.toArray(),
      clearShadows: () => db._shadows.clear(),
      listOutbox: () => db._outbox.orderBy('id').toArray(),
      addOutbox: async (entry) => {
        await db._outbox.add(entry);
      },
      deleteOutbox: (ids) => db._outbox.bulkDelete(ids),
      addRefused: async (entries) => {
        await db._refused.bulkPut(entries);
      },
      deleteRefused: (ids) => db._refused.bulkDelete(ids),
      getMeta: async () => (await db._meta.get(META_KEY))?.value,
      setMeta: async (value) => {
        await db._meta.put({ key: META_KEY, value });
      },
    };
  }
}
