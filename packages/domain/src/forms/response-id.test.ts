import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { idSchema } from '../ids.ts';
import { formResponseIdFor } from './response-id.ts';

describe('formResponseIdFor', () => {
  it('gives two phones the same valid id for the same job and template, and different ids otherwise', () => {
    fc.assert(
      fc.property(fc.uuid(), fc.uuid(), fc.uuid(), (job, template, other) => {
        const id = formResponseIdFor(job, template);
        expect(idSchema.safeParse(id).success).toBe(true);
        expect(formResponseIdFor(job.toUpperCase(), template)).toBe(id);
        if (other !== template) expect(formResponseIdFor(job, other)).not.toBe(id);
        if (other !== job) expect(formResponseIdFor(other, template)).not.toBe(id);
      }),
      { numRuns: 2000 },
    );
  });
});
