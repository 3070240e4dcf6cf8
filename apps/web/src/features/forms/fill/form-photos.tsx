import type { LeafField } from '@lastmile/domain';
import { createContext, useContext, useEffect, useRef, useState } from 'react';
import { PhotoGallery } from '../../../attachments/photo-gallery.tsx';
import { PhotoPicker } from '../../../attachments/photo-picker.tsx';
import { captionPhoto, deletePhoto } from '../../../attachments/photo-actions.ts';
import { storeSignature } from '../../../attachments/store-photos.ts';
import { refusedLines, useStorePhotos } from '../../../attachments/use-store-photos.ts';
import { useObjectUrl, usePhotosByIds } from '../../../attachments/use-photos.ts';
import { useT } from '../../../i18n/index.ts';
import { useAppDb } from '../../../local-db/app-db-context.tsx';
import { useSync } from '../../../sync/sync-context.tsx';
import { refusalMessage } from '../../../sync/refusal.ts';
import { SignaturePad } from './signature-pad.tsx';

/**
 * What a photo or signature field needs to store a photo against its answer: the job, and the
 * form's response id (started on first use, like the first answer). Absent where the form is
 * only read (a reviewer's view), so the fields show their photos without a camera button.
 */
export type FormPhotoTarget = { jobId: string; userId: string; ensureResponse: () => Promise<string> };
export const FormPhotoContext = createContext<FormPhotoTarget | null>(null);

type PhotosProps = {
  field: Extract<LeafField, { type: 'photos' }>;
  value: string[];
  readOnly: boolean;
  onChange: (value: string[] | null) => void;
};

/**
 * A photo field: the answer is the list of its photos' ids. It counts as answered once the photos
 * are on this phone — the form can be submitted offline; the bytes follow by upload (R9).
 */
export function PhotosInput({ field, value, readOnly, onChange }: PhotosProps) {
  const t = useT();
  const db = useAppDb();
  const sync = useSync();
  const target = useContext(FormPhotoContext);
  const store = useStorePhotos();
  const views = usePhotosByIds(db, value);
  const [error, setError] = useState<string | null>(null);
  // The latest answer, for photos stored after a slow decode: never drop one added meanwhile.
  const latest = useRef(value);
  useEffect(() => {
    latest.current = value;
  }, [value]);
  const editable = !readOnly && target !== null;
  const room = field.maxPhotos - value.length;
  const elsewhere = views?.filter((v) => v.state.kind === 'elsewhere').length ?? 0;

  return (
    <div className="form-photos">
      {views && (
        <PhotoGallery
          db={db}
          views={views}
          canEdit={(view) => editable && view.row.capturedBy === target.userId}
          onDelete={async (view) => {
            const rest = latest.current.filter((p) => p !== view.row.id);
            onChange(rest.length ? rest : null);
            await deletePhoto(db, sync, view.row.id);
          }}
          onCaption={(view, caption) => captionPhoto(sync, view.row.id, caption)}
        />
      )}
      {elsewhere > 0 && <p className="form-field__note">{t('photos.stillUploading', { count: elsewhere })}</p>}
      {editable && room > 0 && (
        <PhotoPicker
          onFiles={async (files) => {
            try {
              const responseId = await target.ensureResponse();
              const result = await store(files.slice(0, room), {
                kind: 'answer',
                jobId: target.jobId,
                responseId,
                fieldKey: field.key,
              });
              if (result.stored.length) onChange([...latest.current, ...result.stored]);
              const over = files.length > room ? t('photos.max', { max: field.maxPhotos }) : null;
              setError([refusedLines(result, t), over].filter(Boolean).join('\n') || null);
            } catch (e) {
              setError(refusalMessage(e, t('forms.error.unexpected')));
            }
          }}
        />
      )}
      {editable && <p className="form-field__note">{t('photos.max', { max: field.maxPhotos })}</p>}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

type SignatureProps = {
  id: string;
  fieldKey: string;
  label: string;
  value: string | null;
  readOnly: boolean;
  describedBy: string | undefined;
  onChange: (value: string | null) => void;
};

/** The image to show for a signature answer: an attachment id, or a data URL from before attachments. */
function useSignatureUrl(value: string | null): string | null {
  const db = useAppDb();
  const legacy = value?.startsWith('data:') ? value : null;
  const views = usePhotosByIds(db, value && !legacy ? [value] : []);
  const view = views?.[0];
  const local = useObjectUrl(view?.localFull ?? view?.localThumb ?? null);
  if (legacy) return legacy;
  if (local) return local;
  return view?.row.state === 'available' ? `/api/attachments/${view.row.id}` : null;
}

/** A signature field: drawn (or typed) on the phone, kept as a PNG attachment; the answer is its id. */
export function SignatureInput({ id, fieldKey, label, value, readOnly, describedBy, onChange }: SignatureProps) {
  const t = useT();
  const db = useAppDb();
  const sync = useSync();
  const target = useContext(FormPhotoContext);
  const imageUrl = useSignatureUrl(value);
  const [error, setError] = useState<string | null>(null);
  const replaced = (old: string | null) => {
    if (old && !old.startsWith('data:')) void deletePhoto(db, sync, old).catch(() => undefined);
  };
  return (
    <>
      <SignaturePad
        id={id}
        label={label}
        imageUrl={imageUrl}
        readOnly={readOnly || target === null}
        describedBy={describedBy}
        onSigned={(png) => {
          if (!target) return;
          void (async () => {
            try {
              const responseId = await target.ensureResponse();
              const stored = await storeSignature(db, sync, png, {
                kind: 'answer',
                jobId: target.jobId,
                responseId,
                fieldKey,
              });
              onChange(stored);
              replaced(value);
              setError(null);
            } catch (e) {
              setError(refusalMessage(e, t('forms.error.unexpected')));
            }
          })();
        }}
        onClear={() => {
          onChange(null);
          replaced(value);
        }}
      />
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </>
  );
}
