import { sql, type SQL } from 'drizzle-orm';
import { AppError, ERROR_CODES, type Actor } from '@lastmile/domain';
import type { AnyTx } from './db-types.ts';
import type { PrefetchQuery } from './locked-rows.ts';
import { queryPrepared } from './raw.ts';
import { withCtes } from './trailing-writes.ts';
import { orgWriteLock } from './write-lock.ts';

/**
 * Whether this client may sync at all (a revoked device may not), read in the statement that
 * locks the client's row (push) or reads it (pull), not a round trip of its own: `query` selects
 * at most one row about the client — in the push it may lock it, e.g. a device `for share`, so
 * that a concurrent revocation either commits first (refused) or waits for the push (accepted,
 * then revoked), never half of each — and `check` throws an AppError to refuse. Its text must be
 * the same on every call (values as parameters only): it runs as a named prepared statement.
 */
export type ClientStanding = {
  query: (clientId: string) => SQL;
  check: (row: Record<string, unknown> | null) => void;
};

/**
 * The push's first statement: takes the organization's write lock, then creates the client's row
 * on first use and locks it, then reads the client's standing and locks the rows the batch will
 * need (its prefetch), the locks in that order. The order is the data's: the client's upsert
 * inserts from a count over the locked organization row (it cannot produce its row before that
 * lock is held, and the count gives a row even for an organization that has no version row yet);
 * the standing is read for the client's row, and the prefetch joins the client's row (its locks
 * are taken above that join). An upsert takes the client row's lock (held until commit) whether it
 * inserts or updates, like `select … for update`. Writers of one organization queue on the first
 * lock and never deadlock (write-lock.ts).
 */
export async function lockClient(
  tx: AnyTx,
  clientId: string,
  actor: Actor,
  standing: ClientStanding | undefined,
  prefetch: PrefetchQuery | null,
): Promise<{ lastMutationId: number; servedVersion: number; prefetched: Record<string, unknown>[] }> {
  type Row = {
    user_id: string;
    org_id: string;
    last_mutation_id: string | number;
    served_version: string | number;
    standing?: Record<string, unknown> | null;
    prefetched?: Record<string, unknown>[];
  };
  const ctes = [
    sql`org as materialized (${orgWriteLock(actor.orgId)})`,
    sql`client as (
          insert into sync_clients (client_id, org_id, user_id)
          select ${clientId}, ${actor.orgId}, ${actor.userId} from (select count(*) from org) as locked
          on conflict (client_id) do update set last_seen_at = now()
          returning user_id, org_id, last_mutation_id, served_version
        )`,
    ...(standing ? [sql`standing as (${standing.query(clientId)})`] : []),
    ...(prefetch ? [sql`prefetched as (${prefetch.query(sql`client`)})`] : []),
  ];
  const [row] = await queryPrepared<Row>(
    tx,
    'lm_push_lock',
    sql`${withCtes(ctes)}select client.*
        ${standing ? sql`, (select to_jsonb(standing) from standing limit 1) as standing` : sql``}
        ${prefetch ? sql`, (select coalesce(json_agg(prefetched), '[]'::json) from prefetched) as prefetched` : sql``}
        from client`,
  );
  if (!row || row.user_id !== actor.userId || row.org_id !== actor.orgId) {
    throw new AppError(
      ERROR_CODES.clientMismatch,
      'This client id belongs to another person. Sign in again on this device.',
    );
  }
  standing?.check(row.standing ?? null);
  return {
    lastMutationId: Number(row.last_mutation_id),
    servedVersion: Number(row.served_version),
    prefetched: row.prefetched ?? [],
  };
}
