import { sql, type SQL } from 'drizzle-orm';
import type { AnyTx } from '@lastmile/sync/server';
import { customers, jobs, sites } from '../db/schema/index.ts';

type SearchParts = {
  number: string;
  title: string;
  externalRef: string | null;
  customerName: string;
  siteAddress: string;
};

/**
 * What the office table's search matches: one lower-cased string per job, so one trigram index
 * serves number, title, external ref, customer name and address. Must agree with refreshJobSearchText.
 */
export function jobSearchText(p: SearchParts): string {
  return [p.number, p.title, p.externalRef, p.customerName, p.siteAddress]
    .filter((part) => part !== null)
    .join(' ')
    .toLowerCase();
}

/** Recomputes the search text of the jobs matching `where` (after a customer or site was renamed). */
export async function refreshJobSearchText(tx: AnyTx, where: SQL): Promise<void> {
  await tx.execute(sql`
    update ${jobs} set search_text = lower(concat_ws(' ', ${jobs.number}, ${jobs.title}, ${jobs.externalRef}, ${customers.name}, ${sites.address}))
    from ${customers}, ${sites}
    where ${customers.id} = ${jobs.customerId} and ${sites.id} = ${jobs.siteId} and ${where}`);
}
