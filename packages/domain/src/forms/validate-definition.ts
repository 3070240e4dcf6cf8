import { answerProblem } from './answers.ts';
import { conditionValueProblem, operatorsFor } from './conditions.ts';
import {
  templateDefinitionSchema,
  type Condition,
  type Field,
  type TemplateDefinition,
  type Visibility,
} from './definition.ts';
import { indexDefinition, isAnswerable, type IndexedField } from './field-index.ts';
import { candidateValues, findRevealingAnswers } from './reachability.ts';
import { testCondition } from './conditions.ts';

/** One problem in a definition: where (a path into the definition), which key, and what is wrong. */
export type DefinitionIssue = { path: string; key: string | null; message: string };

export type ValidateDefinitionOptions = {
  /** Fields a job type requires on top of the template's own `required` flags. */
  requiredFields?: readonly string[];
};

const TYPE_NAMES: Record<Field['type'], string> = {
  shortText: 'short text',
  longText: 'long text',
  number: 'number',
  passFail: 'pass/fail/N-A',
  yesNo: 'yes/no',
  singleChoice: 'single choice',
  multipleChoice: 'multiple choice',
  date: 'date',
  time: 'time',
  photos: 'photos',
  signature: 'signature',
  instructions: 'instructions',
  group: 'repeatable group',
};

export function fieldTypeName(type: Field['type']): string {
  return TYPE_NAMES[type];
}

function describe(field: Field): string {
  return `"${field.label}" (${field.key})`;
}

export function describeCondition(c: Condition): string {
  const value = Array.isArray(c.value)
    ? `[${c.value.map((v) => JSON.stringify(v)).join(', ')}]`
    : JSON.stringify(c.value);
  switch (c.op) {
    case 'answered':
      return `${c.field} is answered`;
    case 'unanswered':
      return `${c.field} is unanswered`;
    case 'equals':
      return `${c.field} equals ${value}`;
    case 'notEquals':
      return `${c.field} does not equal ${value}`;
    case 'in':
      return `${c.field} is one of ${value}`;
    case 'greaterThan':
      return `${c.field} is greater than ${value}`;
    case 'lessThan':
      return `${c.field} is less than ${value}`;
  }
}

type Owner = { path: string; key: string; label: string; order: number; group: string | null; isSection: boolean };

function sectionPath(s: number) {
  return `sections.${s}`;
}

/**
 * Structural and semantic problems of a definition, each with a path and a message an office
 * person can act on. Empty means it can be published. Checks: duplicate keys (sections, fields
 * and group children share one namespace), conditions that reference missing, later (which also
 * rules out cycles) or out-of-group fields, operators and values that do not fit the field,
 * invalid defaults and ranges, and required fields that can never be shown.
 */
