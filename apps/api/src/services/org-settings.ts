import { eq } from 'drizzle-orm';
import {
  DEFAULT_CREW_SETTINGS,
  DEFAULT_OFFICE_WINDOW_SETTINGS,
  DEFAULT_PHOTO_SETTINGS,
  crewSettingsSchema,
  officeWindowSettingsSchema,
  photoSettingsSchema,
  type CrewSettings,
  type OfficeWindowSettings,
  type PhotoSettings,
} from '@lastmile/domain';
import type { DbOrTx } from '@lastmile/sync/server';
import { organizations } from '../db/schema/index.ts';

/**
 * An organization's photo settings, defaults filled in. A stored value that no longer parses
 * (an older shape) falls back to the defaults rather than blocking every photo.
 */
export function photoSettingsFrom(settings: Record<string, unknown> | null | undefined): PhotoSettings {
  const parsed = photoSettingsSchema.safeParse(settings?.['photos'] ?? {});
  return parsed.success ? parsed.data : DEFAULT_PHOTO_SETTINGS;
}

export async function photoSettingsOf(tx: DbOrTx, orgId: string): Promise<PhotoSettings> {
  const [org] = await tx
    .select({ settings: organizations.settings })
    .from(organizations)
    .where(eq(organizations.id, orgId));
  return photoSettingsFrom(org?.settings);
}

/** Crew mode's settings (the idle time), defaults filled in, like the photo settings. */
export function crewSettingsFrom(settings: Record<string, unknown> | null | undefined): CrewSettings {
  const parsed = crewSettingsSchema.safeParse(settings?.['crew'] ?? {});
  return parsed.success ? parsed.data : DEFAULT_CREW_SETTINGS;
}

export async function crewSettingsOf(tx: DbOrTx, orgId: string): Promise<CrewSettings> {
  const [org] = await tx
    .select({ settings: organizations.settings })
    .from(organizations)
    .where(eq(organizations.id, orgId));
  return crewSettingsFrom(org?.settings);
}

/** How many days the office's devices keep closed work (ADR 0040), defaults filled in. */
export function officeWindowSettingsFrom(settings: Record<string, unknown> | null | undefined): OfficeWindowSettings {
  const parsed = officeWindowSettingsSchema.safeParse(settings?.['officeWindow'] ?? {});
  return parsed.success ? parsed.data : DEFAULT_OFFICE_WINDOW_SETTINGS;
}

export async function officeWindowSettingsOf(tx: DbOrTx, orgId: string): Promise<OfficeWindowSettings> {
  const [org] = await tx
    .select({ settings: organizations.settings })
    .from(organizations)
    .where(eq(organizations.id, orgId));
  return officeWindowSettingsFrom(org?.settings);
}
