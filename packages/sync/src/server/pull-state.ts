import { sql, type SQL } from 'drizzle-orm';
import type { Actor } from '@lastmile/domain';
import type { PullRequest, Refusal } from '../protocol.ts';
import type { AnyTx } from './db-types.ts';
import type { ClientStanding } from './lock-client.ts';
import { queryPrepared } from './raw.ts';

/**
 * The people besides the session's whose work a pull also serves (crew mode: everyone signed in
 * on the client), as a query read in the pull's first statement: `query` selects one row per
 * person with at least the columns `actors` reads. Its text must be the same on every call.
 */
export type CrewOnClient = {
  query: (actor: Actor, clientId: string) => SQL;
  actors: (rows: Record<string, unknown>[], actor: Actor) => Actor[];
};

export type PullStateOptions = { standing?: ClientStanding | undefined; crew?: CrewOnClient | undefined };

type StateRow = {
  user_id: string | null;
  org_id: string | null;
  last_mutation_id: string | number | null;
  served_version: string | number | null;
  min_version: string | number | null;
  org_version: string | number | null;
  refused: {
    mutation_id: string | number;
    name: string;
    args: unknown;
    code: string;
    reason: string;
    processed_at: string;
  }[];
  standing?: Record<string, unknown> | null;
  crew?: Record<string, unknown>[];
};

export type PullState = {
  /** False: the client id is another person's (or another organization's). */
  owned: boolean;
  lastMutationId: number;
  /** The newest version already recorded as served to this client. */
  servedVersion: number;
  /** The organization's compaction horizon. */
  minVersion: number;
  /** The organization's newest version in this snapshot: no honest cursor is beyond it. */
  orgVersion: number;
  refused: Refusal[];
  standing: Record<string, unknown> | null;
  crew: Actor[];
};

/**
 * Everything a pull needs before it reads the log, as one query with one row: the client's row
 * (whose it is, its last mutation, what it was served), the organization's compaction horizon and
 * newest version,
 * the refusals the client has not seen yet (up to its last mutation, read in the same row), and,
 * given them, the client's standing (a revoked device) and its crew. Its text depends only on
 * which options are given (values are parameters).
 */
export function pullStateQuery(req: PullRequest, actor: Actor, options: PullStateOptions): SQL {
  const { standing, crew } = options;
  const { clientId } = req;
  return sql`select c.user_id, c.org_id, c.last_mutation_id, c.served_version,
               (select min_version from sync_org_versions where org_id = ${actor.orgId}) as min_version,
               (select version from sync_org_versions where org_id = ${actor.orgId}) as org_version,
               (select coalesce(jsonb_agg(to_jsonb(r) order by r.mutation_id), '[]'::jsonb)
                from (select mutation_id, name, args, code, reason, processed_at from sync_mutation_results
                      where client_id = ${clientId} and mutation_id >= ${req.pendingFrom}
                        and mutation_id <= c.last_mutation_id) as r) as refused
               ${standing ? sql`, (select to_jsonb(s) from (${standing.query(sql`${clientId}`)}) as s limit 1) as standing` : sql``}
               ${crew ? sql`, (select coalesce(jsonb_agg(to_jsonb(m)), '[]'::jsonb) from (${crew.query(actor, clientId)}) as m) as crew` : sql``}
        from (select 1) as one
        left join sync_clients c on c.client_id = ${clientId}`;
}

/** The row of `pullStateQuery` — as its columns, or as `to_jsonb` of them (bigints then come as numbers). */
export function parsePullState(row: StateRow | undefined, actor: Actor, options: PullStateOptions): PullState {
  const client = row?.user_id == null ? null : row;
  return {
    owned: !client || (client.user_id === actor.userId && client.org_id === actor.orgId),
    lastMutationId: Number(client?.last_mutation_id ?? 0),
    servedVersion: Number(client?.served_version ?? 0),
    minVersion: Number(row?.min_version ?? 0),
    orgVersion: Number(row?.org_version ?? 0),
    refused: (client ? (row?.refused ?? []) : []).map((r) => ({
      id: Number(r.mutation_id),
      name: r.name,
      args: r.args,
      code: r.code,
      reason: r.reason,
      processedAt: new Date(r.processed_at).toISOString(),
    })),
    standing: row?.standing ?? null,
    crew: options.crew ? options.crew.actors(row?.crew ?? [], actor) : [],
  };
}

/** `pullStateQuery` as the first statement of the pull's transaction (prepared once per connection). */
export async function readPullState(
  tx: AnyTx,
  req: PullRequest,
  actor: Actor,
  options: PullStateOptions,
): Promise<PullState> {
  const [row] = await queryPrepared<StateRow>(tx, 'lm_pull_state', pullStateQuery(req, actor, options));
  return parsePullState(row, actor, options);
}
