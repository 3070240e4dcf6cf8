import { sql } from 'drizzle-orm';
import type { AppliedLookup } from '@lastmile/sync/server';

/**
 * A client's applied mutations from `from` to `last`, read from their audit entries, for the
 * push's check that a replay is the change applied under its id (replays.ts in the sync engine).
 * A client's sync entries are written in mutation order (`seq` follows it, record-push-audit.ts),
 * one per applied mutation, so those ids are among its newest `last - from + 1` entries: a
 * backward scan of `audit_client_seq_idx` that stops there, however long the client's history,
 * and no index of its own for the insert of every push to keep up.
 */
export const appliedMutations: AppliedLookup = (clientId, from, last) =>
  sql`select e.mutation_id, e.action as name, e.entity_id, e.client_time
      from (select mutation_id, action, entity_id, client_time from audit_events
            where client_id = ${clientId} and source = 'sync'
            order by seq desc limit ${last - from + 1}) as e
      where e.mutation_id >= ${from}`;
