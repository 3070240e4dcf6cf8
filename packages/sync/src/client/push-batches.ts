import { MAX_PUSH_BYTES } from '../protocol.ts';
import type { OutboxEntry } from './store.ts';

/** Room left in a push body for its envelope: schema version, client id, the device report. */
const ENVELOPE_BYTES = 64 * 1024;

const utf8 = new TextEncoder();

/**
 * Splits the outbox into consecutive batches of at most `maxCount` changes whose JSON stays under
 * the server's body limit. Counting alone is not enough: a hundred edits of a long repeatable
 * group (each edit carries the whole group) can exceed it, and the server answers such a push 413
 * every time — the outbox would never drain. A single change over the limit still goes alone.
 */
export function pushBatches(
  outbox: readonly OutboxEntry[],
  maxCount: number,
  maxBytes = MAX_PUSH_BYTES - ENVELOPE_BYTES,
): OutboxEntry[][] {
  const batches: OutboxEntry[][] = [];
  let batch: OutboxEntry[] = [];
  let bytes = 0;
  for (const entry of outbox) {
    // +1 for the comma between array elements.
    const size = utf8.encode(JSON.stringify(entry)).length + 1;
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
