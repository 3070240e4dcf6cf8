import { z } from 'zod';
import type { JobStatus } from './job-status.ts';

/**
 * How long the office's devices keep closed work (ADR 0040): an approved or cancelled job, and
 * the rows that hang off it, leave the `org:` scope once it has not changed for `closedDays`. Older
 * jobs are read through the REST API.
 */
const closedDays = z
  .number({ error: (issue) => (issue.input === undefined ? 'is required' : undefined) })
  .int({ message: 'must be a whole number of days' })
  .min(1, { message: 'must be at least 1 day' })
  .max(3650, { message: 'must be at most 3650 days' });
export const officeWindowSettingsSchema = z.object({ closedDays: closedDays.default(90) });
export type OfficeWindowSettings = z.infer<typeof officeWindowSettingsSchema>;
/**
 * An admin's change. The field is required: with the default of the stored shape, a `PUT {}`
 * (or a misspelt key) set the window back to 90 days without a word.
 */
export const officeWindowSettingsUpdateSchema = z.object({ closedDays }).strict();
export type OfficeWindowSettingsUpdate = z.infer<typeof officeWindowSettingsUpdateSchema>;
export const DEFAULT_OFFICE_WINDOW_SETTINGS: OfficeWindowSettings = { closedDays: 90 };

/** What applying the window now did (`POST /api/admin/settings/office-window/sweep`, ADR 0041). */
export const officeWindowSweepSchema = z.object({
  departed: z.number().int().describe('Jobs taken off office devices by this run'),
  returned: z.number().int().describe('Departed jobs brought back to office devices by this run'),
});
export type OfficeWindowSweep = z.infer<typeof officeWindowSweepSchema>;

/** The statuses after which a job can age out of the office's devices: nothing more happens to it. */
export const CLOSED_JOB_STATUSES: readonly JobStatus[] = ['approved', 'cancelled'];
