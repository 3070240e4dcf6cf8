import { z } from 'zod';

/**
 * A form template's definition: sections of fields with stable keys. Published versions are
 * immutable; a response pins one. Keys, not positions, identify fields across versions, so
 * answers carry over when a draft moves to a newer version.
 */
export const FIELD_TYPES = [
  'shortText',
  'longText',
  'number',
  'passFail',
  'yesNo',
  'singleChoice',
  'multipleChoice',
  'date',
  'time',
  'photos',
  'signature',
  'instructions',
  'group',
] as const;
export const fieldTypeSchema = z.enum(FIELD_TYPES);
export type FieldType = z.infer<typeof fieldTypeSchema>;

export const fieldKeySchema = z
  .string()
  .min(1, { message: 'is required' })
  .max(64, { message: 'must be at most 64 characters' })
  .regex(/^[a-z][a-z0-9_]*$/, { message: 'must start with a letter and use only a-z, 0-9 and _' });

/** Times are wall-clock `HH:MM` (seconds optional), as an HTML time input gives them. */
export const TIME_PATTERN = /^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?$/;

export const CONDITION_OPERATORS = [
  'equals',
  'notEquals',
  'in',
  'greaterThan',
  'lessThan',
  'answered',
  'unanswered',
] as const;

/** One test of another field's answer. `value` is unused by answered/unanswered; `in` takes a list. */
export type ConditionOperator = (typeof CONDITION_OPERATORS)[number];

export const conditionSchema = z.object({
  field: fieldKeySchema,
  op: z.enum(CONDITION_OPERATORS),
  value: z.union([z.string(), z.number(), z.boolean(), z.array(z.string())]).optional(),
});
export type Condition = z.infer<typeof conditionSchema>;

/** Shown only when all (or any) of its conditions hold. */
export const visibilitySchema = z.object({
  match: z.enum(['all', 'any']),
  conditions: z.array(conditionSchema).min(1, { message: 'needs at least one condition' }),
});
export type Visibility = z.infer<typeof visibilitySchema>;

const choiceSchema = z.object({ value: z.string().min(1).max(64), label: z.string().min(1).max(200) });

const baseField = {
  key: fieldKeySchema,
  label: z.string().min(1, { message: 'is required' }).max(200),
  help: z.string().max(1000).default(''),
  /** Required only while visible: a hidden field never blocks a submit. Job types may add more. */
  required: z.boolean().default(false),
  visibleWhen: visibilitySchema.nullable().default(null),
};

const leafFieldSchema = z.discriminatedUnion('type', [
  z.object({ ...baseField, type: z.literal('shortText'), default: z.string().max(500).optional() }),
  z.object({ ...baseField, type: z.literal('longText'), default: z.string().max(10_000).optional() }),
  z.object({
    ...baseField,
    type: z.literal('number'),
    unit: z.string().max(20).default(''),
    min: z.number().nullable().default(null),
    max: z.number().nullable().default(null),
    decimals: z.number().int().min(0).max(6).default(0),
    default: z.number().optional(),
  }),
  z.object({ ...baseField, type: z.literal('passFail'), default: z.enum(['pass', 'fail', 'na']).optional() }),
  z.object({ ...baseField, type: z.literal('yesNo'), default: z.boolean().optional() }),
  z.object({
    ...baseField,
    type: z.literal('singleChoice'),
    choices: z.array(choiceSchema).min(1),
    default: z.string().optional(),
  }),
  z.object({
    ...baseField,
    type: z.literal('multipleChoice'),
    choices: z.array(choiceSchema).min(1),
    default: z.array(z.string()).optional(),
  }),
  z.object({ ...baseField, type: z.literal('date'), default: z.iso.date().optional() }),
  z.object({
    ...baseField,
    type: z.literal('time'),
    default: z.string().regex(TIME_PATTERN, { message: 'must be a time like 14:30' }).optional(),
  }),
  z.object({ ...baseField, type: z.literal('photos'), maxPhotos: z.number().int().min(1).max(50).default(10) }),
  z.object({ ...baseField, type: z.literal('signature') }),
  z.object({ ...baseField, type: z.literal('instructions') }),
]);
export type LeafField = z.infer<typeof leafFieldSchema>;

/** A repeatable block (e.g. one per radiator): its answer is a list of entries keyed by child field. */
export const groupFieldSchema = z.object({
  ...baseField,
  type: z.literal('group'),
  fields: z.array(leafFieldSchema).min(1, { message: 'needs at least one field' }),
  minEntries: z.number().int().min(0).default(0),
  maxEntries: z.number().int().min(1).max(100).default(20),
});
export type GroupField = z.infer<typeof groupFieldSchema>;

export const fieldSchema = z.union([leafFieldSchema, groupFieldSchema]);
export type Field = z.infer<typeof fieldSchema>;

export const sectionSchema = z.object({
  key: fieldKeySchema,
  title: z.string().min(1, { message: 'is required' }).max(200),
  visibleWhen: visibilitySchema.nullable().default(null),
  fields: z.array(fieldSchema),
});
export type Section = z.infer<typeof sectionSchema>;

export const templateDefinitionSchema = z.object({
  sections: z.array(sectionSchema).min(1, { message: 'needs at least one section' }),
});
export type TemplateDefinition = z.infer<typeof templateDefinitionSchema>;
export type TemplateDefinitionInput = z.input<typeof templateDefinitionSchema>;
