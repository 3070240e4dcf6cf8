import { REVIEW_MODES, type ReviewMode, type ReviewSettings } from '@lastmile/domain';
import { useId, useState } from 'react';
import { useT, type MessageKey } from '../../i18n/index.ts';
import { adminApi, adminKeys } from './admin-api.ts';
import { useSectionSave } from './use-section-save.ts';

const MODE_TEXT: Record<ReviewMode, { label: MessageKey; hint: MessageKey }> = {
  office: { label: 'admin.review.office', hint: 'admin.review.officeHint' },
  lead_then_office: { label: 'admin.review.leadThenOffice', hint: 'admin.review.leadThenOfficeHint' },
  lead: { label: 'admin.review.lead', hint: 'admin.review.leadHint' },
};

/** Who reviews submitted work: the office, a lead then the office, or the lead alone (ADR 0021). */
export function ReviewSection({ settings }: { settings: ReviewSettings }) {
  const t = useT();
  const id = useId();
  const [mode, setMode] = useState<ReviewMode>(settings.mode);
  const { busy, problem, notice, save: saveWith } = useSectionSave(adminKeys.review);

  const save = () => saveWith(() => adminApi.setReview({ mode }), t('admin.review.saved'));

  return (
    <section className="admin-section" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t('admin.review.title')}</h2>
      <form
        className="office-form"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <fieldset className="admin-choices">
          <legend>{t('admin.review.legend')}</legend>
          {REVIEW_MODES.map((value) => (
            <div key={value} className="admin-choice">
              <label>
                <input
                  type="radio"
                  name={`${id}-mode`}
                  value={value}
                  checked={mode === value}
                  aria-describedby={`${id}-${value}-hint`}
                  onChange={() => setMode(value)}
                />
                {t(MODE_TEXT[value].label)}
              </label>
              <span id={`${id}-${value}-hint`} className="field__hint">
                {t(MODE_TEXT[value].hint)}
              </span>
            </div>
          ))}
        </fieldset>
        <p className="field__hint">{t('admin.review.note')}</p>
        <p className="form-error" role="alert">
          {problem}
        </p>
        <p className="admin-notice" role="status">
          {notice}
        </p>
        <button type="submit" className="button button--primary" disabled={busy}>
          {t('admin.review.save')}
        </button>
      </form>
    </section>
  );
}
