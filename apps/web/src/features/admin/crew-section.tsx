import type { CrewSettings } from '@lastmile/domain';
import { useId, useState } from 'react';
import { useT } from '../../i18n/index.ts';
import { adminApi, adminKeys } from './admin-api.ts';
import { useSectionSave } from './use-section-save.ts';

/** Shared phones (crew mode, ADR 0033): how long one may lie untouched before it asks who holds it. */
export function CrewSection({ settings }: { settings: CrewSettings }) {
  const t = useT();
  const id = useId();
  const [minutes, setMinutes] = useState(String(settings.idleMinutes));
  const { busy, problem, notice, save: saveWith } = useSectionSave(adminKeys.crew);

  const save = () => saveWith(() => adminApi.setCrew({ idleMinutes: Number(minutes) }), t('admin.crew.saved'));

  return (
    <section className="admin-section" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t('admin.crew.title')}</h2>
      <form
        className="office-form"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <div className="field">
          <label htmlFor={`${id}-idle`}>{t('admin.crew.idle')}</label>
          <input
            id={`${id}-idle`}
            type="number"
            inputMode="numeric"
            min={1}
            max={240}
            step={1}
            value={minutes}
            aria-describedby={`${id}-hint`}
            onChange={(e) => setMinutes(e.target.value)}
          />
          <span id={`${id}-hint`} className="field__hint">
            {t('admin.crew.hint')}
          </span>
        </div>
        <p className="form-error" role="alert">
          {problem}
        </p>
        <p className="admin-notice" role="status">
          {notice}
        </p>
        <button type="submit" className="button button--primary" disabled={busy}>
          {t('admin.crew.save')}
        </button>
      </form>
    </section>
  );
}
