import { useCallback } from 'react';
import { useSession } from '../app/session/session-context.tsx';
import { useT } from '../i18n/index.ts';
import { useAppDb } from '../local-db/app-db-context.tsx';
import { useSync } from '../sync/sync-context.tsx';
import { storePhotos, type PhotoTarget, type StoreResult } from './store-photos.ts';

/** Stores photos for a target under the organization's settings; the screen shows what was refused. */
export function useStorePhotos(): (files: readonly File[], target: PhotoTarget) => Promise<StoreResult> {
  const db = useAppDb();
  const sync = useSync();
  const session = useSession();
  const t = useT();
  return useCallback(
    (files, target) => storePhotos(db, sync, session.org.photos, files, target, { notAPhoto: t('photos.notAPhoto') }),
    [db, sync, session.org.photos, t],
  );
}

/** The refused files of a store, as one line each for the screen ("IMG_1.jpg: too large …"). */
export function refusedLines(result: StoreResult, t: ReturnType<typeof useT>): string | null {
  if (result.refused.length === 0) return null;
  return result.refused.map((r) => t('photos.refused', { name: r.name, reason: r.reason })).join('\n');
}
