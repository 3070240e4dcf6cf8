/**
 * On-device photo processing in real Chromium (issue 9), through the app's processPhoto and its
 * bundled module worker. The page is the photo benchmark's (bench/page/photo-page.ts), bundled
 * with Vite and served from 127.0.0.1 by the bench plumbing — no app server needed. Input JPEGs
 * carrying EXIF (orientation, GPS, capture time, maker) are made with sharp (apps/api's
 * dependency), and every output is checked with sharp and node:crypto, independently of the page.
 */
import { createHash } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sharp from '../../api/node_modules/sharp/dist/index.mjs';
import { withBenchPage } from '../bench/chromium-bench.ts';
import type { InputFile, ProcessOutcome } from '../bench/page/photo-page.ts';
import type { PhotoProcessingOptions } from '../src/attachments/process/process-photo.ts';

const DEFAULTS: PhotoProcessingOptions = { longEdge: 2048, encodeAs: 'image/jpeg' };
/** Not UTC, so "EXIF time is the device's local time" is really tested. */
const TIME_ZONE = 'America/Los_Angeles';
/** 2025:06:01 09:12:34 in Los Angeles (PDT, UTC−7). */
const EXIF_TIME_UTC = '2025-06-01T16:12:34.000Z';
/** GPSLatitude 51° 30' 12.34": the rational 1234/100 as the little-endian bytes sharp writes. */
const GPS_SECONDS_BYTES = Buffer.from([0xd2, 0x04, 0, 0, 0x64, 0, 0, 0]);

let browser: Browser;
let url: string;
let page: Page;
let finish: () => void = () => undefined;
let closed: Promise<void> = Promise.resolve();

beforeAll(async () => {
  await new Promise<void>((ready, fail) => {
    closed = withBenchPage('photo-page.ts', 'lmPhoto', async (bench) => {
      browser = bench.browser;
      url = bench.url;
      page = await bench.newPage({ timezoneId: TIME_ZONE });
      ready();
      await new Promise<void>((resolve) => (finish = resolve));
    }).catch(fail);
  });
});

afterAll(async () => {
  finish();
  await closed;
});

/**
 * 3000×2000 as stored: blue with a red top-left quadrant. Orientation 6 means "rotate 90°
 * clockwise to display", so the red quadrant belongs at the top right of the portrait photo.
 */
async function exifJpeg(): Promise<Buffer> {
  const red = await sharp({ create: { width: 1500, height: 1000, channels: 3, background: '#d01010' } })
    .png()
    .toBuffer();
  return sharp({ create: { width: 3000, height: 2000, channels: 3, background: '#1030d0' } })
    .composite([{ input: red, left: 0, top: 0 }])
    .jpeg({ quality: 90 })
    .withMetadata({ orientation: 6 })
    .withExif({
      IFD0: { Make: 'TestCam', Model: 'Secret Model 9', DateTime: '2025:06:02 10:00:00' },
      IFD2: { DateTimeOriginal: '2025:06:01 09:12:34' },
      IFD3: {
        GPSLatitudeRef: 'N',
        GPSLatitude: '51/1 30/1 1234/100',
        GPSLongitudeRef: 'W',
        GPSLongitude: '0/1 7/1 0/1',
      },
    })
    .toBuffer();
}

const input = (bytes: Buffer, type: string, name: string, lastModified?: number): InputFile => ({
  base64: bytes.toString('base64'),
  type,
  name,
  ...(lastModified === undefined ? {} : { lastModified }),
});

function process(file: InputFile, options: PhotoProcessingOptions = DEFAULTS, on: Page = page) {
  return on.evaluate(([f, o]) => window.lmPhoto.processFile(f, o), [file, options] as const);
}

function ok(outcome: ProcessOutcome) {
  if (!outcome.ok) throw new Error(`processing failed: ${outcome.name}: ${outcome.message}`);
  return {
    ...outcome,
    blob: Buffer.from(outcome.blobBase64, 'base64'),
    thumb: Buffer.from(outcome.thumbBase64, 'base64'),
  };
}

/** The marker codes of a JPEG's segments up to the start of scan. */
function jpegMarkers(bytes: Buffer): number[] {
  const markers: number[] = [];
  let at = 2;
  while (at + 4 <= bytes.length && bytes[at] === 0xff) {
    const marker = bytes[at + 1]!;
    markers.push(marker);
    if (marker === 0xda) break;
    at += 2 + bytes.readUInt16BE(at + 2);
  }
  return markers;
}

/** The mean colour of a 20×20 patch at (x, y) of an image. */
async function patch(bytes: Buffer, x: number, y: number): Promise<{ r: number; g: number; b: number }> {
  const { data } = await sharp(bytes)
    .extract({ left: x, top: y, width: 20, height: 20 })
    .raw()
    .toBuffer({ resolveWithObject: true });
  const mean = (offset: number) => data.filter((_, i) => i % 3 === offset).reduce((a, b) => a + b, 0) / 400;
  return { r: mean(0), g: mean(1), b: mean(2) };
}

