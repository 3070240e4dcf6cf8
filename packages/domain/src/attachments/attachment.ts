import { z } from 'zod';
import { idSchema } from '../ids.ts';
import { storableDateTime } from '../storable-date.ts';
import { fieldKeySchema } from '../forms/definition.ts';
import { ATTACHMENT_TYPES, MAX_ATTACHMENT_BYTES } from './attachment-types.ts';

export { ATTACHMENT_TYPES, MAX_ATTACHMENT_BYTES };

const isoDateTime = z.iso.datetime({ offset: true });

export const attachmentTypeSchema = z.enum(ATTACHMENT_TYPES, {
  message: `must be one of ${ATTACHMENT_TYPES.join(', ')}`,
});
export type AttachmentType = z.infer<typeof attachmentTypeSchema>;

/** What a photo or signature belongs to. Every attachment is on a job, except an item's on a job-less item. */
export const ATTACHMENT_KINDS = ['job', 'answer', 'item', 'message'] as const;
export const attachmentKindSchema = z.enum(ATTACHMENT_KINDS);
export type AttachmentKind = z.infer<typeof attachmentKindSchema>;

/**
 * `pending`: the record is on the server, the bytes are not (yet) — nobody can download it.
 * `available`: the server received every byte and checked size, hash and type.
 */
export const ATTACHMENT_STATES = ['pending', 'available'] as const;
export const attachmentStateSchema = z.enum(ATTACHMENT_STATES);
export type AttachmentState = z.infer<typeof attachmentStateSchema>;

/** Where a photo was taken (WGS 84), with the device's accuracy radius in metres. */
export const photoLocationSchema = z.object({
  lat: z.number().min(-90).max(90),
  lng: z.number().min(-180).max(180),
  accuracyM: z.number().min(0).max(100_000),
});
export type PhotoLocation = z.infer<typeof photoLocationSchema>;

export const sha256Schema = z.string().regex(/^[0-9a-f]{64}$/, { message: 'must be a SHA-256 in lower-case hex' });

/**
 * The record of a photo or signature, replicated like any row (sync principle 10: the record is
 * an ordinary mutation, the bytes travel apart). Scoped with its job (or its item).
 */
export const attachmentRowSchema = z.object({
  id: idSchema,
  orgId: idSchema,
  kind: attachmentKindSchema,
  jobId: idSchema.nullable(),
  itemId: idSchema.nullable(),
  messageId: idSchema.nullable(),
  responseId: idSchema.nullable(),
  fieldKey: fieldKeySchema.nullable(),
  contentType: attachmentTypeSchema,
  size: z.number().int().positive(),
  sha256: sha256Schema,
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  caption: z.string(),
  capturedBy: idSchema,
  /** Device clock when the photo was taken (display only). */
  capturedAt: isoDateTime,
  /** Only when the organization keeps photo locations (photo settings); otherwise null. */
  location: photoLocationSchema.nullable(),
  state: attachmentStateSchema,
  /** Server time the verified bytes arrived. */
  uploadedAt: isoDateTime.nullable(),
  createdAt: isoDateTime,
});
export type AttachmentRow = z.infer<typeof attachmentRowSchema>;

const caption = z.string().max(500, { message: 'must be at most 500 characters' });
const dimension = z.number().int().min(1).max(20_000);

/** The record made on the phone the moment a photo is stored there; the upload follows later. */
export const addAttachmentArgs = z
  .object({
    id: idSchema,
    kind: attachmentKindSchema,
    jobId: idSchema.nullable(),
    itemId: idSchema.nullable().default(null),
    messageId: idSchema.nullable().default(null),
    responseId: idSchema.nullable().default(null),
    fieldKey: fieldKeySchema.nullable().default(null),
    contentType: attachmentTypeSchema,
    size: z.number().int().min(1).max(MAX_ATTACHMENT_BYTES, { message: 'is larger than any upload allowed' }),
    sha256: sha256Schema,
    width: dimension,
    height: dimension,
    // Null is no caption: clients in Kotlin or Swift write a missing optional field as null, and
    // refusing the record would lose the photo over an empty caption.
    caption: z.preprocess((value) => (value === null ? undefined : value), caption.default('')),
    capturedAt: storableDateTime(),
    /** Sent only when the organization keeps locations; the server drops it otherwise. */
    location: photoLocationSchema.nullable().default(null),
  })
  .superRefine((args, ctx) => {
    const needs: Record<AttachmentKind, (keyof typeof args)[]> = {
      job: ['jobId'],
      answer: ['jobId', 'responseId', 'fieldKey'],
      item: ['itemId'],
      message: ['jobId', 'messageId'],
    };
    for (const key of needs[args.kind]) {
      if (args[key] === null)
        ctx.addIssue({ code: 'custom', path: [key], message: `is required for a ${args.kind} photo` });
    }
  });
export type AddAttachmentArgs = z.infer<typeof addAttachmentArgs>;

export const attachmentMutatorArgs = {
  addAttachment: addAttachmentArgs,
  setAttachmentCaption: z.object({ id: idSchema, caption }),
  /** Before the form is submitted a photo can be deleted (retake); its bytes are dropped everywhere. */
  deleteAttachment: z.object({ id: idSchema }),
} as const;
