import { and, eq } from 'drizzle-orm';
import { AppError, ERROR_CODES, type SiteRow, type SiteUpdate } from '@lastmile/domain';
import type { AnyTx, ChangeRecorder } from '@lastmile/sync/server';
import { jobs, sites } from '../db/schema/index.ts';
import { refreshJobSearchText } from './job-search-text.ts';
import { referenceScopes } from './reference-scopes.ts';
import { toSiteRow } from './rows.ts';

export async function updateSite(
  tx: AnyTx,
  recorder: ChangeRecorder,
  input: SiteUpdate & { orgId: string; id: string },
): Promise<SiteRow> {
  const [before] = await tx
    .select({ address: sites.address })
    .from(sites)
    .where(and(eq(sites.id, input.id), eq(sites.orgId, input.orgId)))
    .for('update');
  if (!before) throw new AppError(ERROR_CODES.notFound, 'No such site in your organization.');
  const [updated] = await tx
    .update(sites)
    .set({ name: input.name, address: input.address, lat: input.lat, lng: input.lng, accessNotes: input.accessNotes })
    .where(eq(sites.id, input.id))
    .returning();
  if (!updated) throw new Error('update of sites returned no row');
  if (before.address !== updated.address) await refreshJobSearchText(tx, eq(jobs.siteId, updated.id));
  const row = toSiteRow(updated);
  // The office and every device with a job at this site (a device holds its own work).
  recorder.put('sites', row, await referenceScopes(tx, input.orgId, { siteId: row.id }));
  return row;
}
