import { eq, sql } from 'drizzle-orm';
import {
  AppError,
  ERROR_CODES,
  type AuditChange,
  type LogoInfo,
  type OrganizationSettings,
  type OrganizationSettingsUpdate,
} from '@lastmile/domain';
import type { DbOrTx } from '@lastmile/sync/server';
import { organizationLogos, organizations } from '../db/schema/index.ts';

type LogoRow = Pick<
  typeof organizationLogos.$inferSelect,
  'contentType' | 'width' | 'height' | 'sha256' | 'updatedAt'
> & {
  size: number;
};

function toLogoInfo(row: LogoRow): LogoInfo {
  return {
    contentType: row.contentType,
    width: row.width,
    height: row.height,
    bytes: row.size,
    sha256: row.sha256,
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** What is known about the organization's logo (not its bytes), or null when it has none. */
export async function logoInfoOf(db: DbOrTx, orgId: string): Promise<LogoInfo | null> {
  const [row] = await db
    .select({
      contentType: organizationLogos.contentType,
      width: organizationLogos.width,
      height: organizationLogos.height,
      sha256: organizationLogos.sha256,
      updatedAt: organizationLogos.updatedAt,
      size: sql<number>`octet_length(${organizationLogos.bytes})`.mapWith(Number),
    })
    .from(organizationLogos)
    .where(eq(organizationLogos.orgId, orgId));
  return row ? toLogoInfo(row) : null;
}

/** Name, time zone, default language and logo of the caller's organization. */
export async function organizationSettingsOf(db: DbOrTx, orgId: string): Promise<OrganizationSettings> {
  const [org] = await db
    .select({ name: organizations.name, timeZone: organizations.timeZone, locale: organizations.locale })
    .from(organizations)
    .where(eq(organizations.id, orgId));
  if (!org) throw new AppError(ERROR_CODES.notFound, 'No such organization.');
  return { ...org, logo: await logoInfoOf(db, orgId) };
}

/**
 * Changes the fields sent, under a row lock so two admins saving at once apply one after the
 * other; returns what changed, for the audit trail.
 */
export async function updateOrganizationSettings(
  tx: DbOrTx,
  orgId: string,
  input: OrganizationSettingsUpdate,
): Promise<AuditChange[]> {
  const [before] = await tx
    .select({ name: organizations.name, timeZone: organizations.timeZone, locale: organizations.locale })
    .from(organizations)
    .where(eq(organizations.id, orgId))
    .for('update');
  if (!before) throw new AppError(ERROR_CODES.notFound, 'No such organization.');
  const changes: AuditChange[] = [];
  for (const field of ['name', 'timeZone', 'locale'] as const) {
    const after = input[field];
    if (after !== undefined && after !== before[field]) changes.push({ field, before: before[field], after });
  }
  if (changes.length > 0) {
    await tx
      .update(organizations)
      .set({
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.timeZone !== undefined ? { timeZone: input.timeZone } : {}),
        ...(input.locale !== undefined ? { locale: input.locale } : {}),
      })
      .where(eq(organizations.id, orgId));
  }
  return changes;
}
