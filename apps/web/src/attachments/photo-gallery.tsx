import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { formatDay, formatTime, useT } from '../i18n/index.ts';
import type { AppDb } from '../local-db/app-db.ts';
import { PhotoViewer } from './photo-viewer.tsx';
import { useUploadProgress } from './use-upload-progress.ts';
import { usePhotoSrc, type PhotoView } from './use-photos.ts';
import './photos.css';

type Props = {
  db: AppDb;
  views: readonly PhotoView[];
  canEdit: (view: PhotoView) => boolean;
  onDelete?: (view: PhotoView) => Promise<void>;
  onCaption?: (view: PhotoView, caption: string) => Promise<void>;
};

/** Who took a photo and when, for the thumbnail's title and the viewer. */
export function usePeople(db: AppDb, views: readonly PhotoView[]): Map<string, string> {
  const ids = [...new Set(views.map((v) => v.row.capturedBy))].sort().join(',');
  return (
    useLiveQuery(async () => {
      const people = await db.users.bulkGet(ids ? ids.split(',') : []);
      return new Map(people.filter((p) => p !== undefined).map((p) => [p.id, p.name]));
    }, [db, ids]) ?? new Map<string, string>()
  );
}

export function takenBy(view: PhotoView, people: Map<string, string>, t: ReturnType<typeof useT>): string {
  const when = `${formatDay(view.row.capturedAt)} ${formatTime(view.row.capturedAt)}`;
  return t('photos.by', { name: people.get(view.row.capturedBy) ?? t('photos.someone'), when });
}

function Badge({ view, progress }: { view: PhotoView; progress: { sent: number; size: number } | undefined }) {
  const t = useT();
  const { state } = view;
  if (progress && progress.size > 0) {
    return (
      <span className="photo-thumb__badge" data-state="uploading">
        {t('photos.uploading', { percent: Math.floor((progress.sent / progress.size) * 100) })}
      </span>
    );
  }
  if (state.kind === 'uploaded') return null;
  const text =
    state.kind === 'waiting'
      ? t('photos.onPhone')
      : state.kind === 'failed'
        ? t('photos.failed', { reason: state.reason })
        : t('photos.elsewhere');
  return (
    <span className="photo-thumb__badge" data-state={state.kind}>
      {text}
    </span>
  );
}

function Thumb({ view, label, onOpen }: { view: PhotoView; label: string; onOpen: () => void }) {
  const src = usePhotoSrc(view, 'thumb');
  return (
    <button type="button" className="photo-thumb__open" onClick={onOpen} aria-label={label}>
      {src ? <img src={src} alt="" loading="lazy" decoding="async" /> : <span className="photo-thumb__placeholder" />}
    </button>
  );
}

/**
 * Thumbnails at once (this phone's own copies, offline), full size on tap, who took each and
 * when, and where its bytes are: only on this phone, uploading, or on the server.
 */
export function PhotoGallery({ db, views, canEdit, onDelete, onCaption }: Props) {
  const t = useT();
  // The upload in progress in this tab: its photo shows a percentage.
  const progress = useUploadProgress();
  const people = usePeople(db, views);
  const [open, setOpen] = useState<number | null>(null);
  if (views.length === 0) return null;
  const current = open !== null ? views[open] : undefined;
  return (
    <>
      <ul className="photo-gallery" data-testid="photo-gallery">
        {views.map((view, i) => (
          <li
            key={view.row.id}
            className="photo-thumb"
            data-photo-id={view.row.id}
            data-state={view.state.kind}
            title={takenBy(view, people, t)}
          >
            <Thumb
              view={view}
              onOpen={() => setOpen(i)}
              label={t('photos.open', {
                n: i + 1,
                count: views.length,
                caption: view.row.caption || t('photos.noCaption'),
              })}
            />
            <Badge view={view} progress={progress.get(view.row.id)} />
          </li>
        ))}
      </ul>
      {current && open !== null && (
        <PhotoViewer
          key={current.row.id}
          view={current}
          n={open + 1}
          count={views.length}
          takenBy={takenBy(current, people, t)}
          editable={canEdit(current)}
          onClose={() => setOpen(null)}
          onPrevious={open > 0 ? () => setOpen(open - 1) : undefined}
          onNext={open < views.length - 1 ? () => setOpen(open + 1) : undefined}
          onDelete={
            onDelete
              ? async () => {
                  await onDelete(current);
                  setOpen(null);
                }
              : undefined
          }
          onCaption={onCaption ? (caption) => onCaption(current, caption) : undefined}
        />
      )}
    </>
  );
}
