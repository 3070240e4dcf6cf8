import { and, eq, sql } from 'drizzle-orm';
import { personScopes, scope } from '@lastmile/domain';
import { queryRows, writeInOrg, type AnyDb } from '@lastmile/sync/server';
import { users } from '../db/schema/index.ts';
import { toUserRow } from './rows.ts';

/**
 * People written before they followed their teams (`SCOPE_LAYOUT` 3, ADR 0051) are logged only
 * under `ref:`, which every device pulls. Since then every person is also logged under `org:`
 * (`personScopes`), so "under `ref:` and never under `org:`" names exactly the people still in the
 * old layout, and stays true of nobody once upgraded, whatever later moves log under `ref:`.
 */
function oldLayoutPeople(orgId: string) {
  return sql`select c.entity_id from sync_changes c
             where c.org_id = ${orgId} and c.scope = ${scope.ref(orgId)} and c.entity = 'users'
               and not exists (
                 select 1 from sync_changes o
                 where o.org_id = ${orgId} and o.entity = 'users' and o.entity_id = c.entity_id
                   and o.scope = ${scope.org(orgId)}
               )`;
}

/**
 * Moves those people's change-log entries from `ref:` to the organization scope (the office
 * already held them; same version and id, so no office device sees anything twice) and logs each
 * person under the other scopes that hold them now: their team's `people:` scope, their own, and
 * `ref:` again for office and admin people. Runs at start-up, one transaction per organization; a
 * no-op once done. Every client resets once anyway (the scope hash changed). Returns the number of
 * organizations upgraded.
 */
export async function upgradePeopleScopes(db: AnyDb): Promise<number> {
  const orgs = await queryRows<{ org_id: string }>(db, sql`select org_id from sync_org_versions`);
  let upgraded = 0;
  for (const { org_id: orgId } of orgs) {
    const waiting = await queryRows(db, sql`${oldLayoutPeople(orgId)} limit 1`);
    if (waiting.length === 0) continue;
    await writeInOrg(db, orgId, async (tx, recorder) => {
      const people = await tx
        .select()
        .from(users)
        .where(and(eq(users.orgId, orgId), sql`${users.id}::text in (${oldLayoutPeople(orgId)})`));
      await tx.execute(
        sql`update sync_changes set scope = ${scope.org(orgId)}
            where org_id = ${orgId} and scope = ${scope.ref(orgId)} and entity = 'users'
              and entity_id in (${oldLayoutPeople(orgId)})`,
      );
      for (const person of people) {
        const row = toUserRow(person);
        recorder.put(
          'users',
          row,
          personScopes(row).filter((s) => s !== scope.org(orgId)),
        );
      }
    });
    upgraded++;
  }
  return upgraded;
}
