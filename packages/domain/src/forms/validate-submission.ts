import { answerProblem, isAnswered, type Answers, type GroupEntry } from './answers.ts';
import type { TemplateDefinition } from './definition.ts';
import { isAnswerable } from './field-index.ts';
import { entryFieldKey, evaluateVisibility } from './visibility.ts';

/** What a job type adds to its template: fields it requires (only while shown) and 1–3 key fields shown first. */
export type JobTypeFormRules = { requiredFields: readonly string[]; keyFields?: readonly string[] };

/**
 * One thing that keeps a form from being submitted. `fieldKey` is the top-level field to link to;
 * for a group child, `entry` (0-based) and `childKey` say which one.
 */
export type SubmissionProblem = {
  fieldKey: string;
  sectionKey: string;
  message: string;
  entry?: number;
  childKey?: string;
};

/**
 * Exactly what is missing or invalid, in reading order. Hidden fields are ignored entirely (their
 * answers are kept but do not count): a condition can never freeze a form. A field is required
 * when the template or the job type says so; a group's `minEntries` counts as well.
 */
export function validateSubmission(
  definition: TemplateDefinition,
  answers: Answers,
  rules: JobTypeFormRules = { requiredFields: [] },
): SubmissionProblem[] {
  const visible = evaluateVisibility(definition, answers);
  const requiredByType = new Set(rules.requiredFields);
  const problems: SubmissionProblem[] = [];
  for (const section of definition.sections) {
    if (!visible.has(section.key)) continue;
    for (const field of section.fields) {
      if (!visible.has(field.key) || !isAnswerable(field)) continue;
      const value = answers[field.key];
      const base = { fieldKey: field.key, sectionKey: section.key };
      const required = field.required || requiredByType.has(field.key);
      if (!isAnswered(value)) {
        if (required) problems.push({ ...base, message: `${field.label}: an answer is required.` });
        else if (field.type === 'group' && field.minEntries > 0)
          problems.push({
            ...base,
            message: `${field.label}: add at least ${field.minEntries} ${field.minEntries === 1 ? 'entry' : 'entries'}.`,
          });
        continue;
      }
      if (field.type !== 'group') {
        const problem = answerProblem(field, value);
        if (problem) problems.push({ ...base, message: `${field.label}: ${problem}.` });
        continue;
      }
      if (!Array.isArray(value)) {
        problems.push({ ...base, message: `${field.label}: must be a list of entries.` });
        continue;
      }
      const entries = value as GroupEntry[];
      if (entries.length < field.minEntries)
        problems.push({
          ...base,
          message: `${field.label}: add at least ${field.minEntries} entries (${entries.length} so far).`,
        });
      if (entries.length > field.maxEntries)
        problems.push({
          ...base,
          message: `${field.label}: at most ${field.maxEntries} entries (${entries.length} now).`,
        });
      entries.forEach((entry, i) => {
        for (const child of field.fields) {
          if (!isAnswerable(child) || !visible.has(entryFieldKey(field.key, i, child.key))) continue;
          const childValue = entry && typeof entry === 'object' ? entry[child.key] : undefined;
          const where = { ...base, entry: i, childKey: child.key };
          const label = `${field.label} ${i + 1}: ${child.label}`;
          if (!isAnswered(childValue)) {
            if (child.required || requiredByType.has(child.key))
              problems.push({ ...where, message: `${label}: an answer is required.` });
            continue;
          }
          const problem = answerProblem(child, childValue);
          if (problem) problems.push({ ...where, message: `${label}: ${problem}.` });
        }
      });
    }
  }
  return problems;
}
