import { photoSettingsSchema, type PhotoSettings } from '@lastmile/domain';
import { useId, useState } from 'react';
import { useT } from '../../i18n/index.ts';
import { useServerForm } from '../../ui/forms/form-errors.ts';
import { OfficeForm } from '../../ui/forms/office-form.tsx';
import { SelectField, TextField } from '../../ui/forms/text-field.tsx';
import { adminApi, adminKeys, useRefreshAdmin } from './admin-api.ts';

const MB = 1024 * 1024;
const number = (text: string) => (text.trim() === '' ? Number.NaN : Number(text.replace(',', '.')));

/** The photo limits phones apply offline and the server enforces (R9). */
export function PhotosSection({ settings }: { settings: PhotoSettings }) {
  const t = useT();
  const id = useId();
  const form = useServerForm();
  const refresh = useRefreshAdmin();
  const [v, setV] = useState<{
    maxMb: string;
    maxPerJob: string;
    longEdge: string;
    encodeAs: string;
    keepLocation: boolean;
  }>({
    maxMb: String(Math.round((settings.maxBytes / MB) * 10) / 10),
    maxPerJob: String(settings.maxPerJob),
    longEdge: String(settings.longEdge),
    encodeAs: settings.encodeAs,
    keepLocation: settings.keepLocation,
  });
  const input = {
    ...settings,
    maxBytes: Math.round(number(v.maxMb) * MB),
    maxPerJob: number(v.maxPerJob),
    longEdge: number(v.longEdge),
    encodeAs: v.encodeAs,
    keepLocation: v.keepLocation,
  };
  return (
    <section className="admin-section" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t('admin.photos.title')}</h2>
      <OfficeForm
        form={form}
        submitLabel={t('admin.photos.save')}
        onSubmit={() =>
          void form
            .submit(photoSettingsSchema, input, (body) => adminApi.setPhotos(body))
            .then((saved) => saved && refresh(adminKeys.photos))
        }
      >
        <TextField
          label={t('admin.photos.maxMb')}
          inputMode="decimal"
          value={v.maxMb}
          error={form.errors['maxBytes']}
          onChange={(maxMb) => setV({ ...v, maxMb })}
        />
        <TextField
          label={t('admin.photos.maxPerJob')}
          inputMode="numeric"
          value={v.maxPerJob}
          error={form.errors['maxPerJob']}
          onChange={(maxPerJob) => setV({ ...v, maxPerJob })}
        />
        <TextField
          label={t('admin.photos.longEdge')}
          hint={t('admin.photos.longEdgeHint')}
          inputMode="numeric"
          value={v.longEdge}
          error={form.errors['longEdge']}
          onChange={(longEdge) => setV({ ...v, longEdge })}
        />
        <SelectField
          label={t('admin.photos.encodeAs')}
          value={v.encodeAs}
          error={form.errors['encodeAs']}
          options={[
            { value: 'image/jpeg', label: t('admin.photos.jpeg') },
            { value: 'image/webp', label: t('admin.photos.webp') },
          ]}
          onChange={(encodeAs) => setV({ ...v, encodeAs })}
        />
        <div className="admin-choice">
          <label>
            <input
              type="checkbox"
              checked={v.keepLocation}
              aria-describedby={`${id}-location-hint`}
              onChange={(e) => setV({ ...v, keepLocation: e.target.checked })}
            />
            {t('admin.photos.keepLocation')}
          </label>
          <span id={`${id}-location-hint`} className="field__hint">
            {t('admin.photos.keepLocationHint')}
          </span>
        </div>
      </OfficeForm>
    </section>
  );
}
