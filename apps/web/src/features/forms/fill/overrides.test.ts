import { describe, expect, it } from 'vitest';
import { mergeAnswers, settledOverrides } from './overrides.ts';

describe('typed-ahead answers', () => {
  it('keep showing until the stored value catches up, then give way', () => {
    const overrides = { make: 'Vaill', pressure: 1.5 };
    const lagging = settledOverrides(overrides, { make: 'Vai', pressure: 1.5 });
    expect(lagging).toEqual({ make: 'Vaill' });
    expect(mergeAnswers({ make: 'Vai', pressure: 1.5 }, lagging)).toEqual({ make: 'Vaill', pressure: 1.5 });
    expect(settledOverrides(lagging, { make: 'Vaill' })).toEqual({});
  });

  it('treat a cleared answer as settled when nothing is stored, and compare lists by value', () => {
    expect(settledOverrides({ leak: null, rooms: ['a', 'b'] }, { rooms: ['a', 'b'] })).toEqual({});
    const same = { x: 'y' };
    expect(settledOverrides(same, {})).toBe(same);
  });
});
