import { newId, type CustomerRow } from '@lastmile/domain';
import { afterEach, describe, expect, it } from 'vitest';
import { AppDb } from '../../local-db/app-db.ts';
import { searchCustomers } from './customer-search.ts';

const orgId = newId();
const customer = (name: string): CustomerRow => ({ id: newId(), orgId, name, phone: null, email: null });

let db: AppDb;
afterEach(async () => {
  db.close();
  await db.delete();
});

async function withCustomers(names: string[]): Promise<AppDb> {
  db = new AppDb(`test-${newId()}`);
  await db.customers.bulkPut(names.map(customer));
  return db;
}

describe('searching customers on the device', () => {
  it('finds names starting with what was typed first, then names containing it, ignoring case', async () => {
    const db = await withCustomers(['Anna Smith', 'Smithson Ltd', 'smith & sons', 'Blacksmith Café', 'Jones']);
    const names = (await searchCustomers(db, 'SMITH')).map((c) => c.name);
    expect(names.slice(0, 2).sort()).toEqual(['Smithson Ltd', 'smith & sons'].sort());
    expect(names.slice(2).sort()).toEqual(['Anna Smith', 'Blacksmith Café']);
    expect(names).not.toContain('Jones');
  });

  it('returns one screenful out of 10,000, alphabetically when nothing is typed', async () => {
    const names = Array.from({ length: 10_000 }, (_, i) => `Customer ${String(i).padStart(5, '0')}`);
    const db = await withCustomers(names);
    const first = await searchCustomers(db, '');
    expect(first.map((c) => c.name)).toEqual(names.slice(0, 20));
    const some = await searchCustomers(db, '0999');
    expect(some.map((c) => c.name)).toEqual(names.filter((n) => n.includes('0999')).slice(0, 20));
    expect(await searchCustomers(db, 'no such customer')).toEqual([]);
  });

  it('treats what was typed as text, not a pattern, and ignores surrounding spaces', async () => {
    const db = await withCustomers(['100% Heating', 'A.B. Plumbing', 'ABC Plumbing']);
    expect((await searchCustomers(db, '  100%  ')).map((c) => c.name)).toEqual(['100% Heating']);
    expect((await searchCustomers(db, 'a.b')).map((c) => c.name)).toEqual(['A.B. Plumbing']);
  });
});
