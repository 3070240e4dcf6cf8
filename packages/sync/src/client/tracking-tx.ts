import type { MutatorTx } from '@lastmile/domain';
import { rowKey, type StoreTx } from './store.ts';

/**
 * The view an optimistic mutator writes through. Before a row is first changed by a pending
 * mutation, its server version is saved as a shadow, so the change can be undone when the
 * server's answer arrives (rebase) without keeping a second copy of every row.
 */
export function trackingTx(tx: StoreTx): MutatorTx {
  const seen = new Set<string>();
  async function shadow(entity: Parameters<MutatorTx['delete']>[0], id: string): Promise<void> {
    const key = rowKey(entity, id);
    if (seen.has(key)) return;
    seen.add(key);
    if (await tx.getShadow(key)) return;
    const current = await tx.getRow(entity, id);
    await tx.putShadow({ key, entity, id, row: current ?? null });
  }
  return {
    // Rows in the store are the wire rows the server sent for that entity.
    get: async (entity, id) => (await tx.getRow(entity, id)) as never,
    put: async (entity, row) => {
      await shadow(entity, row.id);
      await tx.putRows(entity, [row]);
    },
    delete: async (entity, id) => {
      await shadow(entity, id);
      await tx.deleteRows(entity, [id]);
    },
  };
}
