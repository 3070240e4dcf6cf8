import { sql, type SQL } from 'drizzle-orm';
import type { EntityName } from '@lastmile/domain';
import type { AnyTx } from './db-types.ts';
import { queryRows } from './raw.ts';

/** `row` is the stored wire row as JSON text (`row::text`): the JSON route splices it as is. */
export type ChangeRow = {
  version: string | number;
  id: string | number;
  scope: string;
  entity: EntityName;
  entity_id: string;
  op: 'put' | 'del';
  row: string | null;
};

/**
 * The first `limit` change-log entries after `from` in any of `scopes`, in (version, id) order,
 * each `put` with its row.
 *
 * One ordered index range per scope (sync_changes_scope_idx is (org_id, scope, version, id)),
 * merged: PostgreSQL runs this as a Merge Append of index scans that stops after `limit` rows, so
 * a page costs O(page + scopes) whatever the log's size. The plain `scope in (…) order by version,
 * id` cannot read that index in order across several scopes and sorted every entry after the
 * cursor for every page (docs/benchmarks.md, "Pull query"). Only the entries that survive the
 * limit fetch their row: one primary-key probe of sync_change_rows each (ADR 0045), `row::text`
 * so the JSON route splices it as is.
 */
export async function readChangesAfter(
  tx: AnyTx,
  orgId: string,
  scopes: readonly string[],
  from: { version: number; id: number },
  limit: number,
): Promise<ChangeRow[]> {
  return queryRows<ChangeRow>(tx, changesAfterQuery(orgId, scopes, from, limit));
}

/** The statement `readChangesAfter` runs (benchmarks EXPLAIN it). */
export function changesAfterQuery(
  orgId: string,
  scopes: readonly string[],
  from: { version: number; id: number },
  limit: number,
): SQL {
  const perScope = scopes.map(
    (scope) =>
      sql`(select version, id, scope, entity, entity_id, op from sync_changes
           where org_id = ${orgId} and scope = ${scope} and (version, id) > (${from.version}, ${from.id})
           order by version, id limit ${limit})`,
  );
  // The row as a subquery per entry, not a join: PostgreSQL must then probe the primary key for
  // each entry served, where a join left it free to hash all of sync_change_rows for a page.
  return sql`select c.version, c.id, c.scope, c.entity, c.entity_id, c.op,
                    case when c.op = 'put' then (
                      select r.row::text from sync_change_rows r
                      where r.org_id = ${orgId} and r.version = c.version and r.entity = c.entity and r.entity_id = c.entity_id
                    ) end as row
             from (select * from (${sql.join(perScope, sql` union all `)}) u order by version, id limit ${limit}) c
             order by c.version, c.id`;
}

/**
 * A `del` under one scope only means "no longer visible there". If the client still sees the
 * row through another of its scopes (the newest entry of that row in one of them is a `put`),
 * the delete must not reach it. One index probe per (scope, deleted row): the newest entry of
 * each, through sync_changes_key_idx.
 */
export async function dropDeletesStillVisible(
  tx: AnyTx,
  orgId: string,
  scopes: readonly string[],
  changes: ChangeRow[],
): Promise<ChangeRow[]> {
  const dels = changes.filter((c) => c.op === 'del');
  if (dels.length === 0 || scopes.length === 1) return changes;
  const keys = [...new Map(dels.map((d) => [`${d.entity}:${d.entity_id}`, [d.entity, d.entity_id]])).values()];
  const scopeArray = sql`array[${sql.join(
    scopes.map((s) => sql`${s}`),
    sql`, `,
  )}]::text[]`;
  const visible = await queryRows<{ entity: string; entity_id: string }>(
    tx,
    sql`select k.entity, k.id as entity_id
        from jsonb_to_recordset(${JSON.stringify(keys.map(([entity, id]) => ({ entity, id })))}::jsonb) as k(entity text, id text)
        where exists (
          select 1 from unnest(${scopeArray}) as s(scope)
          cross join lateral (
            select op from sync_changes c
            where c.org_id = ${orgId} and c.scope = s.scope and c.entity = k.entity and c.entity_id = k.id
            order by c.version desc, c.id desc limit 1
          ) newest
          where newest.op = 'put'
        )`,
  );
  const stillVisible = new Set(visible.map((r) => `${r.entity}:${r.entity_id}`));
  return changes.filter((c) => c.op === 'put' || !stillVisible.has(`${c.entity}:${c.entity_id}`));
}
