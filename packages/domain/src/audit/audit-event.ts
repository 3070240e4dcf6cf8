import { z } from 'zod';
import { queryNumber } from '../query-number.ts';
import { idSchema } from '../ids.ts';

/**
 * One field's value before and after an audited change. `field` names a job column (`status`,
 * `assigneeId`, `teamId`, `scheduledStart`, `scheduledEnd`…) or `answer`, then `fieldKey` is the
 * form field; `before` is null for a new row. Structured, so each client words it in its language.
 */
export const auditChangeSchema = z.object({
  field: z.string().max(64),
  fieldKey: z.string().max(64).optional(),
  before: z.unknown(),
  after: z.unknown(),
});
export type AuditChange = z.infer<typeof auditChangeSchema>;

export const AUDIT_SOURCES = ['sync', 'rest'] as const;
export const auditSourceSchema = z.enum(AUDIT_SOURCES);
export type AuditSource = z.infer<typeof auditSourceSchema>;

/** One row of the audit trail as the API returns it. */
export const auditEventSchema = z.object({
  id: idSchema,
  /** Insertion order; timelines are newest first by it. */
  seq: z.number().int(),
  source: auditSourceSchema,
  userId: idSchema.nullable(),
  /** The device's sync client id, or `session-…` for a REST write (a reference, never the token). */
  clientId: z.string().nullable(),
  /** The mutation name (`transitionJob`) or the REST action (`user.updated`, `POST /api/customers`). */
  action: z.string(),
  entity: z.string().nullable(),
  entityId: z.string().nullable(),
  jobId: idSchema.nullable(),
  mutationId: z.number().int().nullable(),
  /** Server time. */
  at: z.iso.datetime({ offset: true }),
  /** The device's clock when the change was made; for display, never for ordering. */
  clientTime: z.iso.datetime({ offset: true }).nullable(),
  changes: z.array(auditChangeSchema),
});
export type AuditEvent = z.infer<typeof auditEventSchema>;

export const MAX_AUDIT_PAGE = 200;

export const auditQuerySchema = z.object({
  /** The `nextCursor` of the previous page; absent for the newest events. */
  cursor: z
    .string()
    .regex(/^\d{1,15}$/, { message: 'is not a cursor this server issued' })
    .optional(),
  limit: queryNumber(
    z
      .number()
      .int()
      .min(1, { message: 'must be at least 1' })
      .max(MAX_AUDIT_PAGE, { message: `must be at most ${MAX_AUDIT_PAGE}` })
      .default(50),
  ),
});
export type AuditQuery = z.infer<typeof auditQuerySchema>;

export const auditPageSchema = z.object({
  events: z.array(auditEventSchema),
  /** Older events wait: ask again with this cursor. */
  nextCursor: z.string().nullable(),
  /** Names of the people and teams the page refers to (actors, assignees before and after). */
  names: z.record(z.string(), z.string()),
});
export type AuditPage = z.infer<typeof auditPageSchema>;

export const clientIdParamsSchema = z.object({
  clientId: z
    .string()
    .min(1)
    .max(80)
    .regex(/^[A-Za-z0-9_-]+$/, { message: 'is not a device id' }),
});

/** A device (sync client) of the organization, for choosing whose trail to read. */
export const auditDeviceSchema = z.object({
  clientId: z.string(),
  userId: idSchema,
  userName: z.string(),
  lastSeenAt: z.iso.datetime({ offset: true }),
});
export type AuditDevice = z.infer<typeof auditDeviceSchema>;
