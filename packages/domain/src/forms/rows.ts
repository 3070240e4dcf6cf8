import { z } from 'zod';
import { idSchema } from '../ids.ts';
import { answerValueJsonSchema, type AnswerValue, type Answers } from './answers.ts';
import { fieldKeySchema, templateDefinitionSchema } from './definition.ts';

const isoDateTime = z.iso.datetime({ offset: true });

/** A published, immutable template version (reference data: everyone in the organization has them). */
export const formVersionRowSchema = z.object({
  id: idSchema,
  orgId: idSchema,
  templateId: idSchema,
  /** The template's name when this version was published. */
  name: z.string(),
  version: z.number().int().positive(),
  definition: templateDefinitionSchema,
  publishedBy: idSchema,
  publishedAt: isoDateTime,
});
export type FormVersionRow = z.infer<typeof formVersionRowSchema>;

export const FORM_RESPONSE_STATUSES = ['draft', 'submitted'] as const;
export const formResponseStatusSchema = z.enum(FORM_RESPONSE_STATUSES);
export type FormResponseStatus = z.infer<typeof formResponseStatusSchema>;

/** One filled-in form of a job; it pins the template version it was started on. Scoped with its job. */
export const formResponseRowSchema = z.object({
  id: idSchema,
  orgId: idSchema,
  jobId: idSchema,
  templateId: idSchema,
  templateVersionId: idSchema,
  status: formResponseStatusSchema,
  createdBy: idSchema,
  createdAt: isoDateTime,
  submittedAt: isoDateTime.nullable(),
  submittedBy: idSchema.nullable(),
  updatedAt: isoDateTime,
});
export type FormResponseRow = z.infer<typeof formResponseRowSchema>;

export { formAnswerId } from './answer-id.ts';

/**
 * One answer. `answeredBy` is the acting person, `capturedAt` the device clock (display only),
 * `updatedAt` the server's time. When someone overwrote a value they had not seen (two people,
 * same field, concurrently), `conflict` is set for the lead/office and the older value is in the
 * answer's history (`historyCount` entries; REST: /api/form-responses/:id/answers/:key/history).
 */
export const formAnswerRowSchema = z.object({
  id: z.string().min(1).max(120),
  orgId: idSchema,
  responseId: idSchema,
  jobId: idSchema,
  fieldKey: fieldKeySchema,
  value: answerValueJsonSchema,
  answeredBy: idSchema,
  capturedAt: isoDateTime,
  updatedAt: isoDateTime,
  historyCount: z.number().int().min(0),
  conflict: z.boolean(),
});
export type FormAnswerRow = z.infer<typeof formAnswerRowSchema>;

/** One earlier value of an answer, kept when someone else overwrote it. */
export const formAnswerHistoryItemSchema = z.object({
  id: idSchema,
  value: answerValueJsonSchema,
  answeredBy: idSchema,
  answeredByName: z.string().nullable(),
  capturedAt: isoDateTime,
  /** When the server stored this value. */
  storedAt: isoDateTime,
  /** When it was replaced, by whom, and whether the replacement was made without seeing it. */
  replacedAt: isoDateTime,
  replacedBy: idSchema,
  replacedByName: z.string().nullable(),
  concurrent: z.boolean(),
});
export type FormAnswerHistoryItem = z.infer<typeof formAnswerHistoryItemSchema>;

/** A response's answers by field key, from its answer rows. */
export function answersFromRows(rows: readonly Pick<FormAnswerRow, 'fieldKey' | 'value'>[]): Answers {
  const answers: Record<string, AnswerValue | null> = {};
  for (const row of rows) answers[row.fieldKey] = row.value;
  return answers;
}
