import { useId, useRef, useState } from 'react';
import { useT } from '../i18n/index.ts';

type Props = {
  disabled?: boolean;
  /** Called with the chosen files; resolves once they are stored (the buttons wait meanwhile). */
  onFiles: (files: File[]) => Promise<void>;
};

/**
 * Two ways in, because `capture` opens the camera at once on a phone but allows one photo and no
 * gallery: "Take photo" (camera) and "Choose photos" (several, from the gallery or, on a desktop,
 * the file system). Works offline: nothing here touches the network.
 */
export function PhotoPicker({ disabled = false, onFiles }: Props) {
  const t = useT();
  const id = useId();
  const camera = useRef<HTMLInputElement>(null);
  const gallery = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(0);

  async function take(input: HTMLInputElement) {
    const files = [...(input.files ?? [])];
    input.value = '';
    if (files.length === 0) return;
    setBusy(files.length);
    try {
      await onFiles(files);
    } finally {
      setBusy(0);
    }
  }

  return (
    <div className="photo-picker">
      <input
        ref={camera}
        id={`${id}-camera`}
        type="file"
        accept="image/*"
        capture="environment"
        hidden
        onChange={(event) => void take(event.currentTarget)}
      />
      <input
        ref={gallery}
        id={`${id}-gallery`}
        data-testid="photo-input"
        type="file"
        accept="image/jpeg,image/png,image/webp,image/heic,image/heif,image/*"
        multiple
        hidden
        onChange={(event) => void take(event.currentTarget)}
      />
      <button
        type="button"
        className="button photo-picker__button"
        disabled={disabled || busy > 0}
        onClick={() => camera.current?.click()}
      >
        <span aria-hidden="true">📷 </span>
        {t('photos.take')}
      </button>
      <button
        type="button"
        className="button button--ghost photo-picker__button"
        disabled={disabled || busy > 0}
        onClick={() => gallery.current?.click()}
      >
        {t('photos.choose')}
      </button>
      {busy > 0 && (
        <span className="photo-picker__busy" role="status">
          {t('photos.processing', { count: busy })}
        </span>
      )}
    </div>
  );
}
