import { eq } from 'drizzle-orm';
import { DEFAULT_REVIEW_SETTINGS, reviewSettingsSchema, type ReviewSettings } from '@lastmile/domain';
import type { DbOrTx } from '@lastmile/sync/server';
import { organizations } from '../db/schema/index.ts';

/** The organization's review settings, defaults filled in; a stored value that no longer parses means the default (office reviews). */
export function reviewSettingsFrom(settings: Record<string, unknown> | null | undefined): ReviewSettings {
  const parsed = reviewSettingsSchema.safeParse(settings?.['review'] ?? {});
  return parsed.success ? parsed.data : DEFAULT_REVIEW_SETTINGS;
}

export async function reviewSettingsOf(tx: DbOrTx, orgId: string): Promise<ReviewSettings> {
  const [org] = await tx
    .select({ settings: organizations.settings })
    .from(organizations)
    .where(eq(organizations.id, orgId));
  return reviewSettingsFrom(org?.settings);
}
