import type { AppDb } from '../local-db/app-db.ts';
import type { SyncRuntime } from '../sync/sync-runtime.ts';
import { forgetPhoto } from './forget-photo.ts';

/** A retake or a mistake: the record goes (everywhere, by sync), its upload stops, its bytes leave this phone. */
export async function deletePhoto(db: AppDb, sync: SyncRuntime, id: string): Promise<void> {
  await sync.mutate('deleteAttachment', { id });
  await sync.uploads.cancel(id);
  await forgetPhoto(db, id);
}

export async function captionPhoto(sync: SyncRuntime, id: string, caption: string): Promise<void> {
  await sync.mutate('setAttachmentCaption', { id, caption });
}
