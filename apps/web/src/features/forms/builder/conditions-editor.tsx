import { CONDITION_OPERATORS, type Condition, type Field, type Visibility } from '@lastmile/domain';
import { useId } from 'react';
import { useT } from '../../../i18n/index.ts';
import { emptyCondition } from './builder-ops.ts';

type Props = {
  value: Visibility | null;
  /** Earlier fields a condition may test. */
  sources: Field[];
  onChange: (value: Visibility | null) => void;
};

const needsValue = (op: Condition['op']) => op !== 'answered' && op !== 'unanswered';

/** "Show only when …": rows of field, operator, value; combined with all or any. */
export function ConditionsEditor({ value, sources, onChange }: Props) {
  const t = useT();
  const id = useId();
  const conditions = value?.conditions ?? [];
  const match = value?.match ?? 'all';
  const set = (next: Condition[], nextMatch = match) =>
    onChange(next.length === 0 ? null : { match: nextMatch, conditions: next });

  if (sources.length === 0) return <p className="builder__muted">{t('builder.conditions.noSources')}</p>;
  return (
    <fieldset className="builder-conditions">
      <legend>{t('builder.conditions.title')}</legend>
      {conditions.length === 0 && <p className="builder__muted">{t('builder.conditions.always')}</p>}
      {conditions.length > 1 && (
        <div className="field">
          <label htmlFor={`${id}-match`}>{t('builder.conditions.match')}</label>
          <select
            id={`${id}-match`}
            value={match}
            onChange={(e) => set(conditions, e.target.value as Visibility['match'])}
          >
            <option value="all">{t('builder.conditions.all')}</option>
            <option value="any">{t('builder.conditions.any')}</option>
          </select>
        </div>
      )}
      {conditions.map((condition, index) => {
        const source = sources.find((f) => f.key === condition.field);
        const update = (patch: Partial<Condition>) =>
          set(conditions.map((c, i) => (i === index ? { ...c, ...patch } : c)));
        const rowId = `${id}-${index}`;
        return (
          <div
            key={index}
            className="builder-condition"
            role="group"
            aria-label={t('builder.conditions.row', { number: index + 1 })}
          >
            <div className="field">
              <label htmlFor={`${rowId}-field`}>{t('builder.conditions.field')}</label>
              <select
                id={`${rowId}-field`}
                value={condition.field}
                onChange={(e) => update({ field: e.target.value, value: undefined })}
              >
                {!source && (
                  <option value={condition.field}>{t('builder.conditions.missing', { key: condition.field })}</option>
                )}
                {sources.map((f) => (
                  <option key={f.key} value={f.key}>
                    {f.label} ({f.key})
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor={`${rowId}-op`}>{t('builder.conditions.op')}</label>
              <select
                id={`${rowId}-op`}
                value={condition.op}
                onChange={(e) => {
                  const op = e.target.value as Condition['op'];
                  update({ op, value: needsValue(op) ? defaultValue(source, op) : undefined });
                }}
              >
                {CONDITION_OPERATORS.map((op) => (
                  <option key={op} value={op}>
                    {t(`builder.op.${op}`)}
                  </option>
                ))}
              </select>
            </div>
            {needsValue(condition.op) && (
              <ValueInput
                id={`${rowId}-value`}
                condition={condition}
                source={source}
                onChange={(v) => update({ value: v })}
              />
            )}
            <button
              type="button"
              className="button button--ghost"
              onClick={() => set(conditions.filter((_, i) => i !== index))}
            >
              {t('builder.conditions.remove', { number: index + 1 })}
            </button>
          </div>
        );
      })}
      <button
        type="button"
        className="button button--ghost"
        onClick={() => set([...conditions, emptyCondition(sources[0])])}
      >
        {t('builder.conditions.add')}
      </button>
    </fieldset>
  );
}

function choicesOf(
  source: Field | undefined,
  t: (key: 'forms.pass' | 'forms.fail' | 'forms.na') => string,
): { value: string; label: string }[] | null {
  if (!source) return null;
  if (source.type === 'singleChoice' || source.type === 'multipleChoice') return source.choices;
  if (source.type === 'passFail')
    return [
      { value: 'pass', label: t('forms.pass') },
      { value: 'fail', label: t('forms.fail') },
      { value: 'na', label: t('forms.na') },
    ];
  return null;
}

function defaultValue(source: Field | undefined, op: Condition['op']): Condition['value'] {
  const choices = choicesOf(source, (k) => k);
  if (op === 'in') return [];
  if (source?.type === 'yesNo') return true;
  if (source?.type === 'number' || op === 'greaterThan' || op === 'lessThan') return 0;
  return choices?.[0]?.value ?? '';
}

function ValueInput({
  id,
  condition,
  source,
  onChange,
}: {
  id: string;
  condition: Condition;
  source: Field | undefined;
  onChange: (v: Condition['value']) => void;
}) {
  const t = useT();
  const choices = choicesOf(source, t);
  if (condition.op === 'in') {
    const selected = Array.isArray(condition.value) ? condition.value : [];
    if (choices)
      return (
        <fieldset className="builder-condition__in">
          <legend>{t('builder.conditions.value')}</legend>
          {choices.map((c) => (
            <label key={c.value} className="check">
              <input
                type="checkbox"
                checked={selected.includes(c.value)}
                onChange={(e) =>
                  onChange(e.target.checked ? [...selected, c.value] : selected.filter((v) => v !== c.value))
                }
              />
              {c.label}
            </label>
          ))}
        </fieldset>
      );
    return (
      <div className="field">
        <label htmlFor={id}>{t('builder.conditions.valuesComma')}</label>
        <input
          id={id}
          value={selected.join(', ')}
          onChange={(e) =>
            onChange(
              e.target.value
                .split(',')
                .map((v) => v.trim())
                .filter(Boolean),
            )
          }
        />
      </div>
    );
  }
  if (source?.type === 'yesNo')
    return (
      <div className="field">
        <label htmlFor={id}>{t('builder.conditions.value')}</label>
        <select
          id={id}
          value={condition.value === false ? 'no' : 'yes'}
          onChange={(e) => onChange(e.target.value === 'yes')}
        >
          <option value="yes">{t('forms.yes')}</option>
          <option value="no">{t('forms.no')}</option>
        </select>
      </div>
    );
  if (choices && condition.op !== 'greaterThan' && condition.op !== 'lessThan')
    return (
      <div className="field">
        <label htmlFor={id}>{t('builder.conditions.value')}</label>
        <select
          id={id}
          value={typeof condition.value === 'string' ? condition.value : ''}
          onChange={(e) => onChange(e.target.value)}
        >
          {choices.map((c) => (
            <option key={c.value} value={c.value}>
              {c.label}
            </option>
          ))}
        </select>
      </div>
    );
  const numeric = source?.type === 'number' || condition.op === 'greaterThan' || condition.op === 'lessThan';
  return (
    <div className="field">
      <label htmlFor={id}>{t('builder.conditions.value')}</label>
      <input
        id={id}
        inputMode={numeric ? 'decimal' : undefined}
        value={condition.value === undefined || Array.isArray(condition.value) ? '' : String(condition.value)}
        onChange={(e) =>
          onChange(
            numeric && e.target.value.trim() !== '' && !Number.isNaN(Number(e.target.value))
              ? Number(e.target.value)
              : e.target.value,
          )
        }
      />
    </div>
  );
}
