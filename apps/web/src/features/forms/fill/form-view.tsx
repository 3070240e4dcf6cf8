import type { Field, Section, TemplateDefinition } from '@lastmile/domain';
import { memo, useImperativeHandle, useMemo, useState, type Ref } from 'react';
import { useT } from '../../../i18n/index.ts';
import {
  entryFieldDomId,
  fieldDomId,
  fieldIndex,
  sectionProgress,
  type AnswerMetas,
  type Answers,
  type AnswerValue,
} from './answers.ts';
import { FieldRow } from './field-row.tsx';
import { useVisibility, type Visibility } from './use-visibility.ts';
import './forms.css';

/** A field to go to: a top-level field, or one child of one entry of a repeatable group. */
export type FieldTarget = { fieldKey: string; entry?: number | undefined; childKey?: string | undefined };

export type FormViewHandle = {
  /** Opens the field's section, scrolls to the field (or the group entry's child) and focuses its control. */
  reveal(target: FieldTarget): void;
};

export type FormViewProps = {
  definition: TemplateDefinition;
  answers: Answers;
  metas: AnswerMetas;
  /** Must be stable (useCallback): rows are memoized on it. */
  onChange: (key: string, value: AnswerValue | null) => void;
  keyFields: readonly string[];
  /** Fields the template or the job type requires (only while visible). */
  requiredKeys: ReadonlySet<string>;
  readOnly: boolean;
  errors: Readonly<Record<string, string>>;
  onRaiseItem?: ((field: Field) => void) | undefined;
  /** Distinguishes DOM ids when two forms share a page (the builder's preview). */
  idPrefix?: string;
  /** Sections start folded away (R2); the preview and the benchmark open them all. */
  startOpen?: boolean;
  ref?: Ref<FormViewHandle>;
};

/**
 * A form as the phone shows it: the job type's key fields first and big, then every section,
 * collapsible, with its progress; conditional visibility re-evaluated on every change.
 * Pure: the definition, the answers and a change callback; the caller stores the answers.
 */
export function FormView({ ref, ...props }: FormViewProps) {
  const { definition, answers, keyFields, idPrefix = 'f' } = props;
  const t = useT();
  const visibility = useVisibility(definition, answers);
  const index = useMemo(() => fieldIndex(definition), [definition]);
  const keyFieldSet = useMemo(() => new Set(keyFields.filter((k) => index.has(k))), [keyFields, index]);
  const [open, setOpen] = useState<ReadonlySet<string>>(
    () => new Set(props.startOpen ? definition.sections.map((s) => s.key) : []),
  );

  useImperativeHandle(ref, () => ({
    reveal({ fieldKey: key, entry, childKey }: FieldTarget) {
      const section = index.get(key)?.section;
      if (section && !keyFieldSet.has(key)) setOpen((current) => new Set(current).add(section.key));
      const id =
        entry !== undefined && childKey !== undefined
          ? entryFieldDomId(key, entry, childKey, idPrefix)
          : fieldDomId(key, idPrefix);
      // The section renders its fields on the next frame; then move focus there.
      requestAnimationFrame(() => {
        const element = document.getElementById(id) ?? document.getElementById(fieldDomId(key, idPrefix));
        element?.scrollIntoView({ block: 'center' });
        element?.focus();
      });
    },
  }));

  const keyFieldList = keyFields.flatMap((key) => {
    const entry = index.get(key);
    return entry && visibility.isVisible(key) && visibility.isVisible(entry.section.key) ? [entry.field] : [];
  });

  return (
    <div className="form-view">
      {keyFieldList.length > 0 && (
        <section className="form-key-fields" aria-labelledby={`${idPrefix}-key-heading`}>
          <h2 id={`${idPrefix}-key-heading`}>{t('forms.keyFields')}</h2>
          {keyFieldList.map((field) => (
            <Row key={field.key} field={field} big visibility={visibility} {...props} />
          ))}
        </section>
      )}
      {definition.sections.map((section) =>
        visibility.isVisible(section.key) ? (
          <SectionBlock
            key={section.key}
            section={section}
            visibility={visibility}
            skip={keyFieldSet}
            expanded={open.has(section.key)}
            onToggle={() =>
              setOpen((current) => {
                const next = new Set(current);
                if (!next.delete(section.key)) next.add(section.key);
                return next;
              })
            }
            {...props}
          />
        ) : null,
      )}
    </div>
  );
}

type ViewProps = Omit<FormViewProps, 'ref'>;

function Row({ field, big, ...props }: ViewProps & { field: Field; big: boolean; visibility: Visibility }) {
  return (
    <FieldRow
      field={field}
      value={props.answers[field.key]}
      meta={props.metas[field.key]}
      onChange={props.onChange}
      big={big}
      required={field.required || props.requiredKeys.has(field.key)}
      readOnly={props.readOnly}
      error={props.errors[field.key]}
      onRaiseItem={props.onRaiseItem}
      idPrefix={props.idPrefix ?? 'f'}
      isChildVisible={field.type === 'group' ? props.visibility.isChildVisible : undefined}
      entryErrors={field.type === 'group' ? props.errors : undefined}
    />
  );
}

type SectionProps = ViewProps & {
  section: Section;
  visibility: Visibility;
  skip: ReadonlySet<string>;
  expanded: boolean;
  onToggle: () => void;
};

const SectionBlock = memo(function SectionBlock(props: SectionProps) {
  const { section, visibility, skip, expanded, onToggle, answers, idPrefix = 'f' } = props;
  const t = useT();
  const progress = sectionProgress(
    section,
    {
      isVisible: (key) => !skip.has(key) && visibility.isVisible(key),
      isChildVisible: visibility.isChildVisible,
      isRequired: (field) => field.required || props.requiredKeys.has(field.key),
    },
    answers,
  );
  const bodyId = `${idPrefix}-section-${section.key}`;
  const complete = progress.visible > 0 && progress.answered === progress.visible;
  const invalid = section.fields.some((f) => props.errors[f.key] && !skip.has(f.key));
  return (
    <section className="form-section" aria-labelledby={`${bodyId}-title`}>
      <h2 className="form-section__heading">
        <button
          type="button"
          className="form-section__toggle"
          aria-expanded={expanded}
          aria-controls={bodyId}
          onClick={onToggle}
        >
          <span id={`${bodyId}-title`} className="form-section__title">
            {section.title}
          </span>
          <span
            className={`form-section__progress${complete ? ' form-section__progress--done' : ''}${invalid ? ' form-section__progress--invalid' : ''}`}
          >
            {t('forms.progress', { answered: progress.answered, visible: progress.visible })}
          </span>
        </button>
      </h2>
      <div id={bodyId} className="form-section__body" hidden={!expanded}>
        {expanded &&
          section.fields.map((field) =>
            skip.has(field.key) || !visibility.isVisible(field.key) ? null : (
              <Row key={field.key} field={field} big={false} {...props} />
            ),
          )}
      </div>
    </section>
  );
});
