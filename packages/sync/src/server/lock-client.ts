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
 * at most one row about the client whose id is the given expression (a parameter in the pull, a
 * column of the locked clients in the push) — in the push it may lock it, e.g. a device `for share`, so
 * that a concurrent revocation either commits first (refused) or waits for the push (accepted,
 * then revoked), never half of each — and `check` throws an AppError to refuse. Its text must be
 * the same on every call (values as parameters only): it runs as a named prepared statement.
 */
export type ClientStanding = {
  query: (clientId: SQL) => SQL;
  check: (row: Record<string, unknown> | null) => void;
};

/** A client of the pushes a first statement locks, with the person the session says pushed through it. */
export type LockingClient = { clientId: string; actor: Actor };

/** What the first statement found for one client: its last applied mutation and the newest version served to it. */
export type LockedClient = { lastMutationId: number; servedVersion: number };

/**
 * The first statement of a push, or of a group of pushes of one organization (ADR 0044): takes
 * the organization's write lock, then creates each client's row on first use and locks it, then
 * reads each client's standing and locks the rows the pushes will need (their prefetch), the
 * locks in that order. The order is the data's: the clients' upsert inserts from a count over the
 * locked organization row (it cannot produce a row before that lock is held, and the count gives
 * a row even for an organization that has no version row yet); each standing is read for its
 * client's row, and the prefetch joins a count over the clients' rows (its locks are taken above
 * that join). An upsert takes a client row's lock (held until commit) whether it inserts or
 * updates, like `select … for update`. Writers of one organization queue on the first lock and
 * never deadlock (write-lock.ts).
 *
 * The clients travel as one jsonb parameter, so the text is the same for one client or a hundred;
 * they must be distinct (an upsert cannot touch one row twice). Throws `clientMismatch` for a
 * client id that belongs to another person, and whatever the standing's check throws, for the
 * first such client in the given order.
 */
export async function lockClients(
  tx: AnyTx,
  clients: readonly LockingClient[],
  standing: ClientStanding | undefined,
  prefetch: PrefetchQuery | null,
): Promise<{ clients: Map<string, LockedClient>; prefetched: Record<string, unknown>[] }> {
  type Row = {
    client_id: string;
    user_id: string;
    org_id: string;
    last_mutation_id: string | number;
    served_version: string | number;
    standing?: Record<string, unknown> | null;
    prefetched?: Record<string, unknown>[];
  };
  const orgId = clients[0]!.actor.orgId;
  const wanted = JSON.stringify(
    clients.map((c) => ({ client_id: c.clientId, org_id: c.actor.orgId, user_id: c.actor.userId })),
  );
  const ctes = [
    sql`org as materialized (${orgWriteLock(orgId)})`,
    sql`client as (
          insert into sync_clients (client_id, org_id, user_id)
          select x.client_id, x.org_id, x.user_id
          from (select count(*) from org) as locked,
               jsonb_to_recordset(${wanted}::jsonb) as x(client_id text, org_id uuid, user_id uuid)
          on conflict (client_id) do update set last_seen_at = now()
          returning client_id, user_id, org_id, last_mutation_id, served_version
        )`,
    ...(prefetch ? [sql`prefetched as (${prefetch.query(sql`(select count(*) from client) as gate`)})`] : []),
  ];
  const rows = await queryPrepared<Row>(
    tx,
    'lm_push_lock',
    sql`${withCtes(ctes)}select client.*
        ${standing ? sql`, (select to_jsonb(s) from (${standing.query(sql`client.client_id`)}) as s limit 1) as standing` : sql``}
        ${prefetch ? sql`, (select coalesce(json_agg(prefetched), '[]'::json) from prefetched) as prefetched` : sql``}
        from client`,
  );
  const byId = new Map(rows.map((r) => [r.client_id, r]));
  const found = new Map<string, LockedClient>();
  for (const { clientId, actor } of clients) {
    const row = byId.get(clientId);
    if (!row || row.user_id !== actor.userId || row.org_id !== actor.orgId) {
      throw new AppError(
        ERROR_CODES.clientMismatch,
        'This client id belongs to another person. Sign in again on this device.',
      );
    }
    standing?.check(row.standing ?? null);
    found.set(clientId, { lastMutationId: Number(row.last_mutation_id), servedVersion: Number(row.served_version) });
  }
  return { clients: found, prefetched: rows[0]?.prefetched ?? [] };
}
