import { z } from 'zod';
import { ERROR_CODES, type ErrorBody, type ErrorCode, type MessageDetail } from './errors.ts';

// Apart from errors.ts, which the web app's start path uses without zod (ADR 0034).
export const messageDetailSchema = z.object({
  key: z.string().max(100),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
});

export const errorBodySchema = z.object({
  code: z.enum(Object.values(ERROR_CODES) as [ErrorCode, ...ErrorCode[]]),
  /** English, for API clients and logs. */
  message: z.string(),
  /** Field-level details for validation errors: path → message. */
  issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  detail: messageDetailSchema.optional(),
});

/** The hand-written types in errors.ts must stay what these schemas parse (tsc fails otherwise). */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Assert<T extends true> = T;
export type ErrorTypesMatchSchemas = [
  Assert<Same<z.infer<typeof messageDetailSchema>, MessageDetail>>,
  Assert<Same<z.infer<typeof errorBodySchema>, ErrorBody>>,
];
