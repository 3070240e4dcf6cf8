import { z } from 'zod';
import { MAX_FORM_KEY_FIELDS } from '../forms/job-type-rules.ts';
import { idSchema } from '../ids.ts';

const trimmed = (max: number, what = 'is required') =>
  z
    .string()
    .trim()
    .min(1, { message: what })
    .max(max, { message: `must be at most ${max} characters` });
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { message: `must be at most ${max} characters` })
    .transform((v) => (v === '' ? null : v))
    .nullable();

/** What the office enters for a customer (create, and every field of an edit). */
export const customerInputSchema = z.object({
  name: trimmed(200),
  phone: optionalText(50),
  email: z
    .string()
    .trim()
    .transform((v) => (v === '' ? null : v))
    .pipe(z.email({ message: 'must be an email address, like name@company.com' }).nullable())
    .nullable(),
});
export type CustomerInput = z.infer<typeof customerInputSchema>;

const coordinate = (limit: number) =>
  z
    .number()
    .min(-limit, { message: `must be between -${limit} and ${limit}` })
    .max(limit, { message: `must be between -${limit} and ${limit}` })
    .nullable();

export const siteInputSchema = z.object({
  customerId: idSchema,
  name: trimmed(200),
  address: trimmed(500),
  lat: coordinate(90),
  lng: coordinate(180),
  accessNotes: z.string().trim().max(2000, { message: 'must be at most 2000 characters' }),
});
export type SiteInput = z.infer<typeof siteInputSchema>;
/** A site stays with its customer (its jobs name both), so an edit cannot move it. */
export const siteUpdateSchema = siteInputSchema.omit({ customerId: true });
export type SiteUpdate = z.infer<typeof siteUpdateSchema>;

export const FIELD_KEY_PATTERN = /^[a-z][a-z0-9_]{0,63}$/;
/** The same limit as a job type's form rules: R2 is about showing only a few fields first. */
export const MAX_KEY_FIELDS = MAX_FORM_KEY_FIELDS;

export const jobTypeInputSchema = z.object({
  name: trimmed(100),
  defaultDurationMinutes: z
    .number({ message: 'must be a number of minutes' })
    .int({ message: 'must be a whole number of minutes' })
    .min(5, { message: 'must be at least 5 minutes' })
    .max(24 * 60, { message: 'must be at most 1440 minutes (a day)' }),
  /** Form field keys shown first and big on site (R2); the forms issue fills in the template. */
  keyFields: z
    .array(
      z.string().trim().regex(FIELD_KEY_PATTERN, {
        message: 'must be a field key: lower-case letters, digits and _, starting with a letter',
      }),
    )
    .max(MAX_KEY_FIELDS, { message: `at most ${MAX_KEY_FIELDS} key fields; the point is to show only a few` })
    .refine((keys) => new Set(keys).size === keys.length, { message: 'lists a field twice' }),
});
export type JobTypeInput = z.infer<typeof jobTypeInputSchema>;

export const idParamsSchema = z.object({ id: idSchema });
