import { newId, scope, type CustomerRow } from '@lastmile/domain';
import type { AnyTx, ChangeRecorder } from '@lastmile/sync/server';
import { customers } from '../db/schema/index.ts';
import { toCustomerRow } from './rows.ts';

export type CreateCustomerInput = {
  id?: string;
  orgId: string;
  name: string;
  phone: string | null;
  email: string | null;
};

export async function createCustomer(
  tx: AnyTx,
  recorder: ChangeRecorder,
  input: CreateCustomerInput,
): Promise<CustomerRow> {
  const [inserted] = await tx
    .insert(customers)
    .values({ id: input.id ?? newId(), orgId: input.orgId, name: input.name, phone: input.phone, email: input.email })
    .returning();
  if (!inserted) throw new Error('insert into customers returned no row');
  const row = toCustomerRow(inserted);
  // The office's; devices receive it with their first job for this customer (reference-scopes.ts).
  recorder.put('customers', row, [scope.org(input.orgId)]);
  return row;
}
