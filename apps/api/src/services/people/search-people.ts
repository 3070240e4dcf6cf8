import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { PEOPLE_SEARCH_LIMIT, type FoundPerson, type PeopleSearchQuery } from '@lastmile/domain';
import type { DbOrTx } from '@lastmile/sync/server';
import { teams, users } from '../../db/schema/index.ts';

/** `text` in a LIKE pattern, its own `%`, `_` and `\` taken literally (`\` is LIKE's escape). */
function literal(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * Active people of the organization whose name contains what was typed, any case: names
 * starting with it first, then by name. One statement on the name's trigram index
 * (`users_name_trgm_idx`), a page at most. Both sides are lower-cased by PostgreSQL, so the
 * query and the name fold the same way whatever the database's locale.
 */
export async function searchPeople(db: DbOrTx, orgId: string, query: PeopleSearchQuery): Promise<FoundPerson[]> {
  const name = sql`lower(${users.name})`;
  const starts = sql<boolean>`${name} like lower(${`${literal(query.q)}%`})`;
  return db
    .select({ id: users.id, name: users.name, role: users.role, teamName: teams.name })
    .from(users)
    .leftJoin(teams, and(eq(teams.id, users.teamId), eq(teams.orgId, users.orgId)))
    .where(and(eq(users.orgId, orgId), eq(users.active, true), sql`${name} like lower(${`%${literal(query.q)}%`})`))
    .orderBy(desc(starts), asc(users.name), asc(users.id))
    .limit(query.limit ?? PEOPLE_SEARCH_LIMIT);
}
