import { z } from 'zod';
import { storableDateTime } from '../storable-date.ts';
import { prioritySchema, itemStatusSchema } from '../entities.ts';
import { idSchema } from '../ids.ts';
import { attachmentMutatorArgs } from '../attachments/attachment.ts';
import { formMutatorArgs } from '../forms/mutation-args.ts';
import { jobStatusSchema } from '../job-status-schema.ts';
import { markNotificationsReadArgs } from '../notifications/notification.ts';
import { reviewJobArgs } from '../review/review-round.ts';
import { updateJobArgs } from './update-job.ts';

const text = (max: number) => z.string().max(max, { message: `must be at most ${max} characters` });
const isoDateTime = storableDateTime();

/**
 * The mutation contract shared by client and server: a name and the zod schema of its args.
 * The client applies it optimistically (./optimistic.ts), the server authoritatively
 * (apps/api/src/mutators), each against its own storage.
 */
export const mutatorArgs = {
  transitionJob: z.object({
    jobId: idSchema,
    to: jobStatusSchema,
    reason: text(500).optional(),
  }),
  assignJob: z.object({
    jobId: idSchema,
    /** Who the person saw assigned when they decided: if it changed meanwhile, the later reassignment is refused. */
    expectedAssigneeId: idSchema.nullable(),
    assigneeId: idSchema.nullable(),
    handoffNote: text(2000),
  }),
  updateJobNotes: z.object({
    jobId: idSchema,
    notes: text(10_000),
    /**
     * The notes as this device had them when the edit began. When the stored notes differ (someone
     * else wrote meanwhile), the server merges the two edits line by line instead of replacing
     * theirs (apps/api services/merge-notes.ts). Absent (older clients): the later write wins.
     */
    baseNotes: text(10_000).optional(),
  }),
  createJob: z.object({
    id: idSchema,
    jobTypeId: idSchema,
    customerId: idSchema,
    siteId: idSchema,
    teamId: idSchema.nullable(),
    assigneeId: idSchema.nullable(),
    priority: prioritySchema,
    scheduledStart: isoDateTime,
    scheduledEnd: isoDateTime,
    title: text(200).min(1, { message: 'is required' }),
    notes: text(10_000),
    externalRef: text(200).nullable(),
  }),
  updateJob: updateJobArgs,
  addOutstandingItem: z.object({
    id: idSchema,
    title: text(200).min(1, { message: 'is required' }),
    description: text(5000),
    jobId: idSchema.nullable(),
    siteId: idSchema.nullable(),
    ownerId: idSchema.nullable(),
    dueDate: z.iso.date().nullable(),
    priority: prioritySchema,
  }),
  updateOutstandingItem: z.object({
    id: idSchema,
    /** Moves the item onto another job (e.g. the follow-up job made for it). */
    jobId: idSchema.optional(),
    title: text(200).min(1).optional(),
    description: text(5000).optional(),
    ownerId: idSchema.nullable().optional(),
    dueDate: z.iso.date().nullable().optional(),
    priority: prioritySchema.optional(),
    status: itemStatusSchema.optional(),
  }),
  postJobMessage: z.object({
    id: idSchema,
    jobId: idSchema,
    body: text(5000).min(1, { message: 'is required' }),
    /**
     * People the author picked from the organization's people search (ADR 0051): told even when
     * the job is not theirs to see, as long as the body still names them. A name only typed
     * tells only people who see the job (ADR 0030).
     */
    mentionIds: z.array(idSchema).max(20, { message: 'name at most 20 people' }).optional(),
  }),
  /** Approve or send back a submission, with comments on the whole and on single fields (a review round). */
  reviewJob: reviewJobArgs,
  markNotificationsRead: markNotificationsReadArgs,
  ...formMutatorArgs,
  ...attachmentMutatorArgs,
} as const;

export type MutatorName = keyof typeof mutatorArgs;
export const MUTATOR_NAMES = Object.keys(mutatorArgs) as MutatorName[];
export type MutatorArgs<N extends MutatorName> = z.infer<(typeof mutatorArgs)[N]>;

export function isMutatorName(name: string): name is MutatorName {
  return Object.hasOwn(mutatorArgs, name);
}

export { isoDateTime };
