import type { AppDb } from '../local-db/app-db.ts';

/** Above this share of the browser's quota the phone warns, and frees space it safely can. */
export const STORAGE_WARN_RATIO = 0.8;
const FREE_DOWN_TO_RATIO = 0.7;

export type StorageUse = { usage: number; quota: number; ratio: number } | null;

export async function storageUse(): Promise<StorageUse> {
  const storage = navigator.storage as StorageManager | undefined;
  if (!storage?.estimate) return null;
  const { usage = 0, quota = 0 } = await storage.estimate();
  return quota > 0 ? { usage, quota, ratio: usage / quota } : null;
}

/**
 * Under storage pressure, drops the full-size copies of photos the server has verified (oldest
 * first), keeping their thumbnails; the viewer then loads the full photo from the server. A
 * photo not yet verified is never touched: on this phone it is the only copy. Returns the bytes freed.
 */
export async function freeSpaceIfNeeded(db: AppDb, use: StorageUse = null): Promise<number> {
  const current = use ?? (await storageUse());
  if (!current || current.ratio < STORAGE_WARN_RATIO) return 0;
  let toFree = current.usage - current.quota * FREE_DOWN_TO_RATIO;
  let freed = 0;
  const blobs = await db._blobs.toArray();
  blobs.sort((a, b) => a.storedAt.localeCompare(b.storedAt));
  for (const blob of blobs) {
    if (toFree <= 0) break;
    if (!blob.full) continue;
    const [record, upload] = await Promise.all([db.attachments.get(blob.id), db._uploads.get(blob.id)]);
    if (record?.state !== 'available' || upload) continue;
    await db._blobs.update(blob.id, { full: null, droppedAt: new Date().toISOString() });
    toFree -= blob.size;
    freed += blob.size;
  }
  return freed;
}
