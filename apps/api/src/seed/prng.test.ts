import { idSchema } from '@lastmile/domain';
import { describe, expect, it } from 'vitest';
import { Prng } from './prng.ts';

describe('Prng', () => {
  it('repeats the same sequence for the same seed', () => {
    const a = new Prng(7);
    const b = new Prng(7);
    expect(Array.from({ length: 5 }, () => a.next())).toEqual(Array.from({ length: 5 }, () => b.next()));
  });

  it('keeps int() within its bounds and draws valid UUIDs', () => {
    const prng = new Prng(1);
    for (let i = 0; i < 1000; i++) {
      const n = prng.int(3, 5);
      expect(n >= 3 && n <= 5).toBe(true);
    }
    expect(idSchema.safeParse(prng.uuid()).success).toBe(true);
  });
});
