import type { LeafField } from '@lastmile/domain';
import { useState } from 'react';
import { useT } from '../../../i18n/index.ts';
import type { LeafValue } from './answers.ts';
import { PhotosInput, SignatureInput } from './form-photos.tsx';

type Props = {
  field: LeafField;
  id: string;
  value: LeafValue | null | undefined;
  required: boolean;
  readOnly: boolean;
  invalid: boolean;
  describedBy: string | undefined;
  onChange: (value: LeafValue | null) => void;
};

function Label({
  id,
  field,
  required,
  as = 'label',
}: {
  id: string;
  field: LeafField;
  required: boolean;
  as?: 'label' | 'legend';
}) {
  const t = useT();
  const content = (
    <>
      {field.label}
      {required && <span className="form-field__required"> {t('forms.required')}</span>}
    </>
  );
  return as === 'legend' ? (
    <legend className="form-field__label">{content}</legend>
  ) : (
    <label className="form-field__label" htmlFor={id}>
      {content}
    </label>
  );
}

/** The answer control of one leaf field, by type. Every change is reported at once. */
export function LeafInput(props: Props) {
  const { field, id, value, required, readOnly, invalid, describedBy, onChange } = props;
  const t = useT();
  const common = {
    id,
    'aria-describedby': describedBy,
    'aria-invalid': invalid || undefined,
    disabled: readOnly,
  } as const;
  switch (field.type) {
    case 'shortText':
      return (
        <>
          <Label id={id} field={field} required={required} />
          <input
            {...common}
            type="text"
            maxLength={500}
            value={typeof value === 'string' ? value : ''}
            onChange={(e) => onChange(e.target.value)}
          />
        </>
      );
    case 'longText':
      return (
        <>
          <Label id={id} field={field} required={required} />
          <textarea
            {...common}
            rows={4}
            maxLength={10_000}
            value={typeof value === 'string' ? value : ''}
            onChange={(e) => onChange(e.target.value)}
          />
        </>
      );
    case 'number':
      return <NumberInput {...props} field={field} />;
    case 'date':
    case 'time':
      return (
        <>
          <Label id={id} field={field} required={required} />
          <input
            {...common}
            type={field.type}
            value={typeof value === 'string' ? value : ''}
            onChange={(e) => onChange(e.target.value || null)}
          />
        </>
      );
    case 'passFail':
      return (
        <Choices
          {...props}
          options={[
            { value: 'pass', label: t('forms.pass'), tone: 'good' },
            { value: 'fail', label: t('forms.fail'), tone: 'bad' },
            { value: 'na', label: t('forms.na'), tone: '' },
          ]}
        />
      );
    case 'yesNo':
      return (
        <Choices
          {...props}
          value={value === true ? 'yes' : value === false ? 'no' : null}
          onChange={(v) => onChange(v === null ? null : v === 'yes')}
          options={[
            { value: 'yes', label: t('forms.yes'), tone: '' },
            { value: 'no', label: t('forms.no'), tone: '' },
          ]}
        />
      );
    case 'singleChoice':
      return <Choices {...props} options={field.choices.map((c) => ({ ...c, tone: '' }))} />;
    case 'multipleChoice': {
      const selected = Array.isArray(value) ? value : [];
      return (
        <fieldset className="form-choices form-choices--multi" id={id} tabIndex={-1} aria-describedby={describedBy}>
          <Label id={id} field={field} required={required} as="legend" />
          {field.choices.map((choice) => (
            <label key={choice.value} className="check form-choice">
              <input
                type="checkbox"
                disabled={readOnly}
                checked={selected.includes(choice.value)}
                onChange={(e) =>
                  onChange(
                    e.target.checked
                      ? field.choices.map((c) => c.value).filter((v) => v === choice.value || selected.includes(v))
                      : selected.filter((v) => v !== choice.value),
                  )
                }
              />
              {choice.label}
            </label>
          ))}
        </fieldset>
      );
    }
    case 'signature':
      return (
        <>
          <Label id={id} field={field} required={required} />
          <SignatureInput
            id={id}
            fieldKey={field.key}
            label={field.label}
            value={typeof value === 'string' ? value : null}
            readOnly={readOnly}
            describedBy={describedBy}
            onChange={onChange}
          />
        </>
      );
    case 'photos':
      return (
        <fieldset className="form-choices" id={id} tabIndex={-1} aria-describedby={describedBy}>
          <Label id={id} field={field} required={required} as="legend" />
          <PhotosInput
            field={field}
            value={Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []}
            readOnly={readOnly}
            onChange={onChange}
          />
        </fieldset>
      );
    case 'instructions':
      return <p className="form-field__label">{field.label}</p>;
  }
}

