import type { CustomerRow } from '@lastmile/domain';
import type { AppDb } from '../../local-db/app-db.ts';

/** A screenful: a person narrows by typing, not by scrolling thousands. */
export const CUSTOMER_MATCHES = 20;

/**
 * Customers whose name starts with what was typed (through the name index, so it stays quick at
 * 10,000 customers), then those whose name contains it elsewhere ("smith" finds "Anna Smith").
 * Nothing typed: the first names alphabetically.
 */
export async function searchCustomers(db: AppDb, typed: string, limit = CUSTOMER_MATCHES): Promise<CustomerRow[]> {
  const text = typed.trim();
  if (!text) return db.customers.orderBy('name').limit(limit).toArray();
  const starting = await db.customers.where('name').startsWithIgnoreCase(text).limit(limit).toArray();
  if (starting.length >= limit) return starting;
  const seen = new Set(starting.map((c) => c.id));
  const lower = text.toLocaleLowerCase();
  const containing = await db.customers
    .orderBy('name')
    .filter((c) => !seen.has(c.id) && c.name.toLocaleLowerCase().includes(lower))
    .limit(limit - starting.length)
    .toArray();
  return [...starting, ...containing];
}
