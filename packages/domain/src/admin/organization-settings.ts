import { z } from 'zod';

/** The languages an organization may choose as its default (the app's own languages). */
export const ORG_LOCALES = ['en', 'pl'] as const;
export const orgLocaleSchema = z.enum(ORG_LOCALES, { message: 'must be en or pl' });
export type OrgLocale = z.infer<typeof orgLocaleSchema>;

export const DEFAULT_TIME_ZONE = 'UTC';

/**
 * The IANA name Intl knows the zone by (`europe/warsaw` → `Europe/Warsaw`), or null for a name
 * it does not know. Node and browsers ship the same tz database, so both sides agree.
 */
export function canonicalTimeZone(value: string): string | null {
  if (!/^[A-Za-z][A-Za-z0-9_+\-/]{0,63}$/.test(value)) return null;
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: value }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

export const timeZoneSchema = z
  .string()
  .trim()
  .max(64, { message: 'must be an IANA time zone, like Europe/Warsaw' })
  .transform((value, ctx) => {
    const zone = canonicalTimeZone(value);
    if (zone === null) {
      ctx.addIssue({ code: 'custom', message: 'must be an IANA time zone, like Europe/Warsaw' });
      return z.NEVER;
    }
    return zone;
  });

const orgName = z
  .string()
  .trim()
  .min(1, { message: 'is required' })
  .max(200, { message: 'must be at most 200 characters' });

/** The logo's kinds: what pdfkit draws and every browser shows. */
export const LOGO_TYPES = ['image/png', 'image/jpeg'] as const;
export const logoTypeSchema = z.enum(LOGO_TYPES, { message: 'must be a PNG or JPEG image' });
export type LogoType = z.infer<typeof logoTypeSchema>;

/** Largest logo file accepted (it is kept in the database and drawn on every report). */
export const MAX_LOGO_BYTES = 512 * 1024;

/** What is known about a stored logo; its bytes are at GET /api/organization/logo. */
export const logoInfoSchema = z.object({
  contentType: logoTypeSchema,
  width: z.number().int(),
  height: z.number().int(),
  bytes: z.number().int(),
  /** SHA-256 of the stored bytes (hex): the logo's ETag, and part of a report's. */
  sha256: z.string(),
  updatedAt: z.iso.datetime({ offset: true }),
});
export type LogoInfo = z.infer<typeof logoInfoSchema>;

/** An organization's own settings (GET /api/admin/settings/organization). */
export const organizationSettingsSchema = z.object({
  name: z.string(),
  timeZone: z.string(),
  locale: orgLocaleSchema,
  logo: logoInfoSchema.nullable(),
});
export type OrganizationSettings = z.infer<typeof organizationSettingsSchema>;

/** An admin's change: only the fields sent change. */
export const organizationSettingsUpdateSchema = z
  .object({ name: orgName.optional(), timeZone: timeZoneSchema.optional(), locale: orgLocaleSchema.optional() })
  .strict()
  .refine((v) => v.name !== undefined || v.timeZone !== undefined || v.locale !== undefined, {
    message: 'name, timeZone or locale is required',
  });
export type OrganizationSettingsUpdate = z.infer<typeof organizationSettingsUpdateSchema>;

/**
 * A new logo, as base64 in JSON (the file is small: at most MAX_LOGO_BYTES). The server checks
 * that the bytes really are a PNG or JPEG image, whatever `contentType` says.
 */
export const logoUploadSchema = z
  .object({
    contentType: logoTypeSchema,
    // The size is checked after decoding (413 with the limit); the body limit bounds the string.
    data: z
      .string()
      .min(1, { message: 'is required' })
      .regex(/^[A-Za-z0-9+/]*={0,2}$/, { message: 'must be base64' }),
  })
  .strict();
export type LogoUpload = z.infer<typeof logoUploadSchema>;
