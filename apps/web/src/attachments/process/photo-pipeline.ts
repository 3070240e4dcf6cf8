/**
 * The photo pipeline itself — decode (orientation applied), scale, encode, thumbnail, hash —
 * run inside the photo worker, or on the main thread where there is no worker or OffscreenCanvas.
 * Re-encoding from pixels is what strips the metadata: EXIF, GPS, maker notes never reach the
 * output. Only the capture time survives, as a field beside the bytes.
 */
import { EXIF_HEAD_BYTES, readExifCaptureTime } from './exif-capture-time.ts';
import { sha256Hex } from '../sha256.ts';

export type PhotoProcessingOptions = {
  longEdge: number;
  encodeAs: 'image/jpeg' | 'image/webp';
  /** Default 320. */
  thumbEdge?: number;
  /** Default 0.82. */
  quality?: number;
};

export type ProcessedPhoto = {
  blob: Blob;
  thumb: Blob;
  contentType: 'image/jpeg' | 'image/webp';
  width: number;
  height: number;
  size: number;
  /** Lower-case hex SHA-256 of `blob`. */
  sha256: string;
  /** ISO time the photo was taken: EXIF DateTimeOriginal, else the file's date, else now. */
  capturedAt: string;
};

/** The file is not an image this browser can decode. */
export class PhotoDecodeError extends Error {
  override name = 'PhotoDecodeError';
  constructor(options?: ErrorOptions) {
    super('This file is not a photo this phone can read.', options);
  }
}

const DEFAULT_THUMB_EDGE = 320;
const DEFAULT_QUALITY = 0.82;
/** Paper white behind transparent pixels: JPEG has no alpha and would turn them black. */
const BACKGROUND = '#ffffff';

type Canvas = OffscreenCanvas | HTMLCanvasElement;
type Context = OffscreenCanvasRenderingContext2D | CanvasRenderingContext2D;
type Source = ImageBitmap | Canvas;

export async function runPhotoPipeline(
  file: Blob,
  lastModified: number | undefined,
  options: PhotoProcessingOptions,
): Promise<ProcessedPhoto> {
  const quality = options.quality ?? DEFAULT_QUALITY;
  const thumbEdge = options.thumbEdge ?? DEFAULT_THUMB_EDGE;
  if (!(options.longEdge >= 1) || !(thumbEdge >= 1) || !(quality > 0 && quality <= 1))
    throw new RangeError(`Bad photo options: ${JSON.stringify(options)}`);
  const capturedAt = await captureTime(file, lastModified);

  const bitmap = await decode(file);
  let full: Canvas;
  try {
    full = scaleTo(bitmap, fit(bitmap.width, bitmap.height, options.longEdge));
  } finally {
    bitmap.close(); // 48 MB for 12 MP: do not wait for the garbage collector
  }
  const { width, height } = full;
  const main = await encode(full, options.encodeAs, quality);
  const thumbCanvas = scaleTo(full, fit(width, height, thumbEdge));
  release(full);
  const thumb = await encode(thumbCanvas, main.type, quality);
  release(thumbCanvas);

  return {
    blob: main.blob,
    thumb: thumb.blob,
    contentType: main.type,
    width,
    height,
    size: main.blob.size,
    sha256: await sha256Hex(main.blob),
    capturedAt,
  };
}

async function captureTime(file: Blob, lastModified: number | undefined): Promise<string> {
  const head = await file.slice(0, EXIF_HEAD_BYTES).arrayBuffer();
  const exif = readExifCaptureTime(head);
  if (exif) return exif.toISOString();
  if (lastModified !== undefined && Number.isFinite(lastModified) && lastModified > 0)
    return new Date(lastModified).toISOString();
  return new Date().toISOString();
}

async function decode(file: Blob): Promise<ImageBitmap> {
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
  } catch (error) {
    throw new PhotoDecodeError({ cause: error });
  }
  if (bitmap.width === 0 || bitmap.height === 0) {
    bitmap.close();
    throw new PhotoDecodeError();
  }
  return bitmap;
}

type Size = { width: number; height: number };

/** The size with the long edge at most `longEdge`, aspect kept; never larger than the source. */
function fit(width: number, height: number, longEdge: number): Size {
  const scale = Math.min(1, longEdge / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

/**
 * Draws `source` at `size` with high-quality smoothing. Reductions beyond 2× go in halving steps,
 * so browsers whose "high" filter samples only a few source pixels do not alias.
 */
function scaleTo(source: Source, size: Size): Canvas {
  let current: Source = source;
  let step: Canvas | null = null;
  while (current.width >= size.width * 2 && current.height >= size.height * 2) {
    const half = draw(current, { width: Math.round(current.width / 2), height: Math.round(current.height / 2) });
    if (step) release(step);
    current = step = half;
  }
  const result = draw(current, size);
  if (step) release(step);
  return result;
}

function draw(source: Source, { width, height }: Size): Canvas {
  const canvas = makeCanvas(width, height);
  const ctx = context2d(canvas);
  ctx.fillStyle = BACKGROUND;
  ctx.fillRect(0, 0, width, height);
  ctx.imageSmoothingEnabled = true;
  ctx.imageSmoothingQuality = 'high';
  ctx.drawImage(source, 0, 0, width, height);
  return canvas;
}

/** Encodes; a browser that cannot write WebP answers with PNG, and then JPEG is used instead. */
async function encode(
  canvas: Canvas,
  type: 'image/jpeg' | 'image/webp',
  quality: number,
): Promise<{ blob: Blob; type: 'image/jpeg' | 'image/webp' }> {
  const blob = await toBlob(canvas, type, quality);
  if (blob.type === type) return { blob, type };
  if (type === 'image/webp') return encode(canvas, 'image/jpeg', quality);
  throw new Error(`This browser cannot encode ${type} (got ${blob.type || 'nothing'})`);
}

function toBlob(canvas: Canvas, type: string, quality: number): Promise<Blob> {
  if (isOffscreen(canvas)) return canvas.convertToBlob({ type, quality });
  return new Promise((resolve, reject) =>
    canvas.toBlob(
      (blob) => (blob ? resolve(blob) : reject(new Error('The photo could not be encoded'))),
      type,
      quality,
    ),
  );
}

/** Can this realm draw on an OffscreenCanvas (Safari before 16.4 has one without a 2d context)? */
export function offscreen2dAvailable(): boolean {
  try {
    return typeof OffscreenCanvas !== 'undefined' && new OffscreenCanvas(1, 1).getContext('2d') !== null;
  } catch {
    return false;
  }
}

let useOffscreen: boolean | undefined;

function makeCanvas(width: number, height: number): Canvas {
  useOffscreen ??= offscreen2dAvailable();
  if (useOffscreen) return new OffscreenCanvas(width, height);
  if (typeof document === 'undefined') throw new Error('No canvas to process photos with');
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  return canvas;
}

function isOffscreen(canvas: Canvas): canvas is OffscreenCanvas {
  return typeof OffscreenCanvas !== 'undefined' && canvas instanceof OffscreenCanvas;
}

function context2d(canvas: Canvas): Context {
  const ctx = isOffscreen(canvas) ? canvas.getContext('2d') : canvas.getContext('2d');
  if (!ctx) throw new Error('No 2d canvas context to process photos with');
  return ctx;
}

/** Gives the pixel memory back now rather than at the next garbage collection. */
function release(canvas: Canvas): void {
  canvas.width = 0;
  canvas.height = 0;
}
