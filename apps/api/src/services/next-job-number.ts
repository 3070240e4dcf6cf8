import { eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '@lastmile/sync/server';
import { organizations } from '../db/schema/index.ts';

/**
 * Job numbers (`J-00001`) are per organization and gap-free in practice: the counter is bumped
 * in the transaction that creates the job, so a rolled-back job gives its number back.
 */
export async function nextJobNumber(tx: DbOrTx, orgId: string): Promise<string> {
  const [bumped] = await tx
    .update(organizations)
    .set({ jobSeq: sql`${organizations.jobSeq} + 1` })
    .where(eq(organizations.id, orgId))
    .returning({ seq: organizations.jobSeq });
  if (!bumped) throw new Error(`organization ${orgId} does not exist`);
  return formatJobNumber(bumped.seq);
}

export function formatJobNumber(seq: number): string {
  return `J-${String(seq).padStart(5, '0')}`;
}
