import { formatBytes } from '@lastmile/domain';
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState } from 'react';
import { useT } from '../i18n/index.ts';
import type { AppDb } from '../local-db/app-db.ts';
import { STORAGE_WARN_RATIO, storageUse, type StorageUse } from './storage-pressure.ts';
import './photos.css';

function download(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * The photos whose bytes are still only on this phone — waiting, uploading, or not accepted
 * (with the reason, a way to try again and a way to save the photo itself) — and how full the
 * phone's storage for the app is.
 */
export function PhotoUploadsPanel({ db, onRetry }: { db: AppDb; onRetry: () => void }) {
  const t = useT();
  const uploads = useLiveQuery(async () => {
    const entries = await db._uploads.orderBy('createdAt').toArray();
    const jobs = await db.jobs.bulkGet(entries.map((e) => e.jobId ?? ''));
    return entries.map((entry, i) => ({ entry, number: jobs[i]?.number ?? null }));
  }, [db]);
  const [use, setUse] = useState<StorageUse>(null);
  useEffect(() => {
    let live = true;
    void storageUse().then((value) => live && setUse(value));
    return () => {
      live = false;
    };
  }, [uploads?.length]);

  return (
    <section aria-labelledby="photo-uploads-title" data-testid="photo-uploads">
      <h2 id="photo-uploads-title">{t('photos.uploadsTitle', { count: uploads?.length ?? 0 })}</h2>
      {uploads && uploads.length === 0 && <p>{t('photos.uploadsNone')}</p>}
      <ul className="changes__list">
        {uploads?.map(({ entry, number }) => (
          <li key={entry.id} className={`changes__item${entry.state === 'failed' ? ' changes__item--refused' : ''}`}>
            <p className="changes__what">
              {number ? t('photos.uploadOnJob', { number, size: formatBytes(entry.size) }) : formatBytes(entry.size)}
            </p>
            {entry.state === 'failed' ? (
              <>
                <p className="changes__reason">{t('changes.why', { reason: entry.error ?? '' })}</p>
                <div className="changes__actions">
                  <button
                    type="button"
                    className="button button--ghost"
                    onClick={() =>
                      void db._uploads
                        .update(entry.id, { state: 'waiting', notBefore: 0, attempts: 0, error: null })
                        .then(onRetry)
                    }
                  >
                    {t('photos.retry')}
                  </button>
                  <button
                    type="button"
                    className="button button--ghost"
                    onClick={() =>
                      void db._blobs
                        .get(entry.id)
                        .then((blob) => blob?.full && download(blob.full, `photo-${entry.id}.jpg`))
                    }
                  >
                    {t('photos.saveFile')}
                  </button>
                </div>
              </>
            ) : entry.error ? (
              <p className="changes__meta">{t('photos.lastTry', { reason: entry.error })}</p>
            ) : null}
          </li>
        ))}
      </ul>
      {use && (
        <p
          className={use.ratio >= STORAGE_WARN_RATIO ? 'notice notice--warn' : 'changes__meta'}
          data-testid="storage-use"
        >
          {t(use.ratio >= STORAGE_WARN_RATIO ? 'photos.storageFull' : 'photos.storage', {
            used: formatBytes(use.usage),
            quota: formatBytes(use.quota),
            percent: Math.round(use.ratio * 100),
          })}
        </p>
      )}
    </section>
  );
}
