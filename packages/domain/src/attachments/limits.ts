import { z } from 'zod';
import { ATTACHMENT_TYPES, MAX_ATTACHMENT_BYTES, attachmentTypeSchema } from './attachment.ts';

/**
 * An organization's photo settings (R9). They travel with the session, so the phone applies
 * them offline before storing a photo, and the server applies them again to every record and
 * upload.
 */
export const photoSettingsSchema = z.object({
  /** Largest file accepted, after processing on the phone. */
  maxBytes: z
    .number()
    .int()
    .min(64 * 1024)
    .max(MAX_ATTACHMENT_BYTES)
    .default(20 * 1024 * 1024),
  /** Photos (and signatures) per job, all kinds together. */
  maxPerJob: z.number().int().min(1).max(1000).default(200),
  allowedTypes: z
    .array(attachmentTypeSchema)
    .min(1)
    .default([...ATTACHMENT_TYPES]),
  /** The long edge a photo is scaled down to on the phone. */
  longEdge: z.number().int().min(640).max(8192).default(2048),
  /** What the phone encodes to: JPEG everywhere; WebP is smaller where the browser can encode it. */
  encodeAs: z.enum(['image/jpeg', 'image/webp']).default('image/jpeg'),
  /** Keep the photo's location (off by default: it is personal data). */
  keepLocation: z.boolean().default(false),
});
export type PhotoSettings = z.infer<typeof photoSettingsSchema>;

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
  if (!(settings.allowedTypes as string[]).includes(photo.contentType)) {
    return `This file type (${photo.contentType || 'unknown'}) is not allowed; take a photo or pick a JPEG, WebP or PNG image.`;
  }
  if (photo.size > settings.maxBytes) {
    return `This photo is ${formatBytes(photo.size)}; the largest allowed is ${formatBytes(settings.maxBytes)}.`;
  }
  if (photosOnJob >= settings.maxPerJob) {
    return `This job already has ${photosOnJob} photos, the most your organization allows.`;
  }
  return null;
}