describe('processPhoto in Chromium', () => {
  it('turns a camera JPEG upright, scales it, strips EXIF and GPS, hashes it and keeps the capture time', async () => {
    const source = await exifJpeg();
    expect((await sharp(source).metadata()).orientation).toBe(6);
    expect(source.includes(GPS_SECONDS_BYTES)).toBe(true);

    const out = ok(await process(input(source, 'image/jpeg', 'IMG_0001.JPG', Date.UTC(2026, 0, 1))));

    expect(out.contentType).toBe('image/jpeg');
    expect([out.width, out.height]).toEqual([1365, 2048]); // portrait: 2000×3000 displayed, long edge 2048
    expect(out.size).toBe(out.blob.length);
    expect(out.sha256).toBe(createHash('sha256').update(out.blob).digest('hex'));
    expect(out.capturedAt).toBe(EXIF_TIME_UTC);

    const meta = await sharp(out.blob).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['jpeg', 1365, 2048]);
    expect(meta.exif).toBeUndefined();
    expect(meta.orientation).toBeUndefined();
    expect(jpegMarkers(out.blob)).not.toContain(0xe1); // no APP1 (EXIF/XMP) segment at all
    for (const secret of [Buffer.from('Exif'), Buffer.from('TestCam'), Buffer.from('Secret Model'), GPS_SECONDS_BYTES])
      expect(out.blob.includes(secret)).toBe(false);

    // Upright: the stored top-left (red) is now the top right.
    const topRight = await patch(out.blob, 1365 - 200, 100);
    const topLeft = await patch(out.blob, 100, 100);
    expect(topRight.r).toBeGreaterThan(150);
    expect(topRight.b).toBeLessThan(80);
    expect(topLeft.b).toBeGreaterThan(150);
    expect(topLeft.r).toBeLessThan(80);

    const thumb = await sharp(out.thumb).metadata();
    expect(out.thumbType).toBe('image/jpeg');
    expect([thumb.format, thumb.width, thumb.height]).toEqual(['jpeg', 213, 320]);
    expect(thumb.exif).toBeUndefined();
  });

  it('takes a PNG, never upscales it, and dates it by the file when there is no EXIF', async () => {
    const png = await sharp({
      create: { width: 800, height: 600, channels: 4, background: { r: 0, g: 120, b: 0, alpha: 0.5 } },
    })
      .png()
      .toBuffer();
    const lastModified = Date.UTC(2025, 10, 3, 14, 5, 6);
    const out = ok(await process(input(png, 'image/png', 'screenshot.png', lastModified)));
    expect(out.contentType).toBe('image/jpeg');
    expect([out.width, out.height]).toEqual([800, 600]);
    expect(out.capturedAt).toBe(new Date(lastModified).toISOString());
    expect(out.sha256).toBe(createHash('sha256').update(out.blob).digest('hex'));
    // Transparency lands on white, not black.
    const { r, g, b } = await patch(out.blob, 400, 300);
    expect(Math.min(r, b)).toBeGreaterThan(100);
    expect(g).toBeGreaterThan(150);
  });

  it('refuses a text file renamed .jpg with PhotoDecodeError and a message for a person', async () => {
    const text = Buffer.from('<html><body>not a photo</body></html>\n'.repeat(20));
    const outcome = await process(input(text, 'image/jpeg', 'IMG_0002.jpg'));
    expect(outcome).toEqual({
      ok: false,
      name: 'PhotoDecodeError',
      message: 'This file is not a photo this phone can read.',
      decodeError: true,
    });
  });

  it('encodes WebP when asked (Chromium can), thumbnail too', async () => {
    const out = ok(
      await process(input(await exifJpeg(), 'image/jpeg', 'IMG_0003.jpg'), {
        longEdge: 1024,
        encodeAs: 'image/webp',
        thumbEdge: 200,
        quality: 0.7,
      }),
    );
    expect(out.contentType).toBe('image/webp');
    expect(out.blob.subarray(0, 4).toString('latin1') + out.blob.subarray(8, 12).toString('latin1')).toBe('RIFFWEBP');
    const meta = await sharp(out.blob).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['webp', 683, 1024]);
    expect(meta.exif).toBeUndefined();
    expect(out.thumbType).toBe('image/webp');
    expect((await sharp(out.thumb).metadata()).height).toBe(200);
  });

  it('runs several photos picked at once through one worker, each answer to its own request', async () => {
    const files = [
      input(await exifJpeg(), 'image/jpeg', 'a.jpg'),
      input(Buffer.from('plain text'), 'image/jpeg', 'b.jpg'),
      input(
        await sharp({ create: { width: 640, height: 480, channels: 3, background: '#888888' } })
          .png()
          .toBuffer(),
        'image/png',
        'c.png',
      ),
    ];
    const outcomes = await page.evaluate(([f, o]) => window.lmPhoto.processFiles(f, o), [files, DEFAULTS] as const);
    expect(outcomes.map((o) => (o.ok ? `${o.width}×${o.height}` : o.name))).toEqual([
      '1365×2048',
      'PhotoDecodeError',
      '640×480',
    ]);
    expect(page.workers().filter((w) => /photo-worker/.test(w.url()))).toHaveLength(1);
  });

  it('falls back to the main thread where there is no Worker, with the same result', async () => {
    const bare = await browser.newPage({ timezoneId: TIME_ZONE });
    try {
      await bare.addInitScript(() => {
        // @ts-expect-error -- simulating a browser without module workers
        delete window.Worker;
      });
      await bare.goto(url);
      await bare.waitForFunction(() => 'lmPhoto' in window);
      const source = await exifJpeg();
      const [inWorker, onMain] = [
        ok(await process(input(source, 'image/jpeg', 'x.jpg'))),
        ok(await process(input(source, 'image/jpeg', 'x.jpg'), DEFAULTS, bare)),
      ];
      expect(bare.workers()).toHaveLength(0);
      expect([onMain.width, onMain.height, onMain.capturedAt]).toEqual([1365, 2048, EXIF_TIME_UTC]);
      expect(onMain.sha256).toBe(createHash('sha256').update(onMain.blob).digest('hex'));
      expect(onMain.sha256).toBe(inWorker.sha256); // same pipeline, same bytes
    } finally {
      await bare.close();
    }
  });
});
