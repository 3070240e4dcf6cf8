/**
 * On-device photo processing: decode with orientation applied, scale, re-encode (which strips
 * EXIF, GPS and maker notes), thumbnail, SHA-256, capture time.
 *
 * Jobs run one after another — ten 12-MP photos picked at once must not be ten 48 MB bitmaps in
 * memory — in one shared module worker, or on the main thread where Worker or OffscreenCanvas is
 * missing (or the worker cannot start or draw).
 */
import { PhotoDecodeError, runPhotoPipeline } from './photo-pipeline.ts';
import type { PhotoProcessingOptions, ProcessedPhoto } from './photo-pipeline.ts';
import type { PhotoJob, PhotoJobResult } from './photo-protocol.ts';

export { PhotoDecodeError } from './photo-pipeline.ts';
export type { PhotoProcessingOptions, ProcessedPhoto } from './photo-pipeline.ts';

/** A job that takes longer is taken to have killed the worker (out of memory on a small phone). */
const JOB_TIMEOUT_MS = 60_000;
/** The worker's memory goes back to the phone when no photo came for this long. */
const IDLE_MS = 30_000;

type Outcome = PhotoJobResult | { id: number; ok: false; reason: 'crashed' | 'timeout'; message: string };

/** undefined: not started (yet, or again after a timeout); null: this browser runs jobs on the main thread. */
let worker: Worker | null | undefined;
/** Has the current worker answered a job? Until then a crash means it cannot run here at all. */
let workerProven = false;
let running: { id: number; settle: (outcome: Outcome) => void } | null = null;
let idleTimer: ReturnType<typeof setTimeout> | undefined;
let nextId = 1;
let queue: Promise<unknown> = Promise.resolve();

export function processPhoto(
  file: Blob & { lastModified?: number },
  options: PhotoProcessingOptions,
): Promise<ProcessedPhoto> {
  const job = queue.then(() => processOne(file, options));
  queue = job.catch(() => undefined);
  return job;
}

function processOne(file: Blob & { lastModified?: number }, options: PhotoProcessingOptions): Promise<ProcessedPhoto> {
  clearTimeout(idleTimer);
  const target = photoWorker();
  if (!target) return runPhotoPipeline(file, file.lastModified, options);
  const id = nextId++;
  return new Promise<ProcessedPhoto>((resolve, reject) => {
    const timer = setTimeout(
      () => running?.settle({ id, ok: false, reason: 'timeout', message: 'Processing the photo took too long.' }),
      JOB_TIMEOUT_MS,
    );
    running = {
      id,
      settle: (outcome) => {
        clearTimeout(timer);
        running = null;
        if (outcome.ok) {
          workerProven = true;
          idleTimer = setTimeout(() => stopWorker(undefined), IDLE_MS);
          return resolve(outcome.photo);
        }
        switch (outcome.reason) {
          case 'decode':
            return reject(new PhotoDecodeError());
          case 'failed':
            return reject(new Error(outcome.message));
          case 'timeout':
            stopWorker(undefined);
            return reject(new Error(outcome.message));
          case 'crashed':
          case 'unsupported':
            if (outcome.reason === 'crashed' && workerProven) {
              stopWorker(undefined);
              return reject(new Error(outcome.message));
            }
            stopWorker(null);
            return void runPhotoPipeline(file, file.lastModified, options).then(resolve, reject);
        }
      },
    };
    const job: PhotoJob = { id, file, lastModified: file.lastModified, options };
    target.postMessage(job);
  });
}

function photoWorker(): Worker | null {
  if (worker !== undefined) return worker;
  if (typeof Worker === 'undefined' || typeof OffscreenCanvas === 'undefined') return (worker = null);
  let started: Worker;
  try {
    started = new Worker(new URL('./photo-worker.ts', import.meta.url), { type: 'module' });
  } catch {
    return (worker = null);
  }
  started.addEventListener('message', (event: MessageEvent<PhotoJobResult>) => {
    if (running?.id === event.data.id) running.settle(event.data);
  });
  // A script that does not load (offline before it was cached, a CSP) or a worker that died.
  started.addEventListener('error', (event) => {
    event.preventDefault();
    running?.settle({ id: running.id, ok: false, reason: 'crashed', message: 'The photo worker stopped.' });
  });
  started.addEventListener('messageerror', () => {
    running?.settle({ id: running.id, ok: false, reason: 'failed', message: 'The processed photo did not arrive.' });
  });
  workerProven = false;
  return (worker = started);
}

function stopWorker(next: null | undefined): void {
  clearTimeout(idleTimer);
  worker?.terminate();
  worker = next;
}
