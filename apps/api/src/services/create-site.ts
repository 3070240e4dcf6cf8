import { newId, scope, type SiteRow } from '@lastmile/domain';
import type { AnyTx, ChangeRecorder } from '@lastmile/sync/server';
import { customers, sites } from '../db/schema/index.ts';
import { assertInOrg } from './references.ts';
import { toSiteRow } from './rows.ts';

export type CreateSiteInput = {
  id?: string;
  orgId: string;
  customerId: string;
  name: string;
  address: string;
  lat: number | null;
  lng: number | null;
  accessNotes: string;
};

export async function createSite(tx: AnyTx, recorder: ChangeRecorder, input: CreateSiteInput): Promise<SiteRow> {
  await assertInOrg(tx, customers, { id: input.customerId, orgId: input.orgId, field: 'customerId', what: 'customer' });
  const [inserted] = await tx
    .insert(sites)
    .values({
      id: input.id ?? newId(),
      orgId: input.orgId,
      customerId: input.customerId,
      name: input.name,
      address: input.address,
      lat: input.lat,
      lng: input.lng,
      accessNotes: input.accessNotes,
    })
    .returning();
  if (!inserted) throw new Error('insert into sites returned no row');
  const row = toSiteRow(inserted);
  // The office's; devices receive it with their first job here (reference-scopes.ts).
  recorder.put('sites', row, [scope.org(input.orgId)]);
  return row;
}