type Option = { value: string; label: string; tone: string };

/** One-tap options as a radio group: big targets, arrow keys between them, tap again to clear. */
function Choices({
  field,
  id,
  value,
  required,
  readOnly,
  describedBy,
  onChange,
  options,
}: Props & { options: Option[] }) {
  const name = `${id}-choice`;
  return (
    <fieldset className="form-choices" id={id} tabIndex={-1} aria-describedby={describedBy}>
      <Label id={id} field={field} required={required} as="legend" />
      <div className="form-choices__row">
        {options.map((option) => (
          <label key={option.value} className={`form-choice ${option.tone ? `form-choice--${option.tone}` : ''}`}>
            <input
              type="radio"
              name={name}
              value={option.value}
              disabled={readOnly}
              checked={value === option.value}
              onChange={() => onChange(option.value)}
              onClick={() => {
                if (value === option.value) onChange(null);
              }}
            />
            <span>{option.label}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}

/**
 * A number typed as text (so "12." or "-" can be on the way to a number): each change that
 * parses is saved; an empty box clears the answer; the unit and the allowed range are shown.
 */
function NumberInput({
  field,
  id,
  value,
  required,
  readOnly,
  invalid,
  describedBy,
  onChange,
}: Props & { field: Extract<LeafField, { type: 'number' }> }) {
  const t = useT();
  const [text, setText] = useState(typeof value === 'number' ? String(value) : '');
  // Take in a value that changed elsewhere (sync, another person) unless the text already says it.
  const [seen, setSeen] = useState(value);
  if (seen !== value) {
    setSeen(value);
    const shown = text.trim() === '' ? null : Number(text.replace(',', '.'));
    const stored = typeof value === 'number' ? value : null;
    if (shown !== stored && !(stored === null && Number.isNaN(shown))) setText(stored === null ? '' : String(stored));
  }
  const range =
    field.min !== null && field.max !== null
      ? t('forms.number.between', { min: field.min, max: field.max })
      : field.min !== null
        ? t('forms.number.atLeast', { min: field.min })
        : field.max !== null
          ? t('forms.number.atMost', { max: field.max })
          : '';
  const parsed = text.trim() === '' ? null : Number(text.replace(',', '.'));
  const notANumber = parsed !== null && Number.isNaN(parsed);
  return (
    <>
      <Label id={id} field={field} required={required} />
      <div className="form-number">
        <input
          id={id}
          type="text"
          inputMode={field.decimals > 0 || (field.min ?? 0) < 0 ? 'decimal' : 'numeric'}
          aria-describedby={[describedBy, `${id}-range`].filter(Boolean).join(' ')}
          aria-invalid={invalid || notANumber || undefined}
          disabled={readOnly}
          value={text}
          onChange={(e) => {
            const next = e.target.value;
            setText(next);
            const n = next.trim() === '' ? null : Number(next.replace(',', '.'));
            if (n === null) onChange(null);
            else if (!Number.isNaN(n)) onChange(n);
          }}
        />
        {field.unit && <span className="form-number__unit">{field.unit}</span>}
      </div>
      <p id={`${id}-range`} className="form-field__help">
        {notANumber ? t('forms.number.notANumber') : range}
      </p>
    </>
  );
}
