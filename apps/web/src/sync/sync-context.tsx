import type { SessionInfo } from '@lastmile/domain';
import type { LoopState, SyncTrouble } from '@lastmile/sync/client';
import { useLiveQuery } from 'dexie-react-hooks';
import {
  createContext,
  use,
  useContext,
  useEffect,
  useMemo,
  useState,
  useSyncExternalStore,
  type ReactNode,
} from 'react';
import type { AppDb } from '../local-db/app-db.ts';
import { loadSyncEngine } from './engine-steps.ts';
import { requestPersistentStorage } from './persistence.ts';
import type { SyncRuntime } from './sync-runtime.ts';
import { whenStartScreenShown } from './start-signal.ts';

/** Start screens that never call startScreenShown() (the office's) get their sync this soon. */
const START_AT_LATEST_MS = 1500;

type Engine = {
  /** Null until the engine's chunk has loaded and the runtime has started. */
  runtime: SyncRuntime | null;
  /** Resolves with the runtime; asking for it starts loading it now. */
  ready: () => Promise<SyncRuntime>;
};

const SyncContext = createContext<Engine | null>(null);

/** One runtime per session and database, created when first asked for; whoever listens starts it. */
function engineLoader(db: AppDb, session: SessionInfo) {
  let loading: Promise<SyncRuntime> | null = null;
  let runtime: SyncRuntime | null = null;
  const listeners = new Set<(runtime: SyncRuntime) => void>();
  return {
    ready: (): Promise<SyncRuntime> => {
      loading ??= loadSyncEngine().then(({ SyncRuntime }) => {
        runtime = new SyncRuntime(db, session);
        for (const listener of listeners) listener(runtime);
        return runtime;
      });
      return loading;
    },
    created: () => runtime,
    onCreated(listener: (runtime: SyncRuntime) => void): () => void {
      listeners.add(listener);
      if (runtime) listener(runtime);
      return () => listeners.delete(listener);
    },
  };
}

/**
 * Loads and starts the sync engine once the start screen has shown its content (start-signal.ts),
 * when a screen asks for it, or after START_AT_LATEST_MS, whichever comes first: its code is not
 * on the way to a technician's first job card (issue 10, ADR 0034).
 */
export function SyncProvider({ db, session, children }: { db: AppDb; session: SessionInfo; children: ReactNode }) {
  const [runtime, setRuntime] = useState<SyncRuntime | null>(null);
  const loader = useMemo(() => engineLoader(db, session), [db, session]);
  useEffect(() => {
    const unsubscribe = loader.onCreated((created) => {
      created.start();
      setRuntime(created);
    });
    const timer = setTimeout(() => void loader.ready(), START_AT_LATEST_MS);
    void whenStartScreenShown().then(() => loader.ready());
    return () => {
      unsubscribe();
      clearTimeout(timer);
      loader.created()?.stop();
      setRuntime(null);
    };
  }, [loader]);
  const engine = useMemo(() => ({ runtime, ready: loader.ready }), [runtime, loader]);
  return <SyncContext.Provider value={engine}>{children}</SyncContext.Provider>;
}

function useEngine(): Engine {
  const engine = useContext(SyncContext);
  if (!engine) throw new Error('useSync must be used inside <SyncProvider>');
  return engine;
}

/** The sync engine; a screen rendered before it has loaded suspends until it has (and asks for it now). */
export function useSync(): SyncRuntime {
  const engine = useEngine();
  return engine.runtime ?? use(engine.ready());
}

/** The engine if it has loaded, without waiting: for the shell, which renders before it. */
export function useSyncIfLoaded(): SyncRuntime | null {
  return useEngine().runtime;
}

/** The engine, when it is ready: for actions (a tap) taken in the shell before it has loaded. */
export function useSyncReady(): () => Promise<SyncRuntime> {
  return useEngine().ready;
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
  failure: LoopState['failure'];
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

const NOT_STARTED: LoopState = { syncing: false, failure: null, message: null, nextRetryAt: null };

/** The sync loop's state (syncing, last failure), as this tab knows it; idle until the engine has loaded. */
export function useLoopState(): LoopState {
  const runtime = useSyncIfLoaded();
  return useSyncExternalStore(
    (notify) => runtime?.subscribe(notify) ?? (() => undefined),
    () => runtime?.state ?? NOT_STARTED,
  );
}

/** Everything the status bar and the changes screen show, live from IndexedDB and the loop. */
/** The upload in progress in this tab (the leader), as a percentage; null when none is. */
function useUploadPercent(): number | null {
  const runtime = useSyncIfLoaded();
  return useSyncExternalStore(
    (notify) => runtime?.uploads.subscribe(notify) ?? (() => undefined),
    () => {
      if (!runtime) return null;
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
