/**
 * Runs inside Chromium (bundled by ../photo-processing.bench.ts and by
 * ../../e2e/photo-processing.e2e.test.ts). Generates photo-like JPEGs in the page, runs the app's
 * processPhoto (the photo worker) and, as the baseline, the same pipeline on the main thread,
 * watching the main thread (long tasks, event-loop gaps); stores processed photos in IndexedDB to
 * weigh them; and processes bytes handed in by a test.
 */
import Dexie from 'dexie';
import {
  PhotoDecodeError,
  processPhoto,
  type PhotoProcessingOptions,
  type ProcessedPhoto,
} from '../../src/attachments/process/process-photo.ts';
import { runPhotoPipeline } from '../../src/attachments/process/photo-pipeline.ts';
import { describeError } from './page-util.ts';

export type Mode = 'worker' | 'main';
export type PhaseResult = {
  mode: Mode;
  /** ms per photo, in order. */
  times: number[];
  /** Longest 'longtask' entry during processing, ms (0: none, i.e. none over 50 ms). */
  longestTask: number;
  /** Longest gap between ticks of a setTimeout(0) chain during processing, ms (catches tasks under 50 ms). */
  longestGap: number;
  output: { width: number; height: number; size: number; thumb: number };
};
export type SourceInfo = { width: number; height: number; sizes: number[]; ms: number };
export type BatchResult = { count: number; ms: number; longestTask: number; inOrder: boolean };
export type StorageResult = { count: number; blobBytes: number; thumbBytes: number; usageGrowth: number };

/** A file handed in by a test, as base64. */
export type InputFile = { base64: string; type: string; name: string; lastModified?: number };
export type ProcessOutcome =
  | ({ ok: true; blobBase64: string; thumbBase64: string; thumbType: string } & Omit<ProcessedPhoto, 'blob' | 'thumb'>)
  | { ok: false; name: string; message: string; decodeError: boolean };

const sources: File[] = [];
const processed: ProcessedPhoto[] = [];

// ---- Main-thread watchers -------------------------------------------------------------

const longTasks: { start: number; end: number }[] = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries())
    longTasks.push({ start: entry.startTime, end: entry.startTime + entry.duration });
}).observe({ type: 'longtask', buffered: false });

/** The longest long task overlapping [from, to]; entries arrive asynchronously, so wait first. */
async function longestTaskBetween(from: number, to: number): Promise<number> {
  await new Promise((resolve) => setTimeout(resolve, 50));
  return Math.max(0, ...longTasks.filter((t) => t.end >= from && t.start <= to).map((t) => t.end - t.start));
}

/** A setTimeout(0) chain; the longest gap between its ticks bounds the longest task from above. */
function gapMonitor(): () => number {
  let last = performance.now();
  let longest = 0;
  let running = true;
  const tick = () => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
    if (running) setTimeout(tick, 0);
  };
  setTimeout(tick, 0);
  return () => {
    running = false;
    return Math.max(longest, performance.now() - last);
  };
}

// ---- Sources ---------------------------------------------------------------------------

/** Deterministic PRNG (mulberry32), so every run measures the same photos. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A photo-like JPEG: a lit gradient, a few hundred soft shapes (edges and flat areas, as a
 * scene has) and per-pixel sensor noise, encoded at quality 0.92 as a phone camera does.
 */
async function makePhoto(width: number, height: number, seed: number): Promise<Blob> {
  const rnd = random(seed);
  const canvas = new OffscreenCanvas(width, height);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('no 2d context');
  const sky = ctx.createLinearGradient(0, 0, width * 0.3, height);
  sky.addColorStop(0, `hsl(${200 + rnd() * 40}, 50%, 75%)`);
  sky.addColorStop(0.55, `hsl(${30 + rnd() * 40}, 35%, 55%)`);
  sky.addColorStop(1, `hsl(${20 + rnd() * 30}, 30%, 25%)`);
  ctx.fillStyle = sky;
  ctx.fillRect(0, 0, width, height);
  for (let i = 0; i < 300; i++) {
    ctx.fillStyle = `hsla(${rnd() * 360}, ${20 + rnd() * 50}%, ${20 + rnd() * 60}%, ${0.3 + rnd() * 0.6})`;
    const x = rnd() * width;
    const y = rnd() * height;
    const r = 20 + rnd() * width * 0.08;
    ctx.beginPath();
    if (i % 2) ctx.ellipse(x, y, r, r * (0.3 + rnd()), rnd() * Math.PI, 0, Math.PI * 2);
    else ctx.rect(x, y, r * 2, r * (0.2 + rnd()));
    ctx.fill();
  }
  const image = ctx.getImageData(0, 0, width, height);
  const data = image.data;
  for (let i = 0; i < data.length; i += 4) {
    const n = (rnd() - 0.5) * 24;
    data[i] = data[i]! + n;
    data[i + 1] = data[i + 1]! + n;
    data[i + 2] = data[i + 2]! + n;
  }
  ctx.putImageData(image, 0, 0);
  return canvas.convertToBlob({ type: 'image/jpeg', quality: 0.92 });
}

async function generate(count: number, width: number, height: number): Promise<SourceInfo> {
  const start = performance.now();
  sources.length = 0;
  for (let i = 0; i < count; i++) {
    const blob = await makePhoto(width, height, 1000 + i);
    sources.push(new File([blob], `IMG_${1000 + i}.jpg`, { type: 'image/jpeg', lastModified: Date.now() }));
  }
  return { width, height, sizes: sources.map((s) => s.size), ms: performance.now() - start };
}

