import { z } from 'zod';
import { queryNumber } from '../query-number.ts';
import { idSchema } from '../ids.ts';
import { fromBeforeTo, jobFilterFields } from '../office/job-filter-fields.ts';
import { MAX_PAGE_SIZE } from '../office/jobs-table.ts';
import { reviewStageSchema } from './review-round.ts';

/** The review queue's query string (GET /api/review/queue): submitted jobs, oldest submission first. */
export const reviewQueueQuerySchema = z
  .object({
    /** Job types, teams, technicians and the job's day, as in the jobs table. */
    ...jobFilterFields,
    page: queryNumber(z.number().int().min(1, { message: 'must be 1 or more' }).max(100_000).default(1)),
    pageSize: queryNumber(
      z
        .number()
        .int()
        .min(1, { message: 'must be 1 or more' })
        .max(MAX_PAGE_SIZE, { message: `must be at most ${MAX_PAGE_SIZE}` })
        .default(50),
    ),
  })
  .refine(...fromBeforeTo);
export type ReviewQueueQuery = z.infer<typeof reviewQueueQuerySchema>;

const named = z.object({ id: idSchema, name: z.string() });

export const reviewQueueItemSchema = z.object({
  id: idSchema,
  number: z.string(),
  title: z.string(),
  scheduledStart: z.string(),
  /** When the job was last submitted (server time). */
  submittedAt: z.string(),
  /** 1 for a first submission, 2 after one send back, … */
  round: z.number().int().min(1),
  /** Whom it waits for: a lead (two-step or lead-only review) or the office. */
  awaiting: reviewStageSchema,
  jobType: named,
  customer: named,
  team: named.nullable(),
  assignee: named.nullable(),
});
export type ReviewQueueItem = z.infer<typeof reviewQueueItemSchema>;

export const reviewQueuePageSchema = z.object({
  items: z.array(reviewQueueItemSchema),
  /** Jobs matching the filters, and of them how many wait for a lead and for the office. */
  total: z.number().int(),
  awaitingLead: z.number().int(),
  awaitingOffice: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type ReviewQueuePage = z.infer<typeof reviewQueuePageSchema>;
