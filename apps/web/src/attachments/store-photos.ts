import { checkPhoto, newId, type AddAttachmentArgs, type PhotoLocation, type PhotoSettings } from '@lastmile/domain';
import { serverMessage } from '../i18n/index.ts';
import type { AppDb } from '../local-db/app-db.ts';
import type { SyncRuntime } from '../sync/sync-runtime.ts';
import { PhotoDecodeError, processPhoto } from './process/process-photo.ts';
import { forgetPhoto } from './forget-photo.ts';
import { sha256Hex } from './sha256.ts';
import { currentLocation } from './where-am-i.ts';

/** What a photo belongs to, as the screen that took it knows it. */
export type PhotoTarget =
  | { kind: 'job'; jobId: string }
  | { kind: 'answer'; jobId: string; responseId: string; fieldKey: string }
  | { kind: 'item'; itemId: string; jobId: string | null }
  | { kind: 'message'; jobId: string; messageId: string };

export type StoreResult = { stored: string[]; refused: { name: string; reason: string }[] };

type Processed = {
  location?: PhotoLocation | null;
  blob: Blob;
  thumb: Blob;
  contentType: string;
  width: number;
  height: number;
  sha256: string;
  capturedAt: string;
};

function targetArgs(
  target: PhotoTarget,
): Pick<AddAttachmentArgs, 'kind' | 'jobId' | 'itemId' | 'messageId' | 'responseId' | 'fieldKey'> {
  const none = { itemId: null, messageId: null, responseId: null, fieldKey: null };
  switch (target.kind) {
    case 'job':
      return { ...none, kind: 'job', jobId: target.jobId };
    case 'answer':
      return { ...none, kind: 'answer', jobId: target.jobId, responseId: target.responseId, fieldKey: target.fieldKey };
    case 'item':
      return { ...none, kind: 'item', jobId: target.jobId, itemId: target.itemId };
    case 'message':
      return { ...none, kind: 'message', jobId: target.jobId, messageId: target.messageId };
  }
}

/**
 * Keeps one processed photo on this device and queues it: the bytes (and thumbnail) in `_blobs`,
 * an upload entry in `_uploads`, then the record by an ordinary mutation. The bytes go first: a
 * crash in between leaves an orphan blob (the upload queue drops it once the server has no record either), never a
 * record whose bytes are gone.
 */
async function keep(
  db: AppDb,
  sync: SyncRuntime,
  photo: Processed,
  target: PhotoTarget,
  caption: string,
): Promise<string> {
  const id = newId();
  const now = new Date().toISOString();
  const args = targetArgs(target);
  await db.transaction('rw', db._blobs, db._uploads, async () => {
    await db._blobs.put({
      id,
      full: photo.blob,
      thumb: photo.thumb,
      contentType: photo.contentType,
      size: photo.blob.size,
      storedAt: now,
      droppedAt: null,
    });
    await db._uploads.put({
      id,
      jobId: args.jobId,
      size: photo.blob.size,
      sent: 0,
      state: 'waiting',
      attempts: 0,
      notBefore: 0,
      error: null,
      createdAt: now,
    });
  });
  try {
    await sync.mutate('addAttachment', {
      id,
      ...args,
      contentType: photo.contentType as AddAttachmentArgs['contentType'],
      size: photo.blob.size,
      sha256: photo.sha256,
      width: photo.width,
      height: photo.height,
      caption,
      capturedAt: photo.capturedAt,
      location: photo.location ?? null,
    });
  } catch (error) {
    await forgetPhoto(db, id);
    throw error;
  }
  return id;
}

async function photosOnJob(db: AppDb, { jobId }: PhotoTarget): Promise<number> {
  return jobId ? db.attachments.where('jobId').equals(jobId).count() : 0;
}

/**
 * Photos picked or taken, one after another (a 12-megapixel bitmap at a time is what a phone can
 * hold): processed off the main thread, checked against the organization's limits, kept and
 * queued. The originals are never stored. Offline all the way.
 */
export async function storePhotos(
  db: AppDb,
  sync: SyncRuntime,
  settings: PhotoSettings,
  files: readonly File[],
  target: PhotoTarget,
  messages: { notAPhoto: string },
): Promise<StoreResult> {
  const result: StoreResult = { stored: [], refused: [] };
  // Asked once per batch, while the first photo is processed; only if the organization keeps it.
  const where = settings.keepLocation ? currentLocation() : Promise.resolve(null);
  for (const file of files) {
    try {
      const processed = await processPhoto(file, { longEdge: settings.longEdge, encodeAs: settings.encodeAs });
      const photo = { ...processed, location: await where };
      const refusal = checkPhoto(
        settings,
        { size: photo.blob.size, contentType: photo.contentType },
        await photosOnJob(db, target),
      );
      if (refusal) {
        result.refused.push({ name: file.name, reason: serverMessage(refusal.detail, refusal.reason) });
        continue;
      }
      result.stored.push(await keep(db, sync, photo, target, ''));
    } catch (error) {
      const reason =
        error instanceof PhotoDecodeError ? messages.notAPhoto : error instanceof Error ? error.message : String(error);
      result.refused.push({ name: file.name, reason });
    }
  }
  return result;
}

/** A drawn signature: a small PNG kept as is (no re-encoding: its transparency and sharp lines matter). */
export async function storeSignature(
  db: AppDb,
  sync: SyncRuntime,
  png: Blob,
  target: Extract<PhotoTarget, { kind: 'answer' }>,
): Promise<string> {
  const bitmap = await createImageBitmap(png);
  const { width, height } = bitmap;
  bitmap.close();
  const photo: Processed = {
    blob: png,
    thumb: png,
    contentType: 'image/png',
    width,
    height,
    sha256: await sha256Hex(png),
    capturedAt: new Date().toISOString(),
  };
  return keep(db, sync, photo, target, '');
}
