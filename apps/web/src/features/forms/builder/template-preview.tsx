import type { TemplateDefinition } from '@lastmile/domain';
import { useCallback, useState } from 'react';
import { useT } from '../../../i18n/index.ts';
import type { Answers, AnswerValue } from '../fill/answers.ts';
import { FormView } from '../fill/form-view.tsx';

const NO_KEYS: readonly string[] = [];
const NO_REQUIRED: ReadonlySet<string> = new Set();
const NO_ERRORS = {};

/** The draft as the phone shows it, filled with throwaway answers (conditions work live). */
export function TemplatePreview({ definition }: { definition: TemplateDefinition }) {
  const t = useT();
  const [answers, setAnswers] = useState<Answers>({});
  const onChange = useCallback(
    (key: string, value: AnswerValue | null) => setAnswers((a) => ({ ...a, [key]: value })),
    [],
  );
  return (
    <aside className="builder-preview" aria-label={t('builder.tab.preview')}>
      <h2>{t('builder.tab.preview')}</h2>
      <p className="builder__muted">{t('builder.preview.intro')}</p>
      <div className="builder-preview__phone">
        <FormView
          definition={definition}
          answers={answers}
          metas={NO_ERRORS}
          onChange={onChange}
          keyFields={NO_KEYS}
          requiredKeys={NO_REQUIRED}
          readOnly={false}
          errors={NO_ERRORS}
          idPrefix="p"
          startOpen
        />
      </div>
      <button type="button" className="button button--ghost" onClick={() => setAnswers({})}>
        {t('builder.preview.reset')}
      </button>
    </aside>
  );
}
