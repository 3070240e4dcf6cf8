import { z } from 'zod';
import { idSchema } from '../ids.ts';
import { TIME_PATTERN, type Field, type GroupField, type LeafField } from './definition.ts';

/**
 * Answer values, per field type:
 * - shortText / longText: string · number: number · passFail: 'pass' | 'fail' | 'na' · yesNo: boolean
 * - singleChoice: a choice value · multipleChoice: list of choice values
 * - date: `YYYY-MM-DD` · time: `HH:MM` (seconds optional)
 * - photos: list of attachment ids (the bytes travel apart, sync principle 10)
 * - signature: an attachment id, or the drawn image as a `data:image/…` URL until attachments exist
 * - group: list of entries, each a map of child key → leaf value (null = unanswered)
 * - instructions: no answer
 * `null` (or an empty string / list) means unanswered; clearing an answer sets it to null.
 */
export type LeafValue = string | number | boolean | string[];
export type GroupEntry = Record<string, LeafValue | null>;
export type AnswerValue = LeafValue | GroupEntry[];
export type Answers = Readonly<Record<string, AnswerValue | null | undefined>>;

/** Any answer as it travels in a mutation and is stored (JSON); checked against the field with answerValueSchema. */
export const answerValueJsonSchema = z.union([
  z.string().max(200_000),
  z.number(),
  z.boolean(),
  z.array(z.string().max(200_000)).max(100),
  z
    .array(
      z.record(
        z.string(),
        z.union([z.string().max(200_000), z.number(), z.boolean(), z.array(z.string()).max(100), z.null()]),
      ),
    )
    .max(100),
  z.null(),
]);

export function isAnswered(value: unknown): boolean {
  if (value === null || value === undefined) return false;
  if (typeof value === 'string') return value.trim() !== '';
  if (Array.isArray(value)) return value.length > 0;
  return true;
}

const SIGNATURE_DATA_URL = /^data:image\/(png|jpeg|svg\+xml);base64,[A-Za-z0-9+/=]+$/;

function decimalsOf(value: number): number {
  if (Number.isInteger(value)) return 0;
  const text = String(value);
  const exp = /e-(\d+)$/.exec(text);
  if (exp) return Number(exp[1]);
  return text.split('.')[1]?.length ?? 0;
}

function formatLimit(n: number, unit: string): string {
  return unit ? `${n} ${unit}` : String(n);
}

function numberSchema(field: Extract<LeafField, { type: 'number' }>) {
  return z
    .number({ message: 'must be a number' })
    .refine((n) => Number.isFinite(n), { message: 'must be a number' })
    .refine((n) => field.min === null || n >= field.min, {
      message: `must be at least ${formatLimit(field.min ?? 0, field.unit)}`,
    })
    .refine((n) => field.max === null || n <= field.max, {
      message: `must be at most ${formatLimit(field.max ?? 0, field.unit)}`,
    })
    .refine((n) => decimalsOf(n) <= field.decimals, {
      message:
        field.decimals === 0
          ? 'must be a whole number'
          : `must have at most ${field.decimals} decimal${field.decimals === 1 ? '' : 's'}`,
    });
}

function choiceValues(field: { choices: { value: string }[] }): string[] {
  return field.choices.map((c) => c.value);
}

/** The schema of a leaf field's answer (without null: callers treat null as "unanswered"). */
export function leafValueSchema(field: LeafField): z.ZodType<LeafValue> {
  switch (field.type) {
    case 'shortText':
      return z.string({ message: 'must be text' }).max(500, { message: 'must be at most 500 characters' });
    case 'longText':
      return z.string({ message: 'must be text' }).max(10_000, { message: 'must be at most 10000 characters' });
    case 'number':
      return numberSchema(field);
    case 'passFail':
      return z.enum(['pass', 'fail', 'na'], { message: 'must be pass, fail or N/A' });
    case 'yesNo':
      return z.boolean({ message: 'must be yes or no' });
    case 'singleChoice': {
      const values = choiceValues(field);
      return z
        .string({ message: 'must be one of the choices' })
        .refine((v) => values.includes(v), { message: `must be one of: ${values.join(', ')}` });
    }
    case 'multipleChoice': {
      const values = choiceValues(field);
      return z
        .array(z.string(), { message: 'must be a list of choices' })
        .refine((list) => list.every((v) => values.includes(v)), { message: `may only contain: ${values.join(', ')}` })
        .refine((list) => new Set(list).size === list.length, { message: 'lists a choice twice' });
    }
    case 'date':
      return z.iso.date({ message: 'must be a date like 2026-03-31' });
    case 'time':
      return z
        .string({ message: 'must be a time like 14:30' })
        .regex(TIME_PATTERN, { message: 'must be a time like 14:30' });
    case 'photos':
      return z
        .array(idSchema, { message: 'must be a list of photo ids' })
        .max(field.maxPhotos, { message: `at most ${field.maxPhotos} photos` })
        .refine((list) => new Set(list).size === list.length, { message: 'lists a photo twice' });
    case 'signature':
      return z
        .string({ message: 'must be a signature' })
        .refine((v) => idSchema.safeParse(v).success || (v.length <= 200_000 && SIGNATURE_DATA_URL.test(v)), {
          message: 'must be a signature image',
        });
    case 'instructions':
      return z.never({ message: 'instructions take no answer' });
  }
}

function groupValueSchema(group: GroupField): z.ZodType<GroupEntry[]> {
  const children = new Map(group.fields.map((f) => [f.key, f]));
  const entry = z.record(z.string(), z.unknown()).superRefine((record, ctx) => {
    for (const [key, value] of Object.entries(record)) {
      const child = children.get(key);
      if (!child) {
        ctx.addIssue({ code: 'custom', path: [key], message: 'is not a field of this group' });
        continue;
      }
      if (value === null) continue;
      const parsed = leafValueSchema(child).safeParse(value);
      if (!parsed.success)
        for (const issue of parsed.error.issues) ctx.addIssue({ code: 'custom', path: [key], message: issue.message });
    }
  });
  return z
    .array(entry, { message: 'must be a list of entries' })
    .max(group.maxEntries, { message: `at most ${group.maxEntries} entries` }) as unknown as z.ZodType<GroupEntry[]>;
}

function valueSchema(field: Field): z.ZodType<AnswerValue> {
  return field.type === 'group' ? groupValueSchema(field) : leafValueSchema(field);
}

/**
 * The schema of a field's answer value; `null` (unanswered) is always accepted. Used by the
 * optimistic and the server side of setAnswer, by submit validation and by migration.
 */
export function answerValueSchema(field: Field): z.ZodType<AnswerValue | null> {
  return valueSchema(field).nullable();
}

/** The first problem with a value for a field, as "must be …", or null if it fits. */
export function answerProblem(field: Field, value: unknown): string | null {
  if (value === null) return null;
  const parsed = valueSchema(field).safeParse(value);
  if (parsed.success) return null;
  const issue = parsed.error.issues[0];
  if (!issue) return 'is not a valid answer';
  return issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message;
}
