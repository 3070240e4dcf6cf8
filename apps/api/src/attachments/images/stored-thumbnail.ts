import type { AttachmentRow } from '@lastmile/domain';
import { blobKeys } from '../attachment-records.ts';
import type { BlobStore } from '../storage/blob-store.ts';
import type { StoredBlob } from '../storage/blob-store.ts';
import { makeThumbnail } from './thumbnail.ts';

/** The bytes are gone from the store although the record says they were verified. */
export class MissingBlobError extends Error {
  constructor(key: string) {
    super(`the stored photo ${key} is missing`);
    this.name = 'MissingBlobError';
  }
}

/**
 * A verified photo's server thumbnail (WebP, long edge 320 px): the stored one, or made from the
 * original on first use and kept beside it, so the office's lists and the PDF report make it once.
 */
export async function storedThumbnail(
  blobs: BlobStore,
  row: Pick<AttachmentRow, 'orgId' | 'id'>,
): Promise<StoredBlob | { bytes: Buffer }> {
  const key = blobKeys.thumbnail(row);
  const thumb = await blobs.get(key);
  if (thumb) return thumb;
  const original = await blobs.get(blobKeys.original(row));
  if (!original) throw new MissingBlobError(blobKeys.original(row));
  const bytes = await makeThumbnail(original.body);
  await blobs.putBytes(key, bytes, 'image/webp');
  return { bytes };
}
