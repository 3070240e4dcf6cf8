import { useSyncExternalStore } from 'react';
import { useSync } from '../sync/sync-context.tsx';
import type { UploadProgress } from './upload-queue.ts';

/** Live progress of the upload this tab (the sync leader) is sending; empty in other tabs. */
export function useUploadProgress(): ReadonlyMap<string, UploadProgress> {
  const sync = useSync();
  return useSyncExternalStore(
    (notify) => sync.uploads.subscribe(notify),
    () => sync.uploads.progress,
  );
}
