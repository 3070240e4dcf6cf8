import { FIELD_TYPES, type Field, type FieldType, type LeafField } from '@lastmile/domain';
import { useId } from 'react';
import { useT } from '../../../i18n/index.ts';
import { changeType, keyFromLabel, newLeafField } from './builder-ops.ts';
import { ChoicesEditor } from './choices-editor.tsx';
import { ConditionsEditor } from './conditions-editor.tsx';

type Props = {
  field: Field;
  /** Keys used elsewhere in the template (for unique keys of new children). */
  taken: ReadonlySet<string>;
  sources: Field[];
  onChange: (field: Field) => void;
  /** Key changes go through the template so conditions follow the rename. */
  onRenameKey: (to: string) => void;
  /** A leaf inside a group: no condition, no nested group. */
  nested?: boolean;
};

const LEAF_TYPES = FIELD_TYPES.filter((type): type is Exclude<FieldType, 'group'> => type !== 'group');

/** Every setting of one field, by type; no JSON. */
export function FieldEditor({ field, taken, sources, onChange, onRenameKey, nested = false }: Props) {
  const t = useT();
  const id = useId();
  const set = (patch: Partial<Field>) => onChange({ ...field, ...patch } as Field);
  const numberInput = (value: number | null, apply: (n: number | null) => void, label: string, suffix: string) => (
    <div className="field">
      <label htmlFor={`${id}-${suffix}`}>{label}</label>
      <input
        id={`${id}-${suffix}`}
        inputMode="decimal"
        defaultValue={value === null ? '' : String(value)}
        onChange={(e) => {
          const raw = e.target.value.trim();
          if (raw === '') apply(null);
          else if (!Number.isNaN(Number(raw))) apply(Number(raw));
        }}
      />
    </div>
  );
  return (
    <div className="builder-field-editor">
      <div className="field">
        <label htmlFor={`${id}-label`}>{t('builder.field.label')}</label>
        <input
          id={`${id}-label`}
          value={field.label}
          maxLength={200}
          onChange={(e) => set({ label: e.target.value })}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-key`}>{t('builder.field.key')}</label>
        <input
          id={`${id}-key`}
          value={field.key}
          maxLength={64}
          spellCheck={false}
          autoCapitalize="off"
          aria-describedby={`${id}-key-help`}
          onChange={(e) => onRenameKey(e.target.value.toLowerCase())}
        />
        <p id={`${id}-key-help`} className="builder__muted">
          {t('builder.field.keyHelp')}
        </p>
      </div>
      <div className="field">
        <label htmlFor={`${id}-type`}>{t('builder.field.type')}</label>
        <select
          id={`${id}-type`}
          value={field.type}
          onChange={(e) => onChange(changeType(field, e.target.value as FieldType, taken))}
        >
          {(nested ? LEAF_TYPES : FIELD_TYPES).map((type) => (
            <option key={type} value={type}>
              {t(`builder.type.${type}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-help`}>
          {t(field.type === 'instructions' ? 'builder.field.instructionsText' : 'builder.field.help')}
        </label>
        <textarea
          id={`${id}-help`}
          rows={2}
          maxLength={1000}
          value={field.help}
          onChange={(e) => set({ help: e.target.value })}
        />
      </div>
      {field.type !== 'instructions' && (
        <label className="check">
          <input type="checkbox" checked={field.required} onChange={(e) => set({ required: e.target.checked })} />
          {t('builder.field.required')}
        </label>
      )}
      {field.type === 'number' && (
        <div className="builder-row">
          <div className="field">
            <label htmlFor={`${id}-unit`}>{t('builder.field.unit')}</label>
            <input
              id={`${id}-unit`}
              value={field.unit}
              maxLength={20}
              onChange={(e) => set({ unit: e.target.value })}
            />
          </div>
          {numberInput(field.min, (min) => set({ min }), t('builder.field.min'), 'min')}
          {numberInput(field.max, (max) => set({ max }), t('builder.field.max'), 'max')}
          {numberInput(
            field.decimals,
            (d) => set({ decimals: Math.max(0, Math.min(6, Math.round(d ?? 0))) }),
            t('builder.field.decimals'),
            'decimals',
          )}
        </div>
      )}
      {(field.type === 'singleChoice' || field.type === 'multipleChoice') && (
        <ChoicesEditor choices={field.choices} onChange={(choices) => set({ choices })} />
      )}
      {field.type === 'photos' &&
        numberInput(
          field.maxPhotos,
          (n) => set({ maxPhotos: Math.max(1, Math.min(50, Math.round(n ?? 10))) }),
          t('builder.field.maxPhotos'),
          'max-photos',
        )}
      {field.type === 'group' && (
        <div className="builder-group">
          <div className="builder-row">
            {numberInput(
              field.minEntries,
              (n) => set({ minEntries: Math.max(0, Math.round(n ?? 0)) }),
              t('builder.field.minEntries'),
              'min-entries',
            )}
            {numberInput(
              field.maxEntries,
              (n) => set({ maxEntries: Math.max(1, Math.min(100, Math.round(n ?? 20))) }),
              t('builder.field.maxEntries'),
              'max-entries',
            )}
          </div>
          <h3>{t('builder.group.children', { label: field.label })}</h3>
          <ol className="builder-group__children">
            {field.fields.map((child, index) => (
              <li key={index} className="builder-card">
                <FieldEditor
                  nested
                  field={child}
                  taken={taken}
                  sources={[]}
                  onChange={(next) =>
                    set({ fields: field.fields.map((c, i) => (i === index ? (next as LeafField) : c)) })
                  }
                  onRenameKey={(to) =>
                    set({ fields: field.fields.map((c, i) => (i === index ? { ...c, key: to } : c)) })
                  }
                />
                {field.fields.length > 1 && (
                  <button
                    type="button"
                    className="button button--ghost builder__danger"
                    onClick={() => set({ fields: field.fields.filter((_, i) => i !== index) })}
                  >
                    {t('builder.field.delete', { label: child.label })}
                  </button>
                )}
              </li>
            ))}
          </ol>
          <button
            type="button"
            className="button button--ghost"
            onClick={() => {
              const label = t('builder.field.newLabel');
              const key = keyFromLabel(`${field.key}_${label}`, new Set([...taken, ...field.fields.map((c) => c.key)]));
              set({ fields: [...field.fields, newLeafField('shortText', key, label)] });
            }}
          >
            {t('builder.group.addChild', { label: field.label })}
          </button>
        </div>
      )}
      {!nested && (
        <ConditionsEditor
          value={field.visibleWhen}
          sources={sources}
          onChange={(visibleWhen) => set({ visibleWhen })}
        />
      )}
    </div>
  );
}
