import type { OfficeWindowSettings } from '@lastmile/domain';
import { useId, useState } from 'react';
import { useT } from '../../i18n/index.ts';
import { adminApi, adminKeys } from './admin-api.ts';
import { useSectionSave } from './use-section-save.ts';

/** How many days of closed work the office's devices keep (ADR 0040); older jobs are read online. */
export function OfficeWindowSection({ settings }: { settings: OfficeWindowSettings }) {
  const t = useT();
  const id = useId();
  const [days, setDays] = useState(String(settings.closedDays));
  const { busy, problem, notice, save: saveWith } = useSectionSave(adminKeys.officeWindow);

  const save = () =>
    saveWith(() => adminApi.setOfficeWindow({ closedDays: Number(days) }), t('admin.officeWindow.saved'));

  return (
    <section className="admin-section" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t('admin.officeWindow.title')}</h2>
      <form
        className="office-form"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <div className="field">
          <label htmlFor={`${id}-days`}>{t('admin.officeWindow.days')}</label>
          <input
            id={`${id}-days`}
            type="number"
            inputMode="numeric"
            min={1}
            max={3650}
            step={1}
            value={days}
            aria-describedby={`${id}-hint`}
            onChange={(e) => setDays(e.target.value)}
          />
          <span id={`${id}-hint`} className="field__hint">
            {t('admin.officeWindow.hint')}
          </span>
        </div>
        <p className="form-error" role="alert">
          {problem}
        </p>
        <p className="admin-notice" role="status">
          {notice}
        </p>
        <button type="submit" className="button button--primary" disabled={busy}>
          {t('admin.officeWindow.save')}
        </button>
      </form>
    </section>
  );
}
