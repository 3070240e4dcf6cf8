import { sql, type SQL } from 'drizzle-orm';
import { AppError, ERROR_CODES } from '@lastmile/domain';
import type { MutationResult } from '../protocol.ts';
import type { AnyTx } from './db-types.ts';
import { queryRows } from './raw.ts';

/**
 * Where the server recorded the mutations it applied (the audit trail: one entry per accepted
 * mutation, ADR 0022): a select of a client's applied mutations with ids from `from` to `last`
 * (the client's last applied id), as columns `mutation_id`, `name`, `entity_id` (the row it was
 * about, `mutationAuditSubject`) and `client_time` (timestamptz, null when the device's time
 * could not be stored). Values only as parameters.
 */
export type AppliedLookup = (clientId: string, from: number, last: number) => SQL;

/**
 * A replayed mutation as the push carries it: its arguments parsed, as they were recorded, and
 * the row it is about (null for one refused as invalid, which has no audit entry).
 */
export type Replayed = { id: number; name: string; args: unknown; clientTime: string; entityId: string | null };

type Row = { id: string | number; code: string | null; reason: string | null; same: boolean };

/**
 * The answers to a push's replays (ids at or below the client's last applied one), from what was
 * recorded — after checking that each replay IS the mutation that was recorded under its id.
 *
 * Exactly-once rests on (clientId, mutationId) naming one change. Two devices that push with one
 * client id — a phone restored from a backup of another's browser storage, a cloned device image,
 * a client that copies its id — number their changes from the same point: the second device's
 * mutation N looked like a replay of the first's, was answered "applied", and was deleted from its
 * outbox unsent. So a replay is compared with the record: a refusal's name and arguments (kept in
 * sync_mutation_results), an applied mutation's name, row and device time (its audit
 * entry: the arguments are not kept, the row and the device time are, and a client re-sends a
 * queued change with the time it was made). Two devices' changes of one kind to one row made in
 * the same millisecond cannot be told apart; anything else can. Any difference answers `409 client_id_reused`, naming the first different id,
 * and nothing of the push is applied: the device takes a new client id and pushes its changes
 * again under it (docs/sync-protocol.md). Without `applied`, or with no record of an id (applied
 * before the audit trail existed), an applied replay cannot be checked and is taken as it was.
 *
 * One statement, as the replays' answers always cost: the refusals and the audit entries are read
 * together; a push without replays (the usual one) runs none of this.
 */
export async function answerReplays(
  tx: AnyTx,
  clientId: string,
  lastMutationId: number,
  replayed: readonly Replayed[],
  applied: AppliedLookup | undefined,
): Promise<MutationResult[]> {
  const first = replayed[0];
  if (!first) return [];
  const carried = JSON.stringify(
    replayed.map((m) => {
      const ms = Date.parse(m.clientTime);
      return {
        id: m.id,
        name: m.name,
        args: m.args,
        entity_id: m.entityId,
        client_ms: Number.isFinite(ms) ? ms : null,
      };
    }),
  );
  const recorded = applied
    ? applied(clientId, first.id, lastMutationId)
    : sql`select null::bigint as mutation_id, null::text as name, null::text as entity_id, null::timestamptz as client_time where false`;
  const rows = await queryRows<Row>(
    tx,
    sql`with replayed as (
          select * from jsonb_to_recordset(${carried}::jsonb) as x(id bigint, name text, args jsonb, entity_id text, client_ms bigint)
        ), applied as (${recorded})
        select x.id, r.code, r.reason,
               coalesce(
                 case when r.mutation_id is not null then r.name = x.name and r.args = x.args end,
                 -- Milliseconds: what the device sent and what the audit entry kept (ADR 0022).
                 case when a.mutation_id is not null then a.name = x.name
                   and a.entity_id is not distinct from x.entity_id
                   and (a.client_time is null or x.client_ms is null
                        or floor(extract(epoch from a.client_time) * 1000)::bigint = x.client_ms) end,
                 true) as same
        from replayed x
        left join sync_mutation_results r on r.client_id = ${clientId} and r.mutation_id = x.id
        left join applied a on a.mutation_id = x.id
        order by x.id`,
  );
  const different = rows.find((r) => !r.same);
  if (different) throw clientIdReused(Number(different.id));
  const refused = new Map(rows.filter((r) => r.code !== null).map((r) => [Number(r.id), r]));
  return replayed.map(({ id }) => {
    const r = refused.get(id);
    return r ? { id, status: 'refused', code: r.code!, reason: r.reason ?? '' } : { id, status: 'applied' };
  });
}

function clientIdReused(mutationId: number): AppError {
  return new AppError(
    ERROR_CODES.clientIdReused,
    `Mutation ${mutationId} is not the change the server applied under this client id and number: another device pushes with this client id. Nothing of this push was applied; take a new client id and push the changes from ${mutationId} on again under it.`,
    undefined,
    { key: 'sync.clientIdReused', params: { mutationId } },
  );
}
