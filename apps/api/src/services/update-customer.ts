import { and, eq } from 'drizzle-orm';
import { AppError, ERROR_CODES, type CustomerInput, type CustomerRow } from '@lastmile/domain';
import type { AnyTx, ChangeRecorder } from '@lastmile/sync/server';
import { customers, jobs } from '../db/schema/index.ts';
import { refreshJobSearchText } from './job-search-text.ts';
import { referenceScopes } from './reference-scopes.ts';
import { toCustomerRow } from './rows.ts';

export async function updateCustomer(
  tx: AnyTx,
  recorder: ChangeRecorder,
  input: CustomerInput & { orgId: string; id: string },
): Promise<CustomerRow> {
  const [before] = await tx
    .select({ name: customers.name })
    .from(customers)
    .where(and(eq(customers.id, input.id), eq(customers.orgId, input.orgId)))
    .for('update');
  if (!before) throw new AppError(ERROR_CODES.notFound, 'No such customer in your organization.');
  const [updated] = await tx
    .update(customers)
    .set({ name: input.name, phone: input.phone, email: input.email })
    .where(eq(customers.id, input.id))
    .returning();
  if (!updated) throw new Error('update of customers returned no row');
  if (before.name !== updated.name) await refreshJobSearchText(tx, eq(jobs.customerId, updated.id));
  const row = toCustomerRow(updated);
  // The office and every device with a job for this customer (a device holds its own work).
  recorder.put('customers', row, await referenceScopes(tx, input.orgId, { customerId: row.id }));
  return row;
}
