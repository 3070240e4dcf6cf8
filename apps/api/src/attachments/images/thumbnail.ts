import { Readable } from 'node:stream';
import sharp from 'sharp';

/** Bytes that are not a JPEG, PNG or WebP image sharp can decode. */
export class NotAnImageError extends Error {
  constructor(message: string, options?: { cause: unknown }) {
    super(message, options);
    this.name = 'NotAnImageError';
  }
}

/** The formats a photo attachment may have (the same as `sniffImageType`). */
const PHOTO_FORMATS = new Set(['jpeg', 'png', 'webp']);

/**
 * A small WebP of a photo for lists and previews: upright (EXIF orientation applied), its long
 * edge at most `edge` pixels (never enlarged), without metadata (no GPS position or camera serial
 * leaves the server in a thumbnail).
 */
export async function makeThumbnail(input: Buffer | Readable, edge = 320): Promise<Buffer> {
  // Read a stream ourselves, so that a failing stream (a dropped S3 connection) stays its own
  // error and only what sharp says about the bytes becomes NotAnImageError.
  const bytes = input instanceof Readable ? await collect(input) : input;
  try {
    // failOn 'error': a photo with a minor flaw (a truncated last scan) still gets a thumbnail.
    const image = sharp(bytes, { failOn: 'error' });
    const { format } = await image.metadata();
    if (!PHOTO_FORMATS.has(format)) throw new NotAnImageError(`not a photo format: ${format}`);
    return await image
      .rotate()
      .resize({ width: edge, height: edge, fit: 'inside', withoutEnlargement: true })
      .webp({ quality: 75 })
      .toBuffer();
  } catch (error) {
    if (error instanceof NotAnImageError) throw error;
    throw new NotAnImageError(`cannot decode the image: ${(error as Error).message}`, { cause: error });
  }
}

async function collect(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks);
}
