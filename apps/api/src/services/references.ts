import { and, eq } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import { AppError, ERROR_CODES } from '@lastmile/domain';
import type { DbOrTx } from '@lastmile/sync/server';

type OrgTable = PgTable & { id: PgColumn; orgId: PgColumn };

/**
 * Refuses a reference to a row that does not exist in the caller's organization. Rows of other
 * organizations are reported exactly like missing ones, so ids cannot be probed across tenants.
 */
export async function assertInOrg(
  db: DbOrTx,
  table: OrgTable,
  input: { id: string; orgId: string; field: string; what: string },
): Promise<void> {
  const found = await db
    .select({ id: table.id })
    .from(table)
    .where(and(eq(table.id, input.id), eq(table.orgId, input.orgId)))
    .limit(1);
  if (found.length === 0) throw invalidReference(input.field, `Unknown ${input.what}.`);
}

export function invalidReference(field: string, message: string): AppError {
  return new AppError(ERROR_CODES.validation, message, [{ path: field, message }]);
}