export function validateDefinition(
  definition: TemplateDefinition,
  options: ValidateDefinitionOptions = {},
): DefinitionIssue[] {
  const issues: DefinitionIssue[] = [];
  const index = indexDefinition(definition);
  let structural = false;
  const push = (path: string, key: string | null, message: string) => issues.push({ path, key, message });
  const pushStructural = (path: string, key: string | null, message: string) => {
    structural = true;
    push(path, key, message);
  };

  // Duplicate keys, in one namespace so a visibility set and links can name anything by key.
  const firstUse = new Map<string, string>();
  const useKey = (key: string, path: string, what: string) => {
    const earlier = firstUse.get(key);
    if (earlier)
      pushStructural(
        `${path}.key`,
        key,
        `Key "${key}" is used twice: by ${earlier} and by ${what}. Every section and field needs its own key.`,
      );
    else firstUse.set(key, what);
  };
  definition.sections.forEach((section, s) => {
    useKey(section.key, sectionPath(s), `section "${section.title}"`);
    section.fields.forEach((field, f) => {
      const fieldPath = `${sectionPath(s)}.fields.${f}`;
      useKey(field.key, fieldPath, `field "${field.label}" in section "${section.title}"`);
      checkField(field, fieldPath, push);
      if (field.type === 'group') {
        field.fields.forEach((child, c) => {
          const childPath = `${fieldPath}.fields.${c}`;
          useKey(child.key, childPath, `field "${child.label}" in group "${field.label}"`);
          checkField(child, childPath, push);
        });
      }
    });
  });

  // Conditions.
  const positionOf = new Map<string, { order: number }>();
  for (const f of index.fields) if (!positionOf.has(f.key)) positionOf.set(f.key, f);
  const checkVisibility = (visibility: Visibility | null, owner: Owner) => {
    visibility?.conditions.forEach((condition, i) => {
      const path = `${owner.path}.visibleWhen.conditions.${i}`;
      const who = owner.isSection ? `Section "${owner.label}"` : `Field "${owner.label}" (${owner.key})`;
      const target = index.byKey.get(condition.field);
      if (condition.field === owner.key)
        return pushStructural(`${path}.field`, owner.key, `${who} has a condition on itself.`);
      if (!target) {
        const isSection = index.sectionByKey.has(condition.field);
        return pushStructural(
          `${path}.field`,
          owner.key,
          isSection
            ? `${who} has a condition on "${condition.field}", which is a section, not a field.`
            : `${who} has a condition on "${condition.field}", which is not a field of this template.`,
        );
      }
      if (target.group && target.group.key !== owner.group) {
        return pushStructural(
          `${path}.field`,
          owner.key,
          `${who} has a condition on ${describe(target.field)}, which is inside the repeatable group "${target.group.label}"; only fields of that group can depend on it.`,
        );
      }
      if (target.order >= owner.order) {
        const cycle = findCycle(definition, owner.key, condition.field);
        return pushStructural(
          `${path}.field`,
          owner.key,
          cycle
            ? `${who} and ${describe(target.field)} depend on each other (${cycle.join(' → ')}): a condition may only depend on a field above it.`
            : owner.isSection
              ? `${who} has a condition on ${describe(target.field)}, which is ${target.section.key === owner.key ? 'inside this section' : 'in a later section'}: a section may only depend on fields above it.`
              : `${who} has a condition on ${describe(target.field)}, which comes later in the form: a condition may only depend on a field above it.`,
        );
      }
      const allowed = operatorsFor(target.field);
      if (!allowed.includes(condition.op)) {
        return push(
          `${path}.op`,
          owner.key,
          allowed.length
            ? `${who}: "${condition.op}" does not apply to ${describe(target.field)}, a ${fieldTypeName(target.field.type)} field; use ${allowed.join(', ')}.`
            : `${who} has a condition on ${describe(target.field)}, which is an instructions block and has no answer to test.`,
        );
      }
      const valueProblem = conditionValueProblem(condition, target.field);
      if (valueProblem)
        return push(`${path}.value`, owner.key, `${who}: the condition on ${describe(target.field)} ${valueProblem}.`);
      return undefined;
    });
  };
  index.sections.forEach((s, i) =>
    checkVisibility(s.section.visibleWhen, {
      path: sectionPath(i),
      key: s.key,
      label: s.section.title,
      order: s.order,
      group: null,
      isSection: true,
    }),
  );
  for (const entry of index.fields) {
    checkVisibility(entry.field.visibleWhen, {
      path: pathOf(definition, entry),
      key: entry.key,
      label: entry.field.label,
      order: entry.order,
      group: entry.group?.key ?? null,
      isSection: false,
    });
  }

  // Required fields that can never be shown. Only meaningful once the conditions are sound.
  const extra = new Set(options.requiredFields ?? []);
  for (const key of extra) {
    const entry = index.byKey.get(key);
    if (!entry) push('requiredFields', key, `The job type requires "${key}", which is not a field of this template.`);
    else if (!isAnswerable(entry.field))
      push(
        'requiredFields',
        key,
        `The job type requires ${describe(entry.field)}, an instructions block, which takes no answer.`,
      );
  }
  // The search assumes sound references (earlier fields, unique keys); operator and value problems
  // are fine: such a condition simply never holds, which is exactly what this check reports.
  if (!structural) {
    for (const entry of index.fields) {
      const required = entry.field.required || extra.has(entry.key);
      if (!required || !isAnswerable(entry.field)) continue;
      if (findRevealingAnswers(definition, entry.key).status !== 'unreachable') continue;
      const by = entry.field.required ? 'Required field' : 'Field (required by the job type)';
      push(
        `${pathOf(definition, entry)}.required`,
        entry.key,
        `${by} ${describe(entry.field)} can never be shown, so it could never be filled in: ${explainHidden(definition, entry, new Set())}.`,
      );
    }
  }
  return issues;
}

function checkField(field: Field, path: string, push: (path: string, key: string | null, message: string) => void) {
  const who = `Field "${field.label}" (${field.key})`;
  if (field.type === 'number' && field.min !== null && field.max !== null && field.min > field.max) {
    push(`${path}.min`, field.key, `${who}: the minimum ${field.min} is above the maximum ${field.max}.`);
  }
  if (field.type === 'singleChoice' || field.type === 'multipleChoice') {
    const seen = new Set<string>();
    field.choices.forEach((choice, i) => {
      if (seen.has(choice.value))
        push(`${path}.choices.${i}.value`, field.key, `${who}: the choice "${choice.value}" is listed twice.`);
      seen.add(choice.value);
    });
  }
  if (field.type === 'group' && field.minEntries > field.maxEntries) {
    push(
      `${path}.minEntries`,
      field.key,
      `${who}: at least ${field.minEntries} entries but at most ${field.maxEntries} cannot both hold.`,
    );
  }
  if ('default' in field && field.default !== undefined) {
    const problem = answerProblem(field, field.default);
    if (problem) push(`${path}.default`, field.key, `${who}: the default ${JSON.stringify(field.default)} ${problem}.`);
  }
  if (field.type === 'instructions' && field.required) {
    push(`${path}.required`, field.key, `${who} is an instructions block; it takes no answer and cannot be required.`);
  }
}

