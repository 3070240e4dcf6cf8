import { Readable } from 'node:stream';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { NotAnImageError, makeThumbnail } from './thumbnail.ts';

const photo = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 3, background: { r: 200, g: 120, b: 40 } } });

describe('makeThumbnail', () => {
  it('shrinks a landscape JPEG to a WebP with a 320 px long edge', async () => {
    const jpeg = await photo(1600, 1200).jpeg().toBuffer();
    const thumb = await makeThumbnail(jpeg);
    expect(await sharp(thumb).metadata()).toMatchObject({ format: 'webp', width: 320, height: 240 });
  });

  it('shrinks a portrait PNG by its long edge, to the edge asked for', async () => {
    const png = await photo(300, 900).png().toBuffer();
    const thumb = await makeThumbnail(png, 120);
    expect(await sharp(thumb).metadata()).toMatchObject({ format: 'webp', width: 40, height: 120 });
  });

  it('never enlarges a small image', async () => {
    const thumb = await makeThumbnail(await photo(100, 50).png().toBuffer());
    expect(await sharp(thumb).metadata()).toMatchObject({ width: 100, height: 50 });
  });

  it('turns a photo taken with the phone upright (EXIF orientation 6) into a portrait', async () => {
    // Stored 1600×1200 (landscape pixels), to be shown rotated 90° clockwise.
    const jpeg = await photo(1600, 1200).jpeg().withMetadata({ orientation: 6 }).toBuffer();
    expect(await sharp(jpeg).metadata()).toMatchObject({ width: 1600, height: 1200, orientation: 6 });
    const meta = await sharp(await makeThumbnail(jpeg)).metadata();
    expect(meta).toMatchObject({ width: 240, height: 320 });
    expect(meta.orientation).toBeUndefined();
  });

  it('strips metadata (EXIF, ICC)', async () => {
    const jpeg = await photo(800, 600)
      .jpeg()
      .withMetadata({ exif: { IFD0: { Copyright: 'someone', Make: 'PhoneCo' } } })
      .toBuffer();
    expect((await sharp(jpeg).metadata()).exif).toBeDefined();
    const meta = await sharp(await makeThumbnail(jpeg)).metadata();
    expect(meta.exif).toBeUndefined();
    expect(meta.icc).toBeUndefined();
  });

  it('reads a stream', async () => {
    const webp = await photo(640, 640).webp().toBuffer();
    const thumb = await makeThumbnail(Readable.from([webp.subarray(0, 100), webp.subarray(100)]));
    expect(await sharp(thumb).metadata()).toMatchObject({ format: 'webp', width: 320, height: 320 });
  });

  it.each([
    ['garbage', Buffer.from('this is not an image at all, just some text bytes')],
    [
      'a JPEG signature followed by garbage',
      Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(200, 7)]),
    ],
    ['nothing', Buffer.alloc(0)],
  ])('throws NotAnImageError for %s', async (_label, bytes) => {
    await expect(makeThumbnail(bytes)).rejects.toBeInstanceOf(NotAnImageError);
  });

  it('throws NotAnImageError for images that are not photos (SVG, GIF)', async () => {
    const svg = Buffer.from(
      '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>',
    );
    await expect(makeThumbnail(svg)).rejects.toThrow(/not a photo format: svg/);
    const gif = await photo(10, 10).gif().toBuffer();
    await expect(makeThumbnail(gif)).rejects.toBeInstanceOf(NotAnImageError);
  });

  it('lets a failing stream fail as itself', async () => {
    const broken = new Readable({
      read() {
        this.destroy(new Error('connection reset'));
      },
    });
    const error: unknown = await makeThumbnail(broken).catch((e: unknown) => e);
    expect(error).not.toBeInstanceOf(NotAnImageError);
    expect(error).toHaveProperty('message', 'connection reset');
  });
});
