import type { AnswerValue, LeafField } from '@lastmile/domain';

export type AnswerFlag =
  { kind: 'failed' } | { kind: 'outOfRange'; min: number | null; max: number | null; unit: string };

/**
 * What a reviewer must not miss in an answer: a Fail, or a number outside the limits the template
 * gives (e.g. flue gas CO above its maximum). Shown as words and an icon, never by colour alone.
 */
export function answerFlag(field: LeafField, value: AnswerValue | null | undefined): AnswerFlag | null {
  if (field.type === 'passFail') return value === 'fail' ? { kind: 'failed' } : null;
  if (field.type !== 'number' || typeof value !== 'number') return null;
  const below = field.min !== null && value < field.min;
  const above = field.max !== null && value > field.max;
  return below || above ? { kind: 'outOfRange', min: field.min, max: field.max, unit: field.unit } : null;
}
