import type { Readable } from 'node:stream';
import sharp from 'sharp';
import type { JobReport } from '@lastmile/domain';
import { blobKeys } from '../attachments/attachment-records.ts';
import { storedThumbnail } from '../attachments/images/stored-thumbnail.ts';
import type { BlobStore } from '../attachments/storage/blob-store.ts';

/** Decoded images for the PDF, by attachment id; a photo whose bytes cannot be read is simply absent. */
export type ReportImages = ReadonlyMap<string, Buffer>;

/** Past this many, the report lists the rest by caption: a report is not a photo album. */
export const MAX_REPORT_PHOTOS = 120;

async function collect(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks);
}

/** pdfkit draws JPEG and PNG only: the WebP server thumbnail is re-encoded as a small JPEG. */
async function photoJpeg(blobs: BlobStore, orgId: string, id: string): Promise<Buffer> {
  const thumb = await storedThumbnail(blobs, { orgId, id });
  const webp = 'bytes' in thumb ? thumb.bytes : await collect(thumb.body);
  return sharp(webp).flatten({ background: '#ffffff' }).jpeg({ quality: 80 }).toBuffer();
}

/** A signature keeps its transparency (PNG), scaled to a sensible size for a signature box. */
async function signaturePng(blobs: BlobStore, orgId: string, id: string): Promise<Buffer | null> {
  const original = await blobs.get(blobKeys.original({ orgId, id }));
  if (!original) return null;
  return sharp(await collect(original.body))
    .resize({ width: 600, height: 240, fit: 'inside', withoutEnlargement: true })
    .png()
    .toBuffer();
}

/** Runs `work` over `items`, at most `limit` at once (sharp is CPU-bound; the machine has few cores). */
async function eachLimited<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/**
 * The photos (as thumbnails) and signatures a report draws. One unreadable image (bytes lost,
 * a corrupt file) leaves a captioned gap rather than failing the whole report.
 */
export async function loadReportImages(
  blobs: BlobStore,
  orgId: string,
  report: JobReport,
  onError: (id: string, error: unknown) => void,
): Promise<ReportImages> {
  const images = new Map<string, Buffer>();
  const signatures = report.forms.flatMap((f) =>
    f.sections.flatMap((s) => s.answers.filter((a) => a.type === 'signature').flatMap((a) => a.attachmentIds)),
  );
  const jobs = [
    ...report.photos.slice(0, MAX_REPORT_PHOTOS).map((p) => ({ id: p.id, load: () => photoJpeg(blobs, orgId, p.id) })),
    ...signatures.map((id) => ({ id, load: () => signaturePng(blobs, orgId, id) })),
  ];
  await eachLimited(jobs, 2, async ({ id, load }) => {
    try {
      const bytes = await load();
      if (bytes) images.set(id, bytes);
    } catch (error) {
      onError(id, error);
    }
  });
  return images;
}
