/** Messages between process-photo.ts and photo-worker.ts. */
import type { PhotoProcessingOptions, ProcessedPhoto } from './photo-pipeline.ts';

export type PhotoJob = {
  id: number;
  file: Blob;
  /** Posted apart: a structured clone keeps a File's date but not an extra property on a Blob. */
  lastModified: number | undefined;
  options: PhotoProcessingOptions;
};

export type PhotoJobResult =
  | { id: number; ok: true; photo: ProcessedPhoto }
  /** `unsupported`: this worker cannot draw; the job (and every later one) runs on the main thread. */
  | { id: number; ok: false; reason: 'decode' | 'failed' | 'unsupported'; message: string };
