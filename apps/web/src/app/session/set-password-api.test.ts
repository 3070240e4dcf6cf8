import { describe, expect, it } from 'vitest';
import { tokenFromHash } from './set-password-api.ts';

describe('the token of a set-password link', () => {
  it('is read from the fragment', () => {
    const token = 'Xy3_-abcdefghijklmnopqrstuvwxyz0123456789AB';
    expect(tokenFromHash(`#token=${token}`)).toBe(token);
  });

  it('is missing from a truncated or empty link', () => {
    expect(tokenFromHash('')).toBeNull();
    expect(tokenFromHash('#token=abc')).toBeNull();
    expect(tokenFromHash('#other=1')).toBeNull();
  });
});
