import { useId } from 'react';
import { useT } from '../../../i18n/index.ts';
import { keyFromLabel } from './builder-ops.ts';

type Choice = { value: string; label: string };

/** The options of a choice field: label and stored value per row, add and remove. */
export function ChoicesEditor({ choices, onChange }: { choices: Choice[]; onChange: (choices: Choice[]) => void }) {
  const t = useT();
  const id = useId();
  const update = (index: number, patch: Partial<Choice>) =>
    onChange(choices.map((c, i) => (i === index ? { ...c, ...patch } : c)));
  return (
    <fieldset className="builder-choices">
      <legend>{t('builder.choices.title')}</legend>
      {choices.map((choice, index) => (
        <div
          key={index}
          className="builder-row"
          role="group"
          aria-label={t('builder.choices.row', { number: index + 1 })}
        >
          <div className="field">
            <label htmlFor={`${id}-${index}-label`}>{t('builder.choices.label', { number: index + 1 })}</label>
            <input
              id={`${id}-${index}-label`}
              value={choice.label}
              maxLength={200}
              onChange={(e) => update(index, { label: e.target.value })}
            />
          </div>
          <div className="field">
            <label htmlFor={`${id}-${index}-value`}>{t('builder.choices.value', { number: index + 1 })}</label>
            <input
              id={`${id}-${index}-value`}
              value={choice.value}
              maxLength={64}
              spellCheck={false}
              onChange={(e) => update(index, { value: e.target.value })}
            />
          </div>
          {choices.length > 1 && (
            <button
              type="button"
              className="button button--ghost"
              onClick={() => onChange(choices.filter((_, i) => i !== index))}
            >
              {t('builder.choices.remove', { label: choice.label })}
            </button>
          )}
        </div>
      ))}
      <button
        type="button"
        className="button button--ghost"
        onClick={() => {
          const label = t('builder.choices.newLabel', { number: choices.length + 1 });
          onChange([...choices, { value: keyFromLabel(label, new Set(choices.map((c) => c.value))), label }]);
        }}
      >
        {t('builder.choices.add')}
      </button>
    </fieldset>
  );
}
