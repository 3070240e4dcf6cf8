import type { SessionInfo } from '@lastmile/domain';
import type { SyncTrouble } from '@lastmile/sync/client';
import { useLiveQuery } from 'dexie-react-hooks';
import { createContext, useContext, useEffect, useMemo, useState, useSyncExternalStore, type ReactNode } from 'react';
import type { AppDb } from '../local-db/app-db.ts';
import { requestPersistentStorage } from './persistence.ts';
import { SyncRuntime } from './sync-runtime.ts';

const SyncContext = createContext<SyncRuntime | null>(null);

export function SyncProvider({ db, session, children }: { db: AppDb; session: SessionInfo; children: ReactNode }) {
  const runtime = useMemo(() => new SyncRuntime(db, session), [db, session]);
  useEffect(() => {
    runtime.start();
    return () => runtime.stop();
  }, [runtime]);
  return <SyncContext.Provider value={runtime}>{children}</SyncContext.Provider>;
}

export function useSync(): SyncRuntime {
  const runtime = useContext(SyncContext);
  if (!runtime) throw new Error('useSync must be used inside <SyncProvider>');
  return runtime;
}

/** Whether the browser says it is online (no request made): for links that need the server. */
export function useOnline(): boolean {
  return useSyncExternalStore(
    (notify) => {
      window.addEventListener('online', notify);
      window.addEventListener('offline', notify);
      return () => {
        window.removeEventListener('online', notify);
        window.removeEventListener('offline', notify);
      };
    },
    () => navigator.onLine,
  );
}

export type SyncStatus = {
  online: boolean;
  syncing: boolean;
  failure: SyncRuntime['state']['failure'];
  message: string | null;
  /** Changes still only on this device. */
  pending: number;
  refused: number;
  /** Photos whose bytes are still only on this device (their records may have synced). */
  photosWaiting: number;
  /** How far the photo uploading now (in this tab) has got, 0–100; null when none is. */
  photoPercent: number | null;
  /** Photos the server will not take (damaged, refused): shown on the changes screen. */
  photosFailed: number;
  lastSyncedAt: string | null;
  /** The server keeps failing a sync step: from IndexedDB, so every tab and a reload see it. */
  trouble: SyncTrouble | null;
  persisted: boolean | null;
};

/** The sync loop's state (syncing, last failure), as this tab knows it. */
export function useLoopState(): SyncRuntime['state'] {
  const runtime = useSync();
  return useSyncExternalStore(
    (notify) => runtime.subscribe(notify),
    () => runtime.state,
  );
}

/** Everything the status bar and the changes screen show, live from IndexedDB and the loop. */
/** The upload in progress in this tab (the leader), as a percentage; null when none is. */
function useUploadPercent(): number | null {
  const runtime = useSync();
  return useSyncExternalStore(
    (notify) => runtime.uploads.subscribe(notify),
    () => {
      const [first] = runtime.uploads.progress.values();
      return first && first.size > 0 ? Math.floor((first.sent / first.size) * 100) : null;
    },
  );
}

export function useSyncStatus(db: AppDb): SyncStatus {
  const loop = useLoopState();
  const photoPercent = useUploadPercent();
  const browserOnline = useOnline();
  const counts = useLiveQuery(
    async () => ({
      pending: await db._outbox.count(),
      refused: await db._refused.count(),
      photosWaiting: await db._uploads.count(),
      photosFailed: await db._uploads.filter((u) => u.state === 'failed').count(),
      meta: (await db._meta.get('sync'))?.value,
    }),
    [db],
  );
  const [persisted, setPersisted] = useState<boolean | null>(null);
  useEffect(() => {
    requestPersistentStorage().then(setPersisted, () => setPersisted(false));
  }, []);
  return {
    online: browserOnline && loop.failure !== 'offline',
    syncing: loop.syncing,
    failure: loop.failure,
    message: loop.message,
    pending: counts?.pending ?? 0,
    refused: counts?.refused ?? 0,
    photosWaiting: (counts?.photosWaiting ?? 0) - (counts?.photosFailed ?? 0),
    photosFailed: counts?.photosFailed ?? 0,
    photoPercent,
    lastSyncedAt: counts?.meta?.lastSyncedAt ?? null,
    trouble: counts?.meta?.trouble ?? null,
    persisted,
  };
}
