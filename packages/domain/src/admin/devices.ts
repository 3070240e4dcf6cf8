import { z } from 'zod';
import { idSchema } from '../ids.ts';

/** How the devices list is ordered: by last contact, the quietest first or the latest first. */
export const DEVICE_SORTS = ['last_contact_desc', 'last_contact_asc'] as const;
export const deviceSortSchema = z.enum(DEVICE_SORTS);
export type DeviceSort = z.infer<typeof deviceSortSchema>;

export const devicesQuerySchema = z.object({
  /** Only this person's devices. */
  userId: idSchema.optional(),
  sort: deviceSortSchema.default('last_contact_desc'),
});
export type DevicesQuery = z.infer<typeof devicesQuerySchema>;

const time = z.iso.datetime({ offset: true });

/**
 * One device (a sync client: a browser profile on a phone or computer, for one person) as the
 * admin's registry shows it. The report fields are what the device said at its last contact; null
 * when it did not say (an app older than the report, or a browser without the storage API).
 */
export const deviceSchema = z.object({
  id: idSchema,
  clientId: z.string(),
  userId: idSchema.nullable(),
  userName: z.string().nullable(),
  /** Browser and operating system from the user agent (`Chrome 131`, `Android 14`); null if unknown. */
  browser: z.string().nullable(),
  os: z.string().nullable(),
  appVersion: z.string().nullable(),
  firstSeenAt: time,
  lastContactAt: time,
  pendingCount: z.number().int().nonnegative().nullable(),
  oldestPendingAt: time.nullable(),
  storageUsedBytes: z.number().int().nonnegative().nullable(),
  storageQuotaBytes: z.number().int().nonnegative().nullable(),
  revokedAt: time.nullable(),
  revokedByName: z.string().nullable(),
  revokeReason: z.string().nullable(),
});
export type Device = z.infer<typeof deviceSchema>;

export const devicesListSchema = z.object({ devices: z.array(deviceSchema) });
export type DevicesList = z.infer<typeof devicesListSchema>;

export const MAX_REVOKE_REASON_LENGTH = 500;

/** Revoking a device (lost, stolen, handed back): the reason is kept in the audit trail and shown on the device. */
export const revokeDeviceSchema = z
  .object({
    reason: z
      .string()
      .trim()
      .min(1, { message: 'is required' })
      .max(MAX_REVOKE_REASON_LENGTH, { message: `must be at most ${MAX_REVOKE_REASON_LENGTH} characters` }),
  })
  .strict();
export type RevokeDevice = z.infer<typeof revokeDeviceSchema>;
