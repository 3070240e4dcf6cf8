import { z } from 'zod';
import { idSchema } from '../ids.ts';
import { fromBeforeTo, jobFilterFields } from '../office/job-filter-fields.ts';

/** Free-text job notes at least this long suggest a structured field is missing (R11). */
export const LONG_NOTES_CHARS = 300;
/** A form whose last answer came this long after the job was completed was written afterwards. */
export const LATE_FORM_MINUTES = 120;
/** A device that has not synced for this many days may hold work nobody has seen. */
export const STALE_DEVICE_DAYS = 3;
/** How many example jobs a signal lists (the rest are a filter away in the jobs table). */
export const DRIFT_EXAMPLES = 20;

/**
 * GET /api/drift: the jobs scheduled in [from, to) of these teams, job types and technicians
 * (the office table's filters). Without from/to, the last 90 days.
 */
export const driftQuerySchema = z.object({ ...jobFilterFields }).refine(...fromBeforeTo);
export type DriftQuery = z.infer<typeof driftQuerySchema>;

const named = z.object({ id: idSchema, name: z.string() });

/** Reviewed jobs and of them how many were sent back at least once, for one job type, team or person. */
export const sendBackRowSchema = named.extend({ reviewed: z.number().int(), sentBack: z.number().int() });
export type SendBackRow = z.infer<typeof sendBackRowSchema>;

/** A field of a template and how often something happened to it. */
export const fieldSignalSchema = z.object({
  templateId: idSchema,
  templateName: z.string(),
  fieldKey: z.string(),
  fieldLabel: z.string(),
  count: z.number().int(),
  /** Submitted forms that had this field (the rate's denominator); null where no rate applies. */
  of: z.number().int().nullable(),
});
export type FieldSignal = z.infer<typeof fieldSignalSchema>;

export const exampleJobSchema = z.object({
  id: idSchema,
  number: z.string(),
  title: z.string(),
  assignee: z.string().nullable(),
  /** What makes it an example: minutes late, notes length… (see the signal). */
  figure: z.number(),
});
export type ExampleJob = z.infer<typeof exampleJobSchema>;

export const driftReportSchema = z.object({
  from: z.string(),
  to: z.string(),
  jobs: z.number().int(),
  sendBack: z.object({
    reviewed: z.number().int(),
    sentBack: z.number().int(),
    byJobType: z.array(sendBackRowSchema),
    byTeam: z.array(sendBackRowSchema),
    byTechnician: z.array(sendBackRowSchema),
    /** Fields reviewers commented on when sending back, most often first. */
    commentedFields: z.array(fieldSignalSchema),
  }),
  /** Fields left empty or answered N/A on submitted forms, highest rate first. */
  skippedFields: z.array(fieldSignalSchema),
  /** Per job type: how long the technicians' free-text notes run. */
  notes: z.array(
    named.extend({
      jobs: z.number().int(),
      withNotes: z.number().int(),
      averageChars: z.number(),
      long: z.number().int(),
    }),
  ),
  noPhotos: z.object({ done: z.number().int(), withoutPhoto: z.number().int(), examples: z.array(exampleJobSchema) }),
  lateForms: z.object({
    forms: z.number().int(),
    late: z.number().int(),
    medianMinutes: z.number().nullable(),
    examples: z.array(exampleJobSchema),
  }),
  /** Devices silent for STALE_DEVICE_DAYS, or holding a change older than that (as they last reported). */
  staleDevices: z.array(
    z.object({
      id: idSchema,
      name: z.string(),
      person: z.string().nullable(),
      lastSeenAt: z.string(),
      pendingCount: z.number().int().nullable(),
      oldestPendingAt: z.string().nullable(),
    }),
  ),
  /** Open items past their due date per team (`teamId` null: items of no team). */
  overdueItems: z.array(
    z.object({
      teamId: idSchema.nullable(),
      team: z.string().nullable(),
      overdue: z.number().int(),
      oldestDue: z.string(),
    }),
  ),
});
export type DriftReport = z.infer<typeof driftReportSchema>;
