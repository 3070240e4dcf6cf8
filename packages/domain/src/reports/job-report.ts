import { z } from 'zod';
import { logoTypeSchema } from '../admin/organization-settings.ts';
import { PRIORITIES } from '../entities.ts';
import { fieldTypeSchema } from '../forms/definition.ts';
import { idSchema } from '../ids.ts';
import { JOB_STATUSES } from '../job-status.ts';

const isoDateTime = z.iso.datetime({ offset: true });

/** One answered (or unanswered) field as a report reads it. */
export const reportLeafAnswerSchema = z.object({
  key: z.string(),
  label: z.string(),
  type: fieldTypeSchema,
  /** What a person reads: choice labels, Yes/No, the number with its unit; '' when unanswered. */
  text: z.string(),
  unit: z.string(),
  /** pass/fail fields (and a yes/no read as such): shown as a clear PASS / FAIL mark. */
  outcome: z.enum(['pass', 'fail', 'na']).nullable(),
  /** A number outside the field's min/max: flagged in the report. */
  outOfRange: z.boolean(),
  /** Photos and signature fields: the attachments the answer points at (verified ones only). */
  attachmentIds: z.array(idSchema),
});
export type ReportLeafAnswer = z.infer<typeof reportLeafAnswerSchema>;

export const reportAnswerSchema = reportLeafAnswerSchema.extend({
  /** A repeat group's entries, each its visible children in template order; empty for other fields. */
  entries: z.array(z.array(reportLeafAnswerSchema)),
});
export type ReportAnswer = z.infer<typeof reportAnswerSchema>;

export const reportSectionSchema = z.object({
  key: z.string(),
  title: z.string(),
  answers: z.array(reportAnswerSchema),
});
export type ReportSection = z.infer<typeof reportSectionSchema>;

export const reportFormSchema = z.object({
  responseId: idSchema,
  templateName: z.string(),
  templateVersion: z.number().int(),
  status: z.enum(['draft', 'submitted']),
  submittedAt: isoDateTime.nullable(),
  submittedBy: z.string().nullable(),
  /** Visible sections and fields only, in template order. */
  sections: z.array(reportSectionSchema),
});
export type ReportForm = z.infer<typeof reportFormSchema>;

export const reportPhotoSchema = z.object({
  id: idSchema,
  caption: z.string(),
  /** The form field it answers, or null for a photo of the job itself. */
  fieldLabel: z.string().nullable(),
  capturedAt: isoDateTime,
  capturedBy: z.string().nullable(),
  width: z.number().int(),
  height: z.number().int(),
});
export type ReportPhoto = z.infer<typeof reportPhotoSchema>;

export const reportActivitySchema = z.object({
  at: isoDateTime,
  /** The device's clock when the change was made, if it came from a device. */
  deviceTime: isoDateTime.nullable(),
  actor: z.string().nullable(),
  action: z.string(),
  /** In words, e.g. "Status: completed → submitted". */
  summary: z.string(),
});
export type ReportActivity = z.infer<typeof reportActivitySchema>;

export const reportItemSchema = z.object({
  id: idSchema,
  title: z.string(),
  description: z.string(),
  priority: z.enum(PRIORITIES),
  status: z.string(),
  dueDate: z.string().nullable(),
  createdAt: isoDateTime,
});
export type ReportItem = z.infer<typeof reportItemSchema>;

export const reportReviewSchema = z.object({
  round: z.number().int(),
  stage: z.enum(['lead', 'office']),
  decision: z.enum(['approved', 'sent_back']),
  reviewer: z.string().nullable(),
  decidedAt: isoDateTime,
  comment: z.string(),
});
export type ReportReview = z.infer<typeof reportReviewSchema>;

/**
 * Everything the inspection report of one job shows (GET /api/jobs/:id/report.json). The PDF is
 * drawn from exactly this, so a machine reading the JSON and a customer reading the PDF agree.
 */
export const jobReportSchema = z.object({
  /** `timeZone`: the report's times are in it; `logo`: drawn in the header (its digest changes the ETag). */
  organization: z.object({
    name: z.string(),
    timeZone: z.string(),
    logo: z.object({ sha256: z.string(), contentType: logoTypeSchema }).nullable(),
  }),
  job: z.object({
    id: idSchema,
    number: z.string(),
    title: z.string(),
    jobType: z.string(),
    status: z.enum(JOB_STATUSES),
    priority: z.enum(PRIORITIES),
    scheduledStart: isoDateTime,
    scheduledEnd: isoDateTime,
    externalRef: z.string().nullable(),
    notes: z.string(),
    team: z.string().nullable(),
  }),
  customer: z.object({ name: z.string(), phone: z.string().nullable(), email: z.string().nullable() }),
  site: z.object({ name: z.string(), address: z.string() }),
  technician: z.string().nullable(),
  forms: z.array(reportFormSchema),
  photos: z.array(reportPhotoSchema),
  activity: z.array(reportActivitySchema),
  items: z.array(reportItemSchema),
  /** Every review decision, oldest first (send-backs included: a regulator may ask why). */
  reviews: z.array(reportReviewSchema),
  approval: z.object({ approvedAt: isoDateTime, approvedBy: z.string().nullable() }).nullable(),
});
export type JobReport = z.infer<typeof jobReportSchema>;
