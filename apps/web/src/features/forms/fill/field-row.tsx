import { entryFieldKey, type Field, type GroupField, type LeafField } from '@lastmile/domain';
import { memo, useId } from 'react';
import { formatDay, formatTime, useT } from '../../../i18n/index.ts';
import {
  entryFieldDomId,
  fieldDomId,
  newGroupEntry,
  type AnswerMeta,
  type AnswerValue,
  type GroupEntry,
  type LeafValue,
} from './answers.ts';
import { AnswerHistory } from '../../../jobs/answer-history.tsx';
import { FieldReviewNote } from '../../../jobs/review-notes.tsx';
import { LeafInput } from './leaf-input.tsx';

export type FieldRowProps = {
  field: Field;
  value: AnswerValue | null | undefined;
  meta: AnswerMeta | undefined;
  onChange: (key: string, value: AnswerValue | null) => void;
  /** Key fields of the job type: shown first, with bigger targets. */
  big: boolean;
  required: boolean;
  readOnly: boolean;
  error: string | undefined;
  /** Offered on a failed pass/fail check; absent where raising items makes no sense (preview). */
  onRaiseItem: ((field: Field) => void) | undefined;
  idPrefix: string;
  /** For a repeatable group: problems of its entries' children, keyed by `entryFieldKey(group, entry, child)`. */
  entryErrors?: Readonly<Record<string, string>> | undefined;
  /** For a repeatable group: whether a child shows in an entry (its condition may read siblings). */
  isChildVisible?: ((groupKey: string, entry: number, childKey: string) => boolean) | undefined;
};

/** One field with its label, help, answer and who/when; memoized so a keystroke re-renders only its own row. */
export const FieldRow = memo(function FieldRow(props: FieldRowProps) {
  const { field, value, meta, big, required, readOnly, error, onRaiseItem, idPrefix } = props;
  const t = useT();
  const hintId = useId();
  if (field.type === 'instructions') {
    return (
      <div className="form-field form-field--instructions" id={fieldDomId(field.key, idPrefix)} tabIndex={-1}>
        <p className="form-field__label">{field.label}</p>
        {field.help && <p className="form-field__help">{field.help}</p>}
      </div>
    );
  }
  const describedBy =
    [field.help ? `${hintId}-help` : '', error ? `${hintId}-error` : ''].filter(Boolean).join(' ') || undefined;
  const className = ['form-field', big ? 'form-field--big' : '', error ? 'form-field--invalid' : '']
    .filter(Boolean)
    .join(' ');
  return (
    <div className={className} data-field-key={field.key}>
      {field.type === 'group' ? (
        <GroupInput {...props} field={field} describedBy={describedBy} />
      ) : (
        <LeafInput
          field={field}
          id={fieldDomId(field.key, idPrefix)}
          value={value as LeafValue | null | undefined}
          required={required}
          readOnly={readOnly}
          invalid={!!error}
          describedBy={describedBy}
          onChange={(next) => props.onChange(field.key, next)}
        />
      )}
      {field.help && (
        <p id={`${hintId}-help`} className="form-field__help">
          {field.help}
        </p>
      )}
      {error && (
        <p id={`${hintId}-error`} className="field__error">
          {error}
        </p>
      )}
      <FieldReviewNote fieldKey={field.key} entry={null} />
      {field.type === 'passFail' && value === 'fail' && onRaiseItem && !readOnly && (
        <button type="button" className="button button--ghost form-field__raise" onClick={() => onRaiseItem(field)}>
          {t('forms.raiseItem')}
        </button>
      )}
      {meta && (
        <p className="form-field__meta">
          {t('forms.answeredBy', {
            name: meta.byName,
            day: formatDay(meta.capturedAt),
            time: formatTime(meta.capturedAt),
          })}
          {meta.conflictBy && (
            <span className="form-field__conflict" role="note">
              {' '}
              {t('forms.changedBy', { name: meta.conflictBy })}
            </span>
          )}
        </p>
      )}
      {meta?.review && (
        <AnswerHistory
          responseId={meta.review.responseId}
          fieldKey={field.key}
          count={meta.review.historyCount}
          conflict={meta.review.conflict}
        />
      )}
    </div>
  );
});

type GroupProps = FieldRowProps & { field: GroupField; describedBy: string | undefined };

/** A repeatable block: entries of the child fields, added and removed by the person. */
function GroupInput(props: GroupProps) {
  const { field, value, onChange, readOnly, required, idPrefix, describedBy, isChildVisible, entryErrors } = props;
  const t = useT();
  const entries = Array.isArray(value) ? (value as GroupEntry[]) : [];
  const headingId = `${fieldDomId(field.key, idPrefix)}-label`;
  const set = (next: GroupEntry[]) => onChange(field.key, next);
  const canAdd = !readOnly && entries.length < field.maxEntries;
  return (
    <fieldset
      className="form-group"
      aria-describedby={describedBy}
      id={canAdd ? undefined : fieldDomId(field.key, idPrefix)}
      tabIndex={canAdd ? undefined : -1}
    >
      <legend id={headingId} className="form-field__label">
        {field.label}
        {required && <span className="form-field__required"> {t('forms.required')}</span>}
      </legend>
      {entries.length === 0 && <p className="form-field__help">{t('forms.group.empty')}</p>}
      {entries.map((entry, index) => (
        <fieldset key={index} className="form-group__entry">
          <legend>{t('forms.group.entry', { label: field.label, number: index + 1 })}</legend>
          {field.fields.map((child: LeafField) =>
            isChildVisible && !isChildVisible(field.key, index, child.key) ? null : child.type === 'instructions' ? (
              <p key={child.key} className="form-field__help">
                {child.label}
              </p>
            ) : (
              <div key={child.key}>
                <EntryChild
                  child={child}
                  id={entryFieldDomId(field.key, index, child.key, idPrefix)}
                  value={entry[child.key]}
                  readOnly={readOnly}
                  error={entryErrors?.[entryFieldKey(field.key, index, child.key)]}
                  onChange={(next) => set(entries.map((e, i) => (i === index ? { ...e, [child.key]: next } : e)))}
                />
                <FieldReviewNote fieldKey={child.key} entry={index} />
              </div>
            ),
          )}
          {!readOnly && (
            <button
              type="button"
              className="button button--ghost"
              onClick={() => set(entries.filter((_, i) => i !== index))}
            >
              {t('forms.group.remove', { label: field.label, number: index + 1 })}
            </button>
          )}
        </fieldset>
      ))}
      {canAdd && (
        <button
          type="button"
          id={fieldDomId(field.key, idPrefix)}
          className="button button--ghost"
          onClick={() => set([...entries, newGroupEntry(field)])}
        >
          {t('forms.group.add', { label: field.label })}
        </button>
      )}
    </fieldset>
  );
}

type EntryChildProps = {
  child: LeafField;
  id: string;
  value: LeafValue | null | undefined;
  readOnly: boolean;
  error: string | undefined;
  onChange: (next: LeafValue | null) => void;
};

/** One child of one group entry, with its own problem shown (and announced) next to it. */
function EntryChild({ child, id, value, readOnly, error, onChange }: EntryChildProps) {
  return (
    <div className={error ? 'form-field form-field--invalid' : 'form-field'}>
      <LeafInput
        field={child}
        id={id}
        value={value}
        required={child.required}
        readOnly={readOnly}
        invalid={!!error}
        describedBy={error ? `${id}-error` : undefined}
        onChange={onChange}
      />
      {error && (
        <p id={`${id}-error`} className="field__error">
          {error}
        </p>
      )}
    </div>
  );
}
