import { z } from 'zod';
import { idSchema } from '../ids.ts';
import { storableDateTime } from '../storable-date.ts';

const isoDateTime = storableDateTime();

/** GET /api/exports/answers.csv: the answers of one published template version. */
export const answersExportQuerySchema = z.object({ templateVersionId: idSchema });
export type AnswersExportQuery = z.infer<typeof answersExportQuerySchema>;

/** GET /api/exports/audit.csv: the whole trail, or one job's, person's or device's, optionally between two times. */
export const auditExportQuerySchema = z.object({
  jobId: idSchema.optional(),
  userId: idSchema.optional(),
  clientId: z
    .string()
    .min(1)
    .max(80)
    .regex(/^[A-Za-z0-9_-]+$/, { message: 'is not a device id' })
    .optional(),
  from: isoDateTime.optional(),
  to: isoDateTime.optional(),
});
export type AuditExportQuery = z.infer<typeof auditExportQuerySchema>;

/** Where each export is downloaded; the web builds links from these. */
export const EXPORT_URLS = {
  jobs: '/api/exports/jobs.csv',
  answers: '/api/exports/answers.csv',
  items: '/api/exports/items.csv',
  audit: '/api/exports/audit.csv',
} as const;

/** Where a job's inspection report is downloaded (PDF for people, JSON for machines). */
export const jobReportUrl = (jobId: string, kind: 'pdf' | 'json' = 'pdf') =>
  `/api/jobs/${encodeURIComponent(jobId)}/report.${kind}`;
