import { useMemo, useState } from 'react';
import { useT } from '../../../i18n/index.ts';
import { useSync } from '../../../sync/sync-context.tsx';
import { refusalMessage } from '../../../sync/refusal.ts';
import { migrateAnswers, type FormVersionRow } from '@lastmile/domain';
import { fieldIndex, type Answers } from './answers.ts';

type Props = { responseId: string; current: FormVersionRow; latest: FormVersionRow; answers: Answers };

function labelsOf(version: FormVersionRow, keys: string[]): string {
  const index = fieldIndex(version.definition);
  return keys
    .map((key) => {
      const [top, child] = key.split('.');
      const field = index.get(top ?? key)?.field;
      if (!field) return key;
      const childField = child && field.type === 'group' ? field.fields.find((f) => f.key === child) : undefined;
      return childField ? `${field.label}: ${childField.label}` : field.label;
    })
    .join(', ');
}

/** "A newer version exists": shows what moving would drop and add, and moves only when confirmed. */
export function NewerVersionBanner({ responseId, current, latest, answers }: Props) {
  const t = useT();
  const sync = useSync();
  const [asking, setAsking] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const summary = useMemo(
    () => migrateAnswers(current.definition, latest.definition, answers),
    [current.definition, latest.definition, answers],
  );
  const version = latest.version;
  return (
    <section className="form-fill__banner" aria-live="polite" data-testid="newer-version">
      <p>
        <strong>{t('forms.newer.title', { version })}</strong>
      </p>
      {asking ? (
        <>
          <p>{t('forms.newer.summary', { version })}</p>
          <ul>
            {summary.dropped.length > 0 && (
              <li>
                {t('forms.newer.dropped', {
                  count: summary.dropped.length,
                  fields: labelsOf(current, summary.dropped),
                })}
              </li>
            )}
            {summary.added.length > 0 && (
              <li>
                {t('forms.newer.added', { count: summary.added.length, fields: labelsOf(latest, summary.added) })}
              </li>
            )}
            {summary.dropped.length === 0 && summary.added.length === 0 && <li>{t('forms.newer.nothing')}</li>}
          </ul>
          <div className="job__buttons">
            <button
              type="button"
              className="button button--primary"
              onClick={() => {
                sync.mutate('moveFormToVersion', { responseId, templateVersionId: latest.id }).then(
                  () => setAsking(false),
                  (e: unknown) => setError(refusalMessage(e, t('forms.error.unexpected'))),
                );
              }}
            >
              {t('forms.newer.confirm', { version })}
            </button>
            <button type="button" className="button button--ghost" onClick={() => setAsking(false)}>
              {t('forms.newer.cancel', { version: current.version })}
            </button>
          </div>
        </>
      ) : (
        <button type="button" className="button button--ghost" onClick={() => setAsking(true)}>
          {t('forms.newer.move', { version })}
        </button>
      )}
      <p className="form-error" role="alert">
        {error ?? ''}
      </p>
    </section>
  );
}
