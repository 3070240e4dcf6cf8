import { isAnswered } from './answers.ts';
import { TIME_PATTERN, type Condition, type ConditionOperator, type Field } from './definition.ts';

const PRESENCE: ConditionOperator[] = ['answered', 'unanswered'];

/** Which operators a condition may use on a field of this type. Instructions have no answer to test. */
export function operatorsFor(field: Field): ConditionOperator[] {
  switch (field.type) {
    case 'shortText':
    case 'longText':
    case 'passFail':
    case 'singleChoice':
    case 'multipleChoice':
      return ['equals', 'notEquals', 'in', ...PRESENCE];
    case 'yesNo':
      return ['equals', 'notEquals', ...PRESENCE];
    case 'number':
    case 'date':
    case 'time':
      return ['equals', 'notEquals', 'greaterThan', 'lessThan', ...PRESENCE];
    case 'photos':
    case 'signature':
    case 'group':
      return [...PRESENCE];
    case 'instructions':
      return [];
  }
}

const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/** Possible values of a pass/fail/N-A answer, or of a choice field. */
export function allowedValues(field: Field): string[] | null {
  if (field.type === 'passFail') return ['pass', 'fail', 'na'];
  if (field.type === 'singleChoice' || field.type === 'multipleChoice') return field.choices.map((c) => c.value);
  return null;
}

/** What is wrong with a condition's value for the field it tests, or null. */
export function conditionValueProblem(condition: Condition, field: Field): string | null {
  const { op, value } = condition;
  if (op === 'answered' || op === 'unanswered') return null;
  if (op === 'in') {
    if (!Array.isArray(value) || value.length === 0) return '"in" needs a list of values';
    const allowed = allowedValues(field);
    const unknown = allowed ? value.filter((v) => !allowed.includes(v)) : [];
    if (unknown.length)
      return `${unknown.map((v) => `"${v}"`).join(', ')} ${unknown.length === 1 ? 'is' : 'are'} not among the choices of "${field.key}" (${allowed?.join(', ')})`;
    return null;
  }
  switch (field.type) {
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? null : 'needs a number to compare with';
    case 'yesNo':
      return typeof value === 'boolean' ? null : 'needs yes or no (true/false)';
    case 'date':
      return typeof value === 'string' && DATE_PATTERN.test(value) ? null : 'needs a date like 2026-03-31';
    case 'time':
      return typeof value === 'string' && TIME_PATTERN.test(value) ? null : 'needs a time like 14:30';
    case 'shortText':
    case 'longText':
      return typeof value === 'string' ? null : 'needs a text to compare with';
    case 'passFail':
    case 'singleChoice':
    case 'multipleChoice': {
      if (typeof value !== 'string') return 'needs one of the choices';
      const allowed = allowedValues(field) ?? [];
      return allowed.includes(value)
        ? null
        : `"${value}" is not among the choices of "${field.key}" (${allowed.join(', ')})`;
    }
    default:
      return null;
  }
}

function normalizeTime(value: string): string {
  return value.length === 5 ? `${value}:00` : value;
}

function compare(a: unknown, b: unknown): number | null {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'string' && typeof b === 'string') {
    const x = TIME_PATTERN.test(a) ? normalizeTime(a) : a;
    const y = TIME_PATTERN.test(b) ? normalizeTime(b) : b;
    return x < y ? -1 : x > y ? 1 : 0;
  }
  return null;
}

function same(a: unknown, b: unknown): boolean {
  return compare(a, b) === 0 || a === b;
}

/**
 * Does an answer meet a condition? `value` is the effective answer: undefined when the field is
 * unanswered or hidden. Every comparison is false on an unanswered field (notEquals too: "answered,
 * and not X"); only `unanswered` holds. On a multiple choice, equals means "includes", in "includes any".
 */
export function testCondition(condition: Condition, value: unknown): boolean {
  const answered = isAnswered(value);
  switch (condition.op) {
    case 'answered':
      return answered;
    case 'unanswered':
      return !answered;
  }
  if (!answered) return false;
  const target = condition.value;
  if (Array.isArray(value)) {
    const list = value as unknown[];
    switch (condition.op) {
      case 'equals':
        return list.some((v) => same(v, target));
      case 'notEquals':
        return !list.some((v) => same(v, target));
      case 'in':
        return Array.isArray(target) && list.some((v) => target.some((t) => same(v, t)));
      default:
        return false;
    }
  }
  switch (condition.op) {
    case 'equals':
      return same(value, target);
    case 'notEquals':
      return !same(value, target);
    case 'in':
      return Array.isArray(target) && target.some((t) => same(value, t));
    case 'greaterThan': {
      const c = compare(value, target);
      return c !== null && c > 0;
    }
    case 'lessThan': {
      const c = compare(value, target);
      return c !== null && c < 0;
    }
  }
}
