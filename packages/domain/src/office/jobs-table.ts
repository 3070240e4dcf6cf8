import { z } from 'zod';
import { queryNumber } from '../query-number.ts';
import { PRIORITIES } from '../entities.ts';
import { idSchema } from '../ids.ts';
import { JOB_STATUSES } from '../job-status.ts';
import { fromBeforeTo, jobFilterFields, many } from './job-filter-fields.ts';

export const JOB_SORTS = ['scheduledStart', 'number', 'status', 'customer', 'priority'] as const;
export type JobSort = (typeof JOB_SORTS)[number];
export const MAX_PAGE_SIZE = 200;

/** The office jobs table's query string (GET /api/jobs). */
export const jobsQuerySchema = z
  .object({
    search: z.string().trim().max(200, { message: 'must be at most 200 characters' }).optional(),
    status: many(z.enum(JOB_STATUSES)).optional(),
    ...jobFilterFields,
    customerId: idSchema.optional(),
    sort: z.enum(JOB_SORTS).default('scheduledStart'),
    direction: z.enum(['asc', 'desc']).default('asc'),
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
export type JobsQuery = z.infer<typeof jobsQuerySchema>;

const named = z.object({ id: idSchema, name: z.string() });

export const jobTableItemSchema = z.object({
  id: idSchema,
  number: z.string(),
  title: z.string(),
  status: z.enum(JOB_STATUSES),
  priority: z.enum(PRIORITIES),
  scheduledStart: z.string(),
  scheduledEnd: z.string(),
  externalRef: z.string().nullable(),
  jobType: named,
  customer: named,
  site: z.object({ id: idSchema, address: z.string() }),
  team: named.nullable(),
  assignee: named.nullable(),
});
export type JobTableItem = z.infer<typeof jobTableItemSchema>;

export const jobsPageSchema = z.object({
  items: z.array(jobTableItemSchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type JobsPage = z.infer<typeof jobsPageSchema>;
