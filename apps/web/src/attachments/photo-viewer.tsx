import { useEffect, useId, useRef, useState } from 'react';
import { useT } from '../i18n/index.ts';
import { useReturnFocus } from '../ui/use-return-focus.ts';
import { usePhotoSrc, type PhotoView } from './use-photos.ts';

type Props = {
  view: PhotoView;
  n: number;
  count: number;
  takenBy: string;
  editable: boolean;
  onClose: () => void;
  onPrevious: (() => void) | undefined;
  onNext: (() => void) | undefined;
  onDelete: (() => Promise<void>) | undefined;
  onCaption: ((caption: string) => Promise<void>) | undefined;
};

/**
 * One photo full size in a modal dialog: caption, who and when, previous/next, delete (a retake).
 * Keyed by the photo's id where it is used, so the caption field starts from each photo's own.
 */
export function PhotoViewer({
  view,
  n,
  count,
  takenBy,
  editable,
  onClose,
  onPrevious,
  onNext,
  onDelete,
  onCaption,
}: Props) {
  const t = useT();
  const id = useId();
  const ref = useRef<HTMLDialogElement>(null);
  const src = usePhotoSrc(view, 'full');
  const [caption, setCaption] = useState(view.row.caption);
  const [error, setError] = useState<string | null>(null);
  useReturnFocus();

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);

  async function run(action: () => Promise<void>) {
    try {
      await action();
      setError(null);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  }

  return (
    <dialog
      ref={ref}
      className="photo-viewer"
      aria-labelledby={`${id}-title`}
      onCancel={onClose}
      onKeyDown={(event) => {
        if (event.key === 'ArrowLeft' && onPrevious) onPrevious();
        if (event.key === 'ArrowRight' && onNext) onNext();
      }}
    >
      <h2 id={`${id}-title`} className="photo-viewer__title">
        {t('photos.viewer', { n, count })}
      </h2>
      <figure className="photo-viewer__figure">
        {src ? (
          <img src={src} alt={view.row.caption} className="photo-viewer__image" data-testid="photo-full" />
        ) : (
          <p className="job__muted">{t('photos.offlineFull')}</p>
        )}
        <figcaption className="job__muted">{takenBy}</figcaption>
      </figure>
      {editable && onCaption ? (
        <form
          className="photo-viewer__caption"
          onSubmit={(event) => {
            event.preventDefault();
            void run(() => onCaption(caption.trim()));
          }}
        >
          <label htmlFor={`${id}-caption`}>{t('photos.caption')}</label>
          <input
            id={`${id}-caption`}
            value={caption}
            maxLength={500}
            onChange={(event) => setCaption(event.target.value)}
          />
          <button type="submit" className="button button--ghost" disabled={caption.trim() === view.row.caption}>
            {t('photos.saveCaption')}
          </button>
        </form>
      ) : view.row.caption ? (
        <p>{view.row.caption}</p>
      ) : null}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <div className="photo-viewer__actions">
        <button type="button" className="button button--ghost" onClick={onPrevious} disabled={!onPrevious}>
          ‹
        </button>
        <button type="button" className="button button--ghost" onClick={onNext} disabled={!onNext}>
          ›
        </button>
        {editable && onDelete && (
          <button
            type="button"
            className="button button--danger"
            onClick={() => {
              if (window.confirm(t('photos.deleteConfirm'))) void run(onDelete);
            }}
          >
            {t('photos.delete')}
          </button>
        )}
        <button type="button" className="button" onClick={onClose} autoFocus>
          {t('photos.close')}
        </button>
      </div>
    </dialog>
  );
}
