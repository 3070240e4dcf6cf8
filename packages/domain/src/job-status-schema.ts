import { z } from 'zod';
import { JOB_STATUSES } from './job-status.ts';

/** Apart from job-status.ts, which the web app's start path uses without zod (ADR 0034). */
export const jobStatusSchema = z.enum(JOB_STATUSES);
