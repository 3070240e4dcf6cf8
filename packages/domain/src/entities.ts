import { z } from 'zod';
import { idSchema } from './ids.ts';
import { jobStatusSchema } from './job-status-schema.ts';
import { attachmentRowSchema } from './attachments/attachment.ts';
import { formAnswerRowSchema, formResponseRowSchema, formVersionRowSchema } from './forms/rows.ts';
import { roleSchema } from './role-schema.ts';
import { notificationRowSchema } from './notifications/notification.ts';
import { reviewRoundRowSchema } from './review/review-round.ts';

/**
 * Row shapes as they are replicated to clients. The server's tables hold more (password hashes,
 * sessions); only these fields ever leave the server through sync.
 */
const isoDateTime = z.iso.datetime({ offset: true });

export const userRowSchema = z.object({
  id: idSchema,
  orgId: idSchema,
  teamId: idSchema.nullable(),
  name: z.string(),
  email: z.string(),
  role: roleSchema,
  active: z.boolean(),
});
export type UserRow = z.infer<typeof userRowSchema>;

export const teamRowSchema = z.object({
  id: idSchema,
  orgId: idSchema,
  name: z.string(),
});
export type TeamRow = z.infer<typeof teamRowSchema>;

export const customerRowSchema = z.object({
  id: idSchema,
  orgId: idSchema,
  name: z.string(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
});
export type CustomerRow = z.infer<typeof customerRowSchema>;

export const siteRowSchema = z.object({
  id: idSchema,
  orgId: idSchema,
  customerId: idSchema,
  name: z.string(),
  address: z.string(),
  lat: z.number().nullable(),
  lng: z.number().nullable(),
  accessNotes: z.string(),
});
export type SiteRow = z.infer<typeof siteRowSchema>;

export const jobTypeRowSchema = z.object({
  id: idSchema,
  orgId: idSchema,
  name: z.string(),
  defaultDurationMinutes: z.number().int(),
  keyFields: z.array(z.string()),
  /** Form fields this job type requires on top of the template's own (only while shown). */
  requiredFields: z.array(z.string()),
  templateId: idSchema.nullable(),
});
export type JobTypeRow = z.infer<typeof jobTypeRowSchema>;

export const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export const prioritySchema = z.enum(PRIORITIES);
export type Priority = z.infer<typeof prioritySchema>;

export const jobRowSchema = z.object({
  id: idSchema,
  orgId: idSchema,
  number: z.string(),
  jobTypeId: idSchema,
  customerId: idSchema,
  siteId: idSchema,
  teamId: idSchema.nullable(),
  assigneeId: idSchema.nullable(),
  status: jobStatusSchema,
  priority: prioritySchema,
  scheduledStart: isoDateTime,
  scheduledEnd: isoDateTime,
  title: z.string(),
  notes: z.string(),
  statusReason: z.string().nullable(),
  handoffNote: z.string().nullable(),
  externalRef: z.string().nullable(),
  updatedAt: isoDateTime,
  updatedBy: idSchema.nullable(),
});
export type JobRow = z.infer<typeof jobRowSchema>;

export const ITEM_STATUSES = ['open', 'in_progress', 'done', 'wont_do'] as const;
export const itemStatusSchema = z.enum(ITEM_STATUSES);
export type ItemStatus = z.infer<typeof itemStatusSchema>;

export const outstandingItemRowSchema = z.object({
  id: idSchema,
  orgId: idSchema,
  title: z.string(),
  description: z.string(),
  jobId: idSchema.nullable(),
  siteId: idSchema.nullable(),
  teamId: idSchema.nullable(),
  ownerId: idSchema.nullable(),
  dueDate: z.iso.date().nullable(),
  priority: prioritySchema,
  status: itemStatusSchema,
  createdBy: idSchema,
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
});
export type OutstandingItemRow = z.infer<typeof outstandingItemRowSchema>;

export const jobMessageRowSchema = z.object({
  id: idSchema,
  orgId: idSchema,
  jobId: idSchema,
  authorId: idSchema,
  kind: z.enum(['message', 'handoff']),
  body: z.string(),
  createdAt: isoDateTime,
});
export type JobMessageRow = z.infer<typeof jobMessageRowSchema>;

/**
 * The replicated tables, by the name used on the wire and in IndexedDB. Adding an entity means
 * adding it here, to the server's change logging, and to the client's local database.
 */
export const ENTITIES = {
  users: userRowSchema,
  teams: teamRowSchema,
  customers: customerRowSchema,
  sites: siteRowSchema,
  jobTypes: jobTypeRowSchema,
  jobs: jobRowSchema,
  outstandingItems: outstandingItemRowSchema,
  jobMessages: jobMessageRowSchema,
  formVersions: formVersionRowSchema,
  formResponses: formResponseRowSchema,
  formAnswers: formAnswerRowSchema,
  attachments: attachmentRowSchema,
  reviewRounds: reviewRoundRowSchema,
  notifications: notificationRowSchema,
} as const;
export type EntityName = keyof typeof ENTITIES;
export const ENTITY_NAMES = Object.keys(ENTITIES) as EntityName[];
export const entityNameSchema = z.enum(ENTITY_NAMES as [EntityName, ...EntityName[]]);
export type EntityRow<E extends EntityName> = z.infer<(typeof ENTITIES)[E]>;
