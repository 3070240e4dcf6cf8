import { MAX_PUSH_BYTES } from '../protocol.ts';
import type { OutboxEntry } from './store.ts';

/** Room left in a push body for its envelope: schema version, client id, the device report. */
const ENVELOPE_BYTES = 64 * 1024;

/** The largest change a push can carry: one alone in a push, with its envelope, under the limit. */
export const MAX_CHANGE_BYTES = MAX_PUSH_BYTES - ENVELOPE_BYTES;

const utf8 = new TextEncoder();

/** A change's size in a push body (its JSON, UTF-8). */
export function changeBytes(change: unknown): number {
  return utf8.encode(JSON.stringify(change)).length;
}

/**
 * Splits the outbox into consecutive batches of at most `maxCount` changes whose JSON stays under
 * the server's body limit. Counting alone is not enough: a hundred edits of a long repeatable
 * group (each edit carries the whole group) can exceed it, and the server answers such a push 413
 * every time — the outbox would never drain. A single change over the limit still goes alone (the
 * client refuses to queue one: SyncClient.mutate).
 */
export function pushBatches(
  outbox: readonly OutboxEntry[],
  maxCount: number,
  maxBytes = MAX_CHANGE_BYTES,
): OutboxEntry[][] {
  const batches: OutboxEntry[][] = [];
  let batch: OutboxEntry[] = [];
  let bytes = 0;
  for (const entry of outbox) {
    // +1 for the comma between array elements.
    const size = changeBytes(entry) + 1;
    if (batch.length > 0 && (batch.length >= maxCount || bytes + size > maxBytes)) {
      batches.push(batch);
      batch = [];
      bytes = 0;
    }
    batch.push(entry);
    bytes += size;
  }
  if (batch.length > 0) batches.push(batch);
  return batches;
}
