import { z } from 'zod';
import { queryNumber } from './query-number.ts';

/** GET /api/sync/refused: `limit` newest first (sync principle 8). */
export const refusedChangesQuerySchema = z.object({
  limit: queryNumber(z.number().int().min(1).max(500).default(100)),
});
export type RefusedChangesQuery = z.infer<typeof refusedChangesQuerySchema>;

/** A change the server refused, kept for the lead of the team (or the office) to review. */
export const refusedChangeSchema = z.object({
  clientId: z.string(),
  mutationId: z.number(),
  name: z.string(),
  args: z.unknown(),
  code: z.string(),
  reason: z.string(),
  processedAt: z.string(),
  /**
   * Who made the change: in crew mode (ADR 0033) the crew member who held the phone, not the phone's
   * signed-in person. Refusals recorded before this was kept (migration 0023) name the phone's person.
   */
  by: z.object({ id: z.string(), name: z.string() }),
  job: z.object({ id: z.string(), number: z.string(), assigneeName: z.string().nullable() }).nullable(),
});
export type RefusedChange = z.infer<typeof refusedChangeSchema>;

export const refusedChangesSchema = z.object({ items: z.array(refusedChangeSchema) });
export type RefusedChanges = z.infer<typeof refusedChangesSchema>;
