import { FIELD_TYPES, type FieldType, type TemplateDefinition } from '@lastmile/domain';
import { useId, useRef, useState } from 'react';
import { useT } from '../../../i18n/index.ts';
import { fieldDomId } from '../fill/answers.ts';
import {
  addField,
  addSection,
  allKeys,
  conditionSources,
  keyFromLabel,
  moveField,
  moveSection,
  newField,
  removeField,
  removeSection,
  renameKey,
  stepField,
  updateField,
  updateSection,
  type FieldPos,
} from './builder-ops.ts';
import { ConditionsEditor } from './conditions-editor.tsx';
import { FieldEditor } from './field-editor.tsx';

type Props = {
  definition: TemplateDefinition;
  onChange: (definition: TemplateDefinition) => void;
  /** Server errors by field or section key, shown on the card. */
  errors: Readonly<Record<string, string>>;
  /** The card being edited (opened from an error link too). */
  openKey: string | null;
  onOpenKey: (key: string | null) => void;
};

/** The builder's editing column: sections and their fields as cards, reordered by drag or by buttons. */
export function TemplateEditor({ definition, onChange, errors, openKey, onOpenKey }: Props) {
  const t = useT();
  const id = useId();
  const dragging = useRef<FieldPos | null>(null);
  const [dropAt, setDropAt] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const taken = allKeys(definition);

  const focusMoved = (key: string, direction: 'up' | 'down') =>
    requestAnimationFrame(() => document.getElementById(`${fieldDomId(key, 'b')}-${direction}`)?.focus());

  function drop(to: FieldPos) {
    const from = dragging.current;
    dragging.current = null;
    setDropAt(null);
    if (from) onChange(moveField(definition, from, to));
  }

  return (
    <div className="builder-editor">
      <p className="visually-hidden" aria-live="polite">
        {announcement}
      </p>
      {definition.sections.map((section, si) => (
        <section key={si} className="builder-section" aria-labelledby={`${id}-s${si}`}>
          <div className="builder-section__head">
            <h2 id={`${id}-s${si}`}>{t('builder.section.heading', { number: si + 1, title: section.title })}</h2>
            <div className="builder-actions">
              <button
                type="button"
                className="button button--ghost"
                disabled={si === 0}
                onClick={() => onChange(moveSection(definition, si, si - 1))}
              >
                {t('builder.section.up', { title: section.title })}
              </button>
              <button
                type="button"
                className="button button--ghost"
                disabled={si === definition.sections.length - 1}
                onClick={() => onChange(moveSection(definition, si, si + 1))}
              >
                {t('builder.section.down', { title: section.title })}
              </button>
              <button
                type="button"
                className="button button--ghost builder__danger"
                disabled={definition.sections.length === 1}
                onClick={() => {
                  if (
                    section.fields.length === 0 ||
                    confirm(t('builder.section.confirmDelete', { title: section.title, count: section.fields.length }))
                  ) {
                    onChange(removeSection(definition, si));
                  }
                }}
              >
                {t('builder.section.delete', { title: section.title })}
              </button>
            </div>
          </div>
          <div className="builder-row" id={fieldDomId(section.key, 'b')} tabIndex={-1}>
            <div className="field">
              <label htmlFor={`${id}-s${si}-title`}>{t('builder.section.title')}</label>
              <input
                id={`${id}-s${si}-title`}
                value={section.title}
                maxLength={200}
                onChange={(e) => onChange(updateSection(definition, si, { title: e.target.value }))}
              />
            </div>
            <div className="field">
              <label htmlFor={`${id}-s${si}-key`}>{t('builder.field.key')}</label>
              <input
                id={`${id}-s${si}-key`}
                value={section.key}
                spellCheck={false}
                maxLength={64}
                onChange={(e) => onChange(renameKey(definition, { section: si }, e.target.value.toLowerCase()))}
              />
            </div>
          </div>
          {errors[section.key] && <p className="field__error">{errors[section.key]}</p>}
          <ConditionsEditor
            value={section.visibleWhen}
            sources={conditionSources(definition, { section: si })}
            onChange={(visibleWhen) => onChange(updateSection(definition, si, { visibleWhen }))}
          />
          <ol className="builder-fields">
            {section.fields.map((field, fi) => {
              const pos = { section: si, field: fi };
              const open = openKey === field.key;
              const dropKey = `${si}:${fi}`;
              return (
                <li
                  key={`${fi}-${field.key}`}
                  className={`builder-card${dropAt === dropKey ? ' builder-card--drop' : ''}${errors[field.key] ? ' builder-card--invalid' : ''}`}
                  draggable={!open}
                  onDragStart={(e) => {
                    dragging.current = pos;
                    e.dataTransfer.effectAllowed = 'move';
                    e.dataTransfer.setData('text/plain', field.key);
                  }}
                  onDragEnd={() => {
                    dragging.current = null;
                    setDropAt(null);
                  }}
                  onDragOver={(e) => {
                    if (!dragging.current) return;
                    e.preventDefault();
                    setDropAt(dropKey);
                  }}
                  onDrop={(e) => {
                    e.preventDefault();
                    drop(pos);
                  }}
                >
                  <div className="builder-card__head">
                    <span className="builder-card__grip" aria-hidden="true">
                      ⠿
                    </span>
                    <button
                      type="button"
                      id={fieldDomId(field.key, 'b')}
                      className="builder-card__title"
                      aria-expanded={open}
                      onClick={() => onOpenKey(open ? null : field.key)}
                    >
                      <span>{field.label || t('builder.field.untitled')}</span>
                      <span className="builder__muted">
                        {t(`builder.type.${field.type}`)} · {field.key}
                        {field.required ? ` · ${t('forms.required')}` : ''}
                        {field.visibleWhen ? ` · ${t('builder.field.conditional')}` : ''}
                      </span>
                    </button>
                    <div className="builder-actions">
                      {(['up', 'down'] as const).map((direction) => (
                        <button
                          key={direction}
                          type="button"
                          id={`${fieldDomId(field.key, 'b')}-${direction}`}
                          className="button button--ghost builder__icon"
                          aria-label={t(direction === 'up' ? 'builder.field.up' : 'builder.field.down', {
                            label: field.label,
                          })}
                          onClick={() => {
                            const moved = stepField(definition, pos, direction === 'up' ? -1 : 1);
                            if (!moved) return;
                            onChange(moved.definition);
                            setAnnouncement(
                              t('builder.field.moved', {
                                label: field.label,
                                position: moved.pos.field + 1,
                                section: definition.sections[moved.pos.section]!.title,
                              }),
                            );
                            focusMoved(field.key, direction);
                          }}
                        >
                          {direction === 'up' ? '↑' : '↓'}
                        </button>
                      ))}
                    </div>
                  </div>
                  {errors[field.key] && <p className="field__error">{errors[field.key]}</p>}
                  {open && (
                    <>
                      <FieldEditor
                        field={field}
                        taken={taken}
                        sources={conditionSources(definition, pos)}
                        onChange={(next) => onChange(updateField(definition, pos, next))}
                        onRenameKey={(to) => {
                          onChange(renameKey(definition, pos, to));
                          onOpenKey(to);
                        }}
                      />
                      <button
                        type="button"
                        className="button button--ghost builder__danger"
                        onClick={() => onChange(removeField(definition, pos))}
                      >
                        {t('builder.field.delete', { label: field.label })}
                      </button>
                    </>
                  )}
                </li>
              );
            })}
            <li
              className={`builder-fields__end${dropAt === `${si}:end` ? ' builder-card--drop' : ''}`}
              onDragOver={(e) => {
                if (!dragging.current) return;
                e.preventDefault();
                setDropAt(`${si}:end`);
              }}
              onDrop={(e) => {
                e.preventDefault();
                drop({ section: si, field: section.fields.length });
              }}
            >
              <AddField
                sectionTitle={section.title}
                onAdd={(type) => {
                  const label = t('builder.field.newLabel');
                  const key = keyFromLabel(`${t(`builder.type.${type}`)}`, taken);
                  onChange(addField(definition, si, newField(type, key, label, taken)));
                  onOpenKey(key);
                }}
              />
            </li>
          </ol>
        </section>
      ))}
      <button
        type="button"
        className="button button--ghost"
        onClick={() =>
          onChange(addSection(definition, t('builder.section.newTitle', { number: definition.sections.length + 1 })))
        }
      >
        {t('builder.section.add')}
      </button>
    </div>
  );
}

function AddField({ sectionTitle, onAdd }: { sectionTitle: string; onAdd: (type: FieldType) => void }) {
  const t = useT();
  const id = useId();
  const [type, setType] = useState<FieldType>('shortText');
  return (
    <div className="builder-add">
      <div className="field">
        <label htmlFor={id}>{t('builder.field.addType', { title: sectionTitle })}</label>
        <select id={id} value={type} onChange={(e) => setType(e.target.value as FieldType)}>
          {FIELD_TYPES.map((ft) => (
            <option key={ft} value={ft}>
              {t(`builder.type.${ft}`)}
            </option>
          ))}
        </select>
      </div>
      <button type="button" className="button button--primary" onClick={() => onAdd(type)}>
        {t('builder.field.add')}
      </button>
    </div>
  );
}
