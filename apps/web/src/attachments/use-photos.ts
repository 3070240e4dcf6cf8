import type { AttachmentRow } from '@lastmile/domain';
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useMemo } from 'react';
import type { AppDb } from '../local-db/app-db.ts';
import type { UploadEntry } from '../local-db/attachment-tables.ts';
import { holdObjectUrl, objectUrlFor } from './object-urls.ts';

/** Where a photo stands, as this device knows it. */
export type PhotoState =
  | { kind: 'uploaded' }
  | { kind: 'waiting' } // only on this phone, in the upload queue
  | { kind: 'failed'; reason: string }
  | { kind: 'elsewhere' }; // taken on another phone, its bytes not on the server yet

export type PhotoView = {
  row: AttachmentRow;
  state: PhotoState;
  /** The photo's bytes or thumbnail from this device, when it has them. */
  localThumb: Blob | null;
  localFull: Blob | null;
};

function stateOf(row: AttachmentRow, upload: UploadEntry | undefined): PhotoState {
  if (upload?.state === 'failed') return { kind: 'failed', reason: upload.error ?? '' };
  if (upload) return { kind: 'waiting' };
  return row.state === 'available' ? { kind: 'uploaded' } : { kind: 'elsewhere' };
}

async function viewsOf(db: AppDb, rows: AttachmentRow[]): Promise<PhotoView[]> {
  const ids = rows.map((r) => r.id);
  const [blobs, uploads] = await Promise.all([db._blobs.bulkGet(ids), db._uploads.bulkGet(ids)]);
  return rows.map((row, i) => ({
    row,
    state: stateOf(row, uploads[i]),
    localThumb: blobs[i]?.thumb ?? null,
    localFull: blobs[i]?.full ?? null,
  }));
}

const byCapture = (a: AttachmentRow, b: AttachmentRow) =>
  a.capturedAt.localeCompare(b.capturedAt) || a.id.localeCompare(b.id);

/** A form answer's photos, in the answer's order (ids whose record is not here yet are left out). */
export function usePhotosByIds(db: AppDb, ids: readonly string[]): PhotoView[] | undefined {
  const key = ids.join(',');
  return useLiveQuery(async () => {
    const rows = (await db.attachments.bulkGet([...ids])).filter((r): r is AttachmentRow => r !== undefined);
    return viewsOf(db, rows);
  }, [db, key]);
}

/** Every photo of a job (its own, its forms', its thread's and its items'), oldest first. */
export function useJobPhotos(db: AppDb, jobId: string): PhotoView[] | undefined {
  return useLiveQuery(
    async () => viewsOf(db, (await db.attachments.where('jobId').equals(jobId).toArray()).sort(byCapture)),
    [db, jobId],
  );
}

/** An outstanding item's photos. */
export function useItemPhotos(db: AppDb, itemId: string): PhotoView[] | undefined {
  return useLiveQuery(
    async () => viewsOf(db, (await db.attachments.where('itemId').equals(itemId).toArray()).sort(byCapture)),
    [db, itemId],
  );
}

/** An object URL for a blob, revoked when the blob changes or the component goes. */
export function useObjectUrl(blob: Blob | null): string | null {
  const url = blob ? objectUrlFor(blob) : null;
  useEffect(() => (blob ? holdObjectUrl(blob) : undefined), [blob]);
  return url;
}

/** What an <img> shows for a photo: this device's copy first, else the server's (once uploaded). */
export function usePhotoSrc(view: PhotoView, size: 'thumb' | 'full'): string | null {
  const local = useObjectUrl(size === 'thumb' ? (view.localThumb ?? view.localFull) : (view.localFull ?? null));
  return useMemo(() => {
    if (local) return local;
    if (view.row.state !== 'available') return null;
    return size === 'thumb' ? `/api/attachments/${view.row.id}/thumbnail` : `/api/attachments/${view.row.id}`;
  }, [local, size, view.row.id, view.row.state]);
}
