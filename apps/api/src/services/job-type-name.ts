import { and, eq, ne, sql } from 'drizzle-orm';
import { AppError, ERROR_CODES } from '@lastmile/domain';
import type { DbOrTx } from '@lastmile/sync/server';
import { jobTypes } from '../db/schema/index.ts';

/** Job type names are unique in an organization (ignoring case): imports name job types by name. */
export async function assertJobTypeNameFree(db: DbOrTx, orgId: string, name: string, exceptId?: string): Promise<void> {
  const sameName = and(eq(jobTypes.orgId, orgId), eq(sql`lower(${jobTypes.name})`, name.toLowerCase()));
  const taken = await db
    .select({ id: jobTypes.id })
    .from(jobTypes)
    .where(exceptId ? and(sameName, ne(jobTypes.id, exceptId)) : sameName)
    .limit(1);
  if (taken.length > 0) {
    throw new AppError(ERROR_CODES.conflict, `A job type called ${name} already exists.`, [
      { path: 'name', message: 'is already used by another job type' },
    ]);
  }
}
