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

function useOnline(): boolean {
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
export function useSyncStatus(db: AppDb): SyncStatus {
  const loop = useLoopState();
  const browserOnline = useOnline();
  const counts = useLiveQuery(
    async () => ({
      pending: await db._outbox.count(),
      refused: await db._refused.count(),
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
    lastSyncedAt: counts?.meta?.lastSyncedAt ?? null,
    trouble: counts?.meta?.trouble ?? null,
    persisted,
  };
}
