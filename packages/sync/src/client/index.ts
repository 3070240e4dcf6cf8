export { SyncClient, type SyncClientOptions } from './sync-client.ts';
export { SyncLoop, type LoopState, type SyncLoopOptions } from './sync-loop.ts';
export { MemoryStore } from './memory-store.ts';
export { isStuck, nextTrouble, STUCK_AFTER_ATTEMPTS, type SyncTrouble } from './trouble.ts';
export { SyncHttpError, classifyFailure, type SyncTransport, type SyncFailure } from './transport.ts';
export {
  rowKey,
  type ClientStore,
  type StoreTx,
  type OutboxEntry,
  type RefusedEntry,
  type Shadow,
  type SyncMeta,
  type Row,
} from './store.ts';
