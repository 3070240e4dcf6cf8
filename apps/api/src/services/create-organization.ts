import { newId } from '@lastmile/domain';
import type { DbOrTx } from '@lastmile/sync/server';
import { organizations } from '../db/schema/index.ts';

/** Organizations are not replicated rows (clients learn theirs from the session), so no recorder. */
export async function createOrganization(
  db: DbOrTx,
  input: { id?: string; name: string },
): Promise<{ id: string; name: string }> {
  const [row] = await db
    .insert(organizations)
    .values({ id: input.id ?? newId(), name: input.name })
    .returning({ id: organizations.id, name: organizations.name });
  if (!row) throw new Error('insert into organizations returned no row');
  return row;
}
