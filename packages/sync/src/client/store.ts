import type { EntityName, MutatorName } from '@lastmile/domain';
import type { Cursor } from '../protocol.ts';
import type { SyncTrouble } from './trouble.ts';

export type Row = { id: string } & Record<string, unknown>;

/** A change still only on this device. */
export type OutboxEntry = {
  id: number;
  name: MutatorName;
  args: unknown;
  clientTime: string;
  baseVersion: number;
  /** The person who made the change (crew mode: whoever held the phone). */
  actorId: string;
};

/** A change the server refused, kept until the person has seen it. */
export type RefusedEntry = {
  id: number;
  name: string;
  args: unknown;
  code: string;
  reason: string;
  clientTime: string | null;
  actorId: string | null;
  processedAt: string;
};

/** The server's version of a row a pending change has modified locally (null: did not exist). */
export type Shadow = { key: string; entity: EntityName; id: string; row: Row | null };

export type SyncMeta = {
  clientId: string;
  nextMutationId: number;
  cursor: Cursor | null;
  lastSyncedAt: string | null;
  /**
   * The highest mutation id this client has sent in a push, written before the push goes out.
   * A pull that says the server applied more than this was answered for another device pushing
   * with this client id (sync-client.ts, `applyPull`). Absent in metas stored before it existed:
   * then every change this client numbered counts as sent.
   */
  pushedThrough?: number;
  /** The server keeps failing a sync step (absent in metas stored before it existed). */
  trouble?: SyncTrouble | null;
  /**
   * A reset is under way (its first page arrived, its last not yet). `keeping`: the device held
   * rows when it started, and keeps them until its last page (sync-client.ts, `applyPull`); the
   * rows its pages delivered are known, in memory, to the client that pulled them under this `id`.
   * Absent or null otherwise.
   */
  resetting?: { id: string; keeping: boolean } | null;
};

/** One atomic unit of work on the device's storage: all of it commits, or none of it. */
export interface StoreTx {
  getRow(entity: EntityName, id: string): Promise<Row | undefined>;
  putRows(entity: EntityName, rows: Row[]): Promise<void>;
  deleteRows(entity: EntityName, ids: string[]): Promise<void>;
  /** Whether the device holds any replicated row or any shadow. */
  holdsRows(): Promise<boolean>;
  /** Deletes every replicated row whose `rowKey` `keep` does not accept. */
  sweepRowsExcept(keep: (key: string) => boolean): Promise<void>;
  getShadow(key: string): Promise<Shadow | undefined>;
  putShadow(shadow: Shadow): Promise<void>;
  listShadows(): Promise<Shadow[]>;
  clearShadows(): Promise<void>;
  listOutbox(): Promise<OutboxEntry[]>;
  addOutbox(entry: OutboxEntry): Promise<void>;
  deleteOutbox(ids: number[]): Promise<void>;
  addRefused(entries: RefusedEntry[]): Promise<void>;
  deleteRefused(ids: number[]): Promise<void>;
  getMeta(): Promise<SyncMeta | undefined>;
  setMeta(meta: SyncMeta): Promise<void>;
}

/**
 * What the sync client needs from storage. `transact` must be atomic and must not be held
 * across network calls (the engine never awaits the network inside it).
 */
export interface ClientStore {
  transact<T>(fn: (tx: StoreTx) => Promise<T>): Promise<T>;
  listOutbox(): Promise<OutboxEntry[]>;
  listRefused(): Promise<RefusedEntry[]>;
  dismissRefused(ids: number[]): Promise<void>;
  getMeta(): Promise<SyncMeta | undefined>;
}

export function rowKey(entity: EntityName, id: string): string {
  return `${entity}:${id}`;
}
