/**
 * The photo worker (a module worker; Vite bundles it): runs the photo pipeline for one job at a
 * time off the main thread and answers with the job's id. process-photo.ts owns the queue.
 */
import { offscreen2dAvailable, PhotoDecodeError, runPhotoPipeline } from './photo-pipeline.ts';
import type { PhotoJob, PhotoJobResult } from './photo-protocol.ts';

/** The parts of DedicatedWorkerGlobalScope used here (the app compiles against the DOM lib). */
type WorkerScope = {
  postMessage: (message: PhotoJobResult) => void;
  addEventListener: (type: 'message', listener: (event: MessageEvent<PhotoJob>) => void) => void;
};

const scope = self as unknown as WorkerScope;
const canDraw = offscreen2dAvailable();

scope.addEventListener('message', (event) => {
  const { id, file, lastModified, options } = event.data;
  if (!canDraw) return scope.postMessage({ id, ok: false, reason: 'unsupported', message: 'No OffscreenCanvas 2d' });
  runPhotoPipeline(file, lastModified, options).then(
    // Blobs are posted by reference (the bytes are not copied), so there is nothing to transfer.
    (photo) => scope.postMessage({ id, ok: true, photo }),
    (error: unknown) =>
      scope.postMessage({
        id,
        ok: false,
        reason: error instanceof PhotoDecodeError ? 'decode' : 'failed',
        message: error instanceof Error ? error.message : String(error),
      }),
  );
});
