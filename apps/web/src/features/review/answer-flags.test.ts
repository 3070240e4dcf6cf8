import { describe, expect, it } from 'vitest';
import type { LeafField } from '@lastmile/domain';
import { answerFlag } from './answer-flags.ts';

const co = {
  key: 'co',
  label: 'Flue gas CO',
  help: '',
  required: false,
  type: 'number',
  unit: 'ppm',
  min: 0,
  max: 100,
  decimals: 0,
} as unknown as LeafField;
const check = { key: 'flue', label: 'Flue', help: '', required: false, type: 'passFail' } as unknown as LeafField;

describe('answerFlag', () => {
  it('flags a number outside the template limits, with the limits to show', () => {
    expect(answerFlag(co, 1000)).toEqual({ kind: 'outOfRange', min: 0, max: 100, unit: 'ppm' });
    expect(answerFlag(co, -1)).toMatchObject({ kind: 'outOfRange' });
    expect(answerFlag(co, 100)).toBeNull();
    expect(answerFlag(co, null)).toBeNull();
  });

  it('flags a Fail, not a Pass or N/A', () => {
    expect(answerFlag(check, 'fail')).toEqual({ kind: 'failed' });
    expect(answerFlag(check, 'pass')).toBeNull();
    expect(answerFlag(check, 'na')).toBeNull();
  });
});