// ---- Measurements ----------------------------------------------------------------------

function run(mode: Mode, file: File, options: PhotoProcessingOptions): Promise<ProcessedPhoto> {
  return mode === 'worker' ? processPhoto(file, options) : runPhotoPipeline(file, file.lastModified, options);
}

/** One photo after another, as a person taking photos one at a time. */
async function measure(mode: Mode, count: number, options: PhotoProcessingOptions): Promise<PhaseResult> {
  const times: number[] = [];
  let longestTask = 0;
  let longestGap = 0;
  let last: ProcessedPhoto | null = null;
  for (let i = 0; i < count; i++) {
    const file = sources[i % sources.length]!;
    const stopGaps = gapMonitor();
    const start = performance.now();
    last = await run(mode, file, options);
    const end = performance.now();
    longestGap = Math.max(longestGap, stopGaps());
    longestTask = Math.max(longestTask, await longestTaskBetween(start, end));
    times.push(end - start);
    if (mode === 'worker') processed.push(last);
  }
  if (!last) throw new Error('no photo processed');
  return {
    mode,
    times,
    longestTask,
    longestGap,
    output: { width: last.width, height: last.height, size: last.size, thumb: last.thumb.size },
  };
}

/** All sources picked at once: processPhoto queues them and they finish in the order given. */
async function batch(options: PhotoProcessingOptions): Promise<BatchResult> {
  const finished: number[] = [];
  const start = performance.now();
  await Promise.all(
    sources.map((file, i) =>
      processPhoto(file, options).then((photo) => {
        finished.push(i);
        processed.push(photo);
      }),
    ),
  );
  const end = performance.now();
  return {
    count: sources.length,
    ms: end - start,
    longestTask: await longestTaskBetween(start, end),
    inOrder: finished.every((n, i) => n === i),
  };
}

/** Processed photo + thumbnail per row, one transaction each (as the app stores a photo). */
async function storeInIndexedDb(count: number): Promise<StorageResult> {
  if (processed.length === 0) throw new Error('process some photos first');
  const db = new Dexie(`lm-bench-photos-${Date.now()}`);
  db.version(1).stores({ photos: 'id' });
  await db.open();
  try {
    const table = db.table<{ id: number; blob: Blob; thumb: Blob; sha256: string }, number>('photos');
    const before = (await navigator.storage.estimate()).usage ?? 0;
    let blobBytes = 0;
    let thumbBytes = 0;
    for (let i = 0; i < count; i++) {
      const photo = processed[i % processed.length]!;
      // Fresh Blob objects, so nothing can be shared between rows.
      const blob = new Blob([await photo.blob.arrayBuffer()], { type: photo.contentType });
      const thumb = new Blob([await photo.thumb.arrayBuffer()], { type: photo.thumb.type });
      await table.put({ id: i, blob, thumb, sha256: photo.sha256 });
      blobBytes += blob.size;
      thumbBytes += thumb.size;
    }
    if ((await table.count()) !== count) throw new Error('rows missing');
    const after = (await navigator.storage.estimate()).usage ?? 0;
    return { count, blobBytes, thumbBytes, usageGrowth: after - before };
  } finally {
    db.close();
    await Dexie.delete(db.name);
  }
}

// ---- For the end-to-end test -----------------------------------------------------------

function fromBase64(base64: string): Uint8Array<ArrayBuffer> {
  const text = atob(base64);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

async function toBase64(blob: Blob): Promise<string> {
  const bytes = new Uint8Array(await blob.arrayBuffer());
  let text = '';
  for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(text);
}

async function processFile(input: InputFile, options: PhotoProcessingOptions): Promise<ProcessOutcome> {
  const file = new File([fromBase64(input.base64)], input.name, {
    type: input.type,
    ...(input.lastModified === undefined ? {} : { lastModified: input.lastModified }),
  });
  try {
    const { blob, thumb, ...rest } = await processPhoto(file, options);
    return {
      ok: true,
      ...rest,
      blobBase64: await toBase64(blob),
      thumbBase64: await toBase64(thumb),
      thumbType: thumb.type,
    };
  } catch (error) {
    const e = error as Error;
    return { ok: false, name: e.name, message: e.message, decodeError: error instanceof PhotoDecodeError };
  }
}

/** Several files picked at once: all jobs queued together, results back in order. */
function processFiles(inputs: InputFile[], options: PhotoProcessingOptions): Promise<ProcessOutcome[]> {
  return Promise.all(inputs.map((input) => processFile(input, options)));
}

const api = {
  generate,
  measure,
  batch,
  storeInIndexedDb,
  processFile,
  processFiles,
  localTime: (y: number, mo: number, d: number, h: number, mi: number, s: number) =>
    new Date(y, mo - 1, d, h, mi, s).toISOString(),
};

declare global {
  interface Window {
    lmPhoto: typeof api;
  }
}

const wrap =
  <A extends unknown[], R>(fn: (...args: A) => Promise<R>) =>
  (...args: A): Promise<R> =>
    fn(...args).catch((error: unknown) => {
      throw describeError(error);
    });
window.lmPhoto = {
  ...api,
  generate: wrap(generate),
  measure: wrap(measure),
  batch: wrap(batch),
  storeInIndexedDb: wrap(storeInIndexedDb),
};
