import { sql } from 'drizzle-orm';

/**
 * The change log as a pull reads it, for tests that look at it directly: `c` is an entry of
 * sync_changes, `r` its row in sync_change_rows (ADR 0045; no row for a delete).
 * `select c.scope, r.row from ${loggedChanges} where c.org_id = …`.
 */
export const loggedChanges = sql.raw(
  `sync_changes c left join sync_change_rows r on c.op = 'put' and r.org_id = c.org_id and r.version = c.version
     and r.entity = c.entity and r.entity_id = c.entity_id`,
);
