import sharp from 'sharp';

let placeholder: Promise<Buffer> | null = null;

/**
 * What a thumbnail request gets for a verified photo the image library cannot open (bytes that
 * start as a JPEG but are cut short or corrupt, a picture over its pixel limit): a plain grey
 * WebP, so the office's lists show a tile rather than a broken image — and never a 500, which
 * said the server had failed when it had the photo exactly as the phone took it (found by an
 * outsider tester). The original stays downloadable. Made once per process.
 */
export function placeholderThumbnail(): Promise<Buffer> {
  placeholder ??= sharp({ create: { width: 320, height: 240, channels: 3, background: '#d5d9de' } })
    .webp({ quality: 50 })
    .toBuffer();
  return placeholder;
}
