import { z } from 'zod';
import type { MessageDetail } from '../errors.ts';
import { ATTACHMENT_TYPES, MAX_ATTACHMENT_BYTES, attachmentTypeSchema } from './attachment.ts';

/**
 * An organization's photo settings (R9). They travel with the session, so the phone applies
 * them offline before storing a photo, and the server applies them again to every record and
 * upload.
 */
const photoFields = {
  /** Largest file accepted, after processing on the phone. */
  maxBytes: z
    .number()
    .int()
    .min(64 * 1024)
    .max(MAX_ATTACHMENT_BYTES),
  /** Photos (and signatures) per job, all kinds together. */
  maxPerJob: z.number().int().min(1).max(1000),
  allowedTypes: z.array(attachmentTypeSchema).min(1),
  /** The long edge a photo is scaled down to on the phone. */
  longEdge: z.number().int().min(640).max(8192),
  /** What the phone encodes to: JPEG everywhere; WebP is smaller where the browser can encode it. */
  encodeAs: z.enum(['image/jpeg', 'image/webp']),
  /** Keep the photo's location (off by default: it is personal data). */
  keepLocation: z.boolean(),
};
export const photoSettingsSchema = z.object({
  maxBytes: photoFields.maxBytes.default(20 * 1024 * 1024),
  maxPerJob: photoFields.maxPerJob.default(200),
  allowedTypes: photoFields.allowedTypes.default([...ATTACHMENT_TYPES]),
  longEdge: photoFields.longEdge.default(2048),
  encodeAs: photoFields.encodeAs.default('image/jpeg'),
  keepLocation: photoFields.keepLocation.default(false),
});
export type PhotoSettings = z.infer<typeof photoSettingsSchema>;
/**
 * An admin's change: only the fields sent change, as for the organization's name and time zone.
 * The stored shape's defaults used to fill the fields left out, so a `PUT` of one limit put
 * every other one back to its default without a word.
 */
export const photoSettingsUpdateSchema = z
  .object(photoFields)
  .partial()
  .strict()
  .refine((v) => Object.keys(v).length > 0, {
    message: `name at least one of ${Object.keys(photoFields).join(', ')}`,
  });
export type PhotoSettingsUpdate = z.infer<typeof photoSettingsUpdateSchema>;

export const DEFAULT_PHOTO_SETTINGS: PhotoSettings = photoSettingsSchema.parse({});

export function formatBytes(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(bytes < 10 * 1024 * 1024 ? 1 : 0)} MB`;
}

/** Why a photo cannot be kept under these settings, as one sentence for the person holding the phone; null when it can. */
export function photoRefusal(
  settings: PhotoSettings,
  photo: { size: number; contentType: string },
  photosOnJob: number,
): string | null {
  return checkPhoto(settings, photo, photosOnJob)?.reason ?? null;
}

const megabytes = (bytes: number) => Math.max(0.1, Math.round((bytes / (1024 * 1024)) * 10) / 10);
/** A size over a limit, rounded up: a photo one byte over 20 MB must not read "20 MB" beside it. */
const megabytesUp = (bytes: number) => Math.ceil((bytes / (1024 * 1024)) * 10) / 10;

/** photoRefusal() with the message's key and parameters, for the app to say it in the person's language. */
export function checkPhoto(
  settings: PhotoSettings,
  photo: { size: number; contentType: string },
  photosOnJob: number,
): { reason: string; detail: MessageDetail } | null {
  if (!(settings.allowedTypes as string[]).includes(photo.contentType)) {
    const type = photo.contentType || 'unknown';
    return {
      reason: `This file type (${type}) is not allowed; take a photo or pick a JPEG, WebP or PNG image.`,
      detail: { key: 'photo.typeNotAllowed', params: { type } },
    };
  }
  if (photo.size > settings.maxBytes) {
    return {
      reason: `This photo is ${megabytesUp(photo.size)} MB; the largest allowed is ${megabytes(settings.maxBytes)} MB.`,
      detail: {
        key: 'photo.tooLarge',
        params: { sizeMb: megabytesUp(photo.size), maxMb: megabytes(settings.maxBytes) },
      },
    };
  }
  if (photosOnJob >= settings.maxPerJob) {
    return {
      reason: `This job already has ${photosOnJob} photos, the most your organization allows.`,
      detail: { key: 'photo.jobFull', params: { count: photosOnJob } },
    };
  }
  return null;
}
