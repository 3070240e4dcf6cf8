import { ERROR_CODES } from '@lastmile/domain';
import type { StoreTx, SyncMeta } from './store.ts';
import { SyncHttpError } from './transport.ts';

/**
 * When a push was answered `409 client_id_reused` (another device pushes with this client id: a
 * restored backup of this browser's storage, a cloned device), the first id of this device's
 * outbox the server does not hold as this device's change: the server names it; an older server's
 * answer without it means the batch's first. Null for any other answer.
 */
export function reusedFrom(error: unknown, batchFirstId: number): number | null {
  if (!(error instanceof SyncHttpError) || error.code !== ERROR_CODES.clientIdReused) return null;
  const named = error.detail?.params?.['mutationId'];
  return typeof named === 'number' ? named : batchFirstId;
}

/**
 * Makes this device a new client, in one transaction: a new client id, its pending changes
 * numbered 1, 2, 3… in their order (the server expects a new client's first change to be 1), and
 * no cursor, so that its next pull is a full reset, as a new device's first one is (the server
 * then knows what this client has seen, which its checks of the pushes rely on).
 *
 * The changes before `from` are not pending: the server applied them as this device's (earlier
 * batches of the push, or replays it recognised as the ones it applied), so pushing them again
 * under the new id would apply them twice. They go, as a pull would have removed them.
 */
export async function becomeNewClient(tx: StoreTx, meta: SyncMeta, clientId: string, from: number): Promise<void> {
  const outbox = await tx.listOutbox();
  const pending = outbox.filter((m) => m.id >= from);
  await tx.deleteOutbox(outbox.map((m) => m.id));
  for (const [index, m] of pending.entries()) await tx.addOutbox({ ...m, id: index + 1 });
  await tx.setMeta({
    ...meta,
    clientId,
    nextMutationId: pending.length + 1,
    pushedThrough: 0,
    cursor: null,
    resetting: null,
  });
}
