import { isAnswered, type Answers, type GroupEntry, type LeafValue } from '../forms/answers.ts';
import type { LeafField, TemplateDefinition } from '../forms/definition.ts';
import { idSchema } from '../ids.ts';
import { entryFieldKey, evaluateVisibility } from '../forms/visibility.ts';
import type { ReportLeafAnswer, ReportSection } from './job-report.ts';

const PASS_FAIL_TEXT = { pass: 'Pass', fail: 'Fail', na: 'N/A' } as const;

function choiceLabel(field: { choices: { value: string; label: string }[] }, value: string): string {
  return field.choices.find((c) => c.value === value)?.label ?? value;
}

function attachmentIdsOf(field: LeafField, value: LeafValue | null | undefined): string[] {
  if (field.type === 'photos' && Array.isArray(value)) return value.filter((v) => idSchema.safeParse(v).success);
  if (field.type === 'signature' && typeof value === 'string' && idSchema.safeParse(value).success) return [value];
  return [];
}

/** A leaf field's answer as the report shows it: words, not stored codes. */
export function reportLeafAnswer(field: LeafField, value: LeafValue | null | undefined): ReportLeafAnswer {
  const base: ReportLeafAnswer = {
    key: field.key,
    label: field.label,
    type: field.type,
    text: '',
    unit: field.type === 'number' ? field.unit : '',
    outcome: null,
    outOfRange: false,
    attachmentIds: attachmentIdsOf(field, value),
  };
  if (!isAnswered(value) || value === null || value === undefined) return base;
  switch (field.type) {
    case 'number': {
      const n = typeof value === 'number' ? value : Number(value);
      const outOfRange = (field.min !== null && n < field.min) || (field.max !== null && n > field.max);
      return { ...base, text: field.unit ? `${String(value)} ${field.unit}` : String(value), outOfRange };
    }
    case 'passFail': {
      const outcome = value === 'pass' || value === 'fail' || value === 'na' ? value : null;
      return { ...base, text: outcome ? PASS_FAIL_TEXT[outcome] : String(value), outcome };
    }
    case 'yesNo':
      return { ...base, text: value === true ? 'Yes' : 'No' };
    case 'singleChoice':
      return { ...base, text: choiceLabel(field, String(value)) };
    case 'multipleChoice':
      return {
        ...base,
        text: (Array.isArray(value) ? value : [String(value)]).map((v) => choiceLabel(field, v)).join(', '),
      };
    case 'photos': {
      const count = Array.isArray(value) ? value.length : 0;
      return { ...base, text: `${count} photo${count === 1 ? '' : 's'}` };
    }
    case 'signature':
      return { ...base, text: 'Signed' };
    default:
      return { ...base, text: Array.isArray(value) ? value.join(', ') : String(value) };
  }
}

/**
 * A response's answers as report sections: visible sections and fields only, in template order
 * (a hidden field's stale value never reaches a customer), instructions left out, each repeat
 * group entry with its visible children.
 */
export function reportSections(definition: TemplateDefinition, answers: Answers): ReportSection[] {
  const visible = evaluateVisibility(definition, answers);
  const sections: ReportSection[] = [];
  for (const section of definition.sections) {
    if (!visible.has(section.key)) continue;
    const out: ReportSection = { key: section.key, title: section.title, answers: [] };
    for (const field of section.fields) {
      if (!visible.has(field.key) || field.type === 'instructions') continue;
      if (field.type !== 'group') {
        out.answers.push({
          ...reportLeafAnswer(field, answers[field.key] as LeafValue | null | undefined),
          entries: [],
        });
        continue;
      }
      const raw = answers[field.key];
      const entries = Array.isArray(raw) ? (raw as unknown[]) : [];
      const count = entries.length;
      out.answers.push({
        key: field.key,
        label: field.label,
        type: 'group',
        text: `${count} entr${count === 1 ? 'y' : 'ies'}`,
        unit: '',
        outcome: null,
        outOfRange: false,
        attachmentIds: [],
        entries: entries.map((e, i) => {
          const entry = (e && typeof e === 'object' && !Array.isArray(e) ? e : {}) as GroupEntry;
          return field.fields
            .filter((child) => child.type !== 'instructions' && visible.has(entryFieldKey(field.key, i, child.key)))
            .map((child) => reportLeafAnswer(child, entry[child.key]));
        }),
      });
    }
    if (out.answers.length > 0) sections.push(out);
  }
  return sections;
}
