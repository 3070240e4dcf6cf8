import { z } from 'zod';
import { idSchema } from '../ids.ts';

const isoDateTime = z.iso.datetime({ offset: true });

/**
 * A job's thread as the server holds it (`GET /api/jobs/:id/thread`): for a job that is not on
 * the device, read only (ADR 0041). On the device the thread comes by sync (`jobMessages`).
 */
export const threadMessageSchema = z.object({
  id: idSchema,
  kind: z.enum(['message', 'handoff']),
  body: z.string(),
  createdAt: isoDateTime,
  /** Null when the author is no longer a person of the organization. */
  author: z.string().nullable(),
  /** Photos attached to the message that have been uploaded. */
  photoIds: z.array(idSchema),
});
export type ThreadMessage = z.infer<typeof threadMessageSchema>;

export const jobThreadSchema = z.object({ messages: z.array(threadMessageSchema) });
export type JobThread = z.infer<typeof jobThreadSchema>;
