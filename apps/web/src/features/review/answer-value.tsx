import type { AnswerValue, LeafField } from '@lastmile/domain';
import { usePhotosByIds } from '../../attachments/use-photos.ts';
import { PhotoGallery } from '../../attachments/photo-gallery.tsx';
import { useT } from '../../i18n/index.ts';
import type { AppDb } from '../../local-db/app-db.ts';

/** Any stored value as text (values are JSON: objects only inside repeat groups). */
function text(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/** An answer as text a reviewer reads: choice labels, units, Yes/No, Pass/Fail. */
export function useFormatAnswer(): (field: LeafField, value: unknown) => string {
  const t = useT();
  return (field, value) => {
    if (value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0))
      return t('review.unanswered');
    switch (field.type) {
      case 'number':
        return field.unit ? `${text(value)} ${field.unit}` : text(value);
      case 'yesNo':
        return t(value === true ? 'forms.yes' : 'forms.no');
      case 'passFail':
        return t(value === 'pass' ? 'forms.pass' : value === 'fail' ? 'forms.fail' : 'forms.na');
      case 'singleChoice':
        return field.choices.find((c) => c.value === value)?.label ?? text(value);
      case 'multipleChoice':
        return (Array.isArray(value) ? value : [value])
          .map((v) => field.choices.find((c) => c.value === v)?.label ?? text(v))
          .join(', ');
      case 'photos':
        return t('review.photoCount', { count: Array.isArray(value) ? value.length : 0 });
      case 'signature':
        return t('review.signed');
      default:
        return text(value);
    }
  };
}

/** Photos and signatures full size (the shared gallery and viewer), read-only. */
export function AnswerMedia({
  db,
  field,
  value,
}: {
  db: AppDb;
  field: LeafField;
  value: AnswerValue | null | undefined;
}) {
  const t = useT();
  const ids =
    field.type === 'photos' && Array.isArray(value)
      ? value.filter((v): v is string => typeof v === 'string')
      : field.type === 'signature' && typeof value === 'string' && !value.startsWith('data:')
        ? [value]
        : [];
  const views = usePhotosByIds(db, ids);
  if (field.type === 'signature' && typeof value === 'string' && value.startsWith('data:')) {
    return <img className="review-signature" src={value} alt={t('review.signatureOf', { label: field.label })} />;
  }
  if (!views || views.length === 0) return null;
  return <PhotoGallery db={db} views={views} canEdit={() => false} />;
}
