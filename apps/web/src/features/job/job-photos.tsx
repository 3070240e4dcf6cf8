import type { JobRow, SessionInfo } from '@lastmile/domain';
import { useId, useState } from 'react';
import { PhotoGallery } from '../../attachments/photo-gallery.tsx';
import { PhotoPicker } from '../../attachments/photo-picker.tsx';
import { captionPhoto, deletePhoto } from '../../attachments/photo-actions.ts';
import { refusedLines, useStorePhotos } from '../../attachments/use-store-photos.ts';
import { useJobPhotos, type PhotoView } from '../../attachments/use-photos.ts';
import { useT } from '../../i18n/index.ts';
import { useAppDb } from '../../local-db/app-db-context.tsx';
import { useSync } from '../../sync/sync-context.tsx';
import { refusalMessage } from '../../sync/refusal.ts';

/**
 * Every photo of the job — its own, its form's, its thread's, its items' — with where each one's
 * bytes are (R9: the person sees which are still only on this phone), and a way to add more.
 */
export function JobPhotos({ session, job }: { session: SessionInfo; job: JobRow }) {
  const t = useT();
  const db = useAppDb();
  const sync = useSync();
  const headingId = useId();
  const views = useJobPhotos(db, job.id);
  const store = useStorePhotos();
  const [error, setError] = useState<string | null>(null);
  const onPhone = views?.filter((v) => v.state.kind === 'waiting' || v.state.kind === 'failed').length ?? 0;
  // Taken on someone else's phone, recorded here, bytes not on the server yet.
  const elsewhere = views?.filter((v) => v.state.kind === 'elsewhere').length ?? 0;
  const canEdit = (view: PhotoView) => view.row.capturedBy === session.user.id || session.user.role !== 'technician';

  return (
    <section className="job__photos" aria-labelledby={headingId}>
      <h2 id={headingId}>
        {t('photos.jobSection')}{' '}
        {views && views.length > 0 && <small>({t('photos.count', { count: views.length })})</small>}
      </h2>
      {onPhone > 0 && (
        <p className="job__muted" data-testid="photos-on-phone">
          {t('photos.jobPending', { count: onPhone })}
        </p>
      )}
      {elsewhere > 0 && (
        <p className="job__muted" data-testid="photos-uploading-elsewhere">
          {t('photos.stillUploading', { count: elsewhere })}
        </p>
      )}
      {views && views.length === 0 && <p className="job__muted">{t('photos.none')}</p>}
      {views && (
        <PhotoGallery
          db={db}
          views={views}
          canEdit={canEdit}
          onDelete={(view) => deletePhoto(db, sync, view.row.id)}
          onCaption={(view, caption) => captionPhoto(sync, view.row.id, caption)}
        />
      )}
      <PhotoPicker
        onFiles={async (files) => {
          try {
            setError(refusedLines(await store(files, { kind: 'job', jobId: job.id }), t));
          } catch (e) {
            setError(refusalMessage(e, t('job.error.unexpected')));
          }
        }}
      />
      <p className="form-error" role="alert">
        {error ?? ''}
      </p>
    </section>
  );
}
