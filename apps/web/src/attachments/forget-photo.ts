import type { AppDb } from '../local-db/app-db.ts';

/** Drops a photo's bytes and upload from this device (after it was deleted, or never recorded). */
export async function forgetPhoto(db: AppDb, id: string): Promise<void> {
  await db.transaction('rw', db._blobs, db._uploads, async () => {
    await db._blobs.delete(id);
    await db._uploads.delete(id);
  });
}
