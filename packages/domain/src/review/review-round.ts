import { z } from 'zod';
import { idSchema } from '../ids.ts';
import { answerValueJsonSchema } from '../forms/answers.ts';
import { fieldKeySchema } from '../forms/definition.ts';

const isoDateTime = z.iso.datetime({ offset: true });

export const MAX_REVIEW_COMMENT = 2000;
export const MAX_FIELD_COMMENTS = 200;

const commentText = z.string().max(MAX_REVIEW_COMMENT, { message: `must be at most ${MAX_REVIEW_COMMENT} characters` });

/**
 * Who reviews submissions in an organization (organizations.settings.review):
 * - `office`: the office alone (the default);
 * - `lead_then_office`: the team's lead first; their approval passes the job on to the office;
 * - `lead`: the team's lead decides alone.
 * Office and admin can decide in every mode: a team without a lead must not block its jobs.
 */
export const REVIEW_MODES = ['office', 'lead_then_office', 'lead'] as const;
export const reviewModeSchema = z.enum(REVIEW_MODES);
export type ReviewMode = z.infer<typeof reviewModeSchema>;

export const reviewSettingsSchema = z.object({ mode: reviewModeSchema.default('office') });
export type ReviewSettings = z.infer<typeof reviewSettingsSchema>;
export const DEFAULT_REVIEW_SETTINGS: ReviewSettings = reviewSettingsSchema.parse({});

export const REVIEW_DECISIONS = ['approved', 'sent_back'] as const;
export const reviewDecisionSchema = z.enum(REVIEW_DECISIONS);
export type ReviewDecision = z.infer<typeof reviewDecisionSchema>;

/** Which step of the review a decision was: a lead's (two-step or lead-only) or the office's. */
export const REVIEW_STAGES = ['lead', 'office'] as const;
export const reviewStageSchema = z.enum(REVIEW_STAGES);
export type ReviewStage = z.infer<typeof reviewStageSchema>;

/** A comment on one answer: the form response, the field, and for a field inside a repeat group the entry (0-based). */
export const fieldCommentSchema = z.object({
  responseId: idSchema,
  fieldKey: fieldKeySchema,
  entryIndex: z.number().int().min(0).max(99).nullable(),
  comment: commentText.refine((s) => s.trim() !== '', { message: 'is required' }),
});
export type FieldComment = z.infer<typeof fieldCommentSchema>;

/**
 * One review decision, kept for good (replicated with the job's scopes, so a technician sees the
 * comments offline). `round` counts submissions: it goes up after each send back. `answers` is
 * the server's snapshot of every answer of the job at decision time (keyed by form answer id),
 * from which "changed since the last round" is computed; the device writes it empty and the
 * server's row replaces it.
 */
export const reviewRoundRowSchema = z.object({
  id: idSchema,
  orgId: idSchema,
  jobId: idSchema,
  round: z.number().int().min(1),
  stage: reviewStageSchema,
  decision: reviewDecisionSchema,
  reviewerId: idSchema,
  comment: z.string(),
  fieldComments: z.array(fieldCommentSchema),
  answers: z.record(z.string(), answerValueJsonSchema),
  decidedAt: isoDateTime,
});
export type ReviewRoundRow = z.infer<typeof reviewRoundRowSchema>;

export const reviewJobArgs = z.object({
  /** The new decision row's id (made on the device, so a replayed push cannot record it twice). */
  id: idSchema,
  jobId: idSchema,
  /** The round the reviewer read: a resubmission meanwhile makes the decision stale, and it is refused. */
  round: z.number().int().min(1),
  decision: reviewDecisionSchema,
  comment: commentText,
  fieldComments: z.array(fieldCommentSchema).max(MAX_FIELD_COMMENTS, {
    message: `must be at most ${MAX_FIELD_COMMENTS} comments`,
  }),
});
export type ReviewJobArgs = z.infer<typeof reviewJobArgs>;