function pathOf(definition: TemplateDefinition, entry: IndexedField): string {
  const s = definition.sections.indexOf(entry.section);
  if (entry.group) {
    const g = entry.section.fields.indexOf(entry.group);
    return `${sectionPath(s)}.fields.${g}.fields.${entry.group.fields.indexOf(entry.field as never)}`;
  }
  return `${sectionPath(s)}.fields.${entry.section.fields.indexOf(entry.field)}`;
}

/** A dependency path from `from` back to itself through `via`, if the conditions form a cycle. */
function findCycle(definition: TemplateDefinition, from: string, via: string): string[] | null {
  const index = indexDefinition(definition);
  const depsOf = (key: string): string[] => {
    const field = index.byKey.get(key);
    if (field) {
      return [
        ...(field.field.visibleWhen?.conditions ?? []).map((c) => c.field),
        field.section.key,
        ...(field.group ? [field.group.key] : []),
      ];
    }
    return (index.sectionByKey.get(key)?.section.visibleWhen?.conditions ?? []).map((c) => c.field);
  };
  const seen = new Set<string>();
  const walk = (key: string, trail: string[]): string[] | null => {
    if (key === from) return [...trail, key];
    if (seen.has(key)) return null;
    seen.add(key);
    for (const next of depsOf(key)) {
      const found = walk(next, [...trail, key]);
      if (found) return found;
    }
    return null;
  };
  return walk(via, [from]);
}

/** Why a field can never be shown: the first condition in its chain that can never hold. */
function explainHidden(definition: TemplateDefinition, entry: IndexedField, seen: Set<string>): string {
  const index = indexDefinition(definition);
  seen.add(entry.key);
  const section = index.sectionByKey.get(entry.section.key);
  if (section && findRevealingAnswers(definition, section.key).status === 'unreachable') {
    return `its section "${entry.section.title}" is never shown (${explainVisibility(definition, entry.section.visibleWhen, seen) ?? 'its conditions can never hold together'})`;
  }
  if (entry.group && findRevealingAnswers(definition, entry.group.key).status === 'unreachable') {
    return `its group "${entry.group.label}" is never shown`;
  }
  return explainVisibility(definition, entry.field.visibleWhen, seen) ?? 'its conditions can never hold together';
}

function explainVisibility(
  definition: TemplateDefinition,
  visibility: Visibility | null,
  seen: Set<string>,
): string | null {
  if (!visibility) return null;
  const index = indexDefinition(definition);
  const reasons: string[] = [];
  for (const condition of visibility.conditions) {
    const target = index.byKey.get(condition.field);
    if (!target) {
      reasons.push(`"${condition.field}" does not exist`);
      continue;
    }
    const values = candidateValues(target.field, [condition]);
    const canHold = condition.op === 'unanswered' || values.some((v) => testCondition(condition, v));
    if (!canHold) {
      reasons.push(
        `the condition "${describeCondition(condition)}" can never hold (${whyNever(condition, target.field)})`,
      );
      continue;
    }
    if (
      condition.op !== 'unanswered' &&
      !seen.has(target.key) &&
      findRevealingAnswers(definition, target.key).status === 'unreachable'
    ) {
      reasons.push(
        `it depends on ${describe(target.field)}, which is never shown because ${explainHidden(definition, target, seen)}`,
      );
      continue;
    }
    if (visibility.match === 'any') continue;
  }
  if (reasons.length === 0) return null;
  return visibility.match === 'any' ? `none of its conditions can hold: ${reasons.join('; ')}` : (reasons[0] ?? null);
}

function whyNever(condition: Condition, field: Field): string {
  if (field.type === 'instructions') return `"${field.key}" is an instructions block and is never answered`;
  if (field.type === 'number' && typeof condition.value === 'number') {
    const range = `${field.min ?? '…'} to ${field.max ?? '…'}${field.unit ? ` ${field.unit}` : ''}`;
    return `"${field.key}" only accepts ${range}${field.decimals === 0 ? ', whole numbers' : `, ${field.decimals} decimals`}`;
  }
  if (field.type === 'singleChoice' || field.type === 'multipleChoice' || field.type === 'passFail') {
    const choices = field.type === 'passFail' ? ['pass', 'fail', 'na'] : field.choices.map((c) => c.value);
    return `"${field.key}" only offers ${choices.join(', ')}`;
  }
  return `no answer to "${field.key}" meets it`;
}

/**
 * Parses raw JSON (an import, a draft from the builder) into a definition and validates it:
 * zod's shape errors first (with paths), then validateDefinition's.
 */
export function parseDefinition(
  input: unknown,
  options: ValidateDefinitionOptions = {},
): { ok: true; definition: TemplateDefinition; issues: DefinitionIssue[] } | { ok: false; issues: DefinitionIssue[] } {
  const parsed = templateDefinitionSchema.safeParse(input);
  if (!parsed.success) {
    return {
      ok: false,
      issues: parsed.error.issues.map((i) => ({
        path: i.path.map(String).join('.') || '(root)',
        key: null,
        message: i.message,
      })),
    };
  }
  return { ok: true, definition: parsed.data, issues: validateDefinition(parsed.data, options) };
}
