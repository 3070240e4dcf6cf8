import { z } from 'zod';
import { jobTableItemSchema } from '../office/jobs-table.ts';
import { fromBeforeTo, jobFilterFields, many } from '../office/job-filter-fields.ts';
import { idSchema } from '../ids.ts';
import { JOB_STATUSES } from '../job-status.ts';
import { mutatorArgs } from '../mutators/contract.ts';
import { cursorPageSchema, cursorQueryFields } from './cursor-page.ts';

/** GET /api/v1/jobs: the office jobs table's filters (jobsQuerySchema), paged by cursor. */
export const apiJobsQuerySchema = z
  .object({
    search: z.string().trim().max(200, { message: 'must be at most 200 characters' }).optional(),
    status: many(z.enum(JOB_STATUSES)).optional(),
    ...jobFilterFields,
    customerId: idSchema.optional(),
    ...cursorQueryFields,
  })
  .refine(...fromBeforeTo);
export type ApiJobsQuery = z.infer<typeof apiJobsQuerySchema>;

/** A job as the REST API shows it: the office table's row, with its notes and times. */
export const apiJobSchema = jobTableItemSchema.extend({
  notes: z.string(),
  statusReason: z.string().nullable(),
  updatedAt: z.string(),
});
export type ApiJob = z.infer<typeof apiJobSchema>;

export const apiJobsPageSchema = cursorPageSchema(apiJobSchema);
export type ApiJobsPage = z.infer<typeof apiJobsPageSchema>;

/** POST /api/v1/jobs: the createJob mutation's arguments; the server picks the id. */
export const apiJobInputSchema = mutatorArgs.createJob.omit({ id: true }).strict();
export type ApiJobInput = z.infer<typeof apiJobInputSchema>;

/** POST /api/v1/jobs/:id/cancel: cancelling needs a reason, as in the app. */
export const apiJobCancelSchema = z
  .object({
    reason: z
      .string()
      .trim()
      .max(500, { message: 'must be at most 500 characters' })
      .min(1, { message: 'is required' }),
  })
  .strict();
export type ApiJobCancel = z.infer<typeof apiJobCancelSchema>;
