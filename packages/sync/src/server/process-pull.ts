import { sql, type SQL } from 'drizzle-orm';
import { AppError, ERROR_CODES, scopesForActor, type Actor } from '@lastmile/domain';
import {
  cursorVersion,
  formatCursor,
  hashScopes,
  parseCursor,
  pullRequestSchema,
  type Change,
  type PullRequest,
  type PullResponse,
  type Refusal,
} from '../protocol.ts';
import type { AnyDb, AnyTx } from './db-types.ts';
import type { ClientStanding } from './process-push.ts';
import { queryPrepared } from './raw.ts';
import { dropDeletesStillVisible, readChangesAfter, type ChangeRow } from './read-changes.ts';
import { checkSchemaVersion } from './schema-version.ts';

/**
 * The people besides the session's whose work a pull also serves (crew mode: everyone signed in
 * on the client), as a query read in the pull's first statement: `query` selects one row per
 * person with at least the columns `actors` reads. Its text must be the same on every call.
 */
export type CrewOnClient = {
  query: (actor: Actor, clientId: string) => SQL;
  actors: (rows: Record<string, unknown>[], actor: Actor) => Actor[];
};

type RefusedRow = {
  mutation_id: string | number;
  name: string;
  args: unknown;
  code: string;
  reason: string;
  processed_at: string;
};

/**
 * Everything a pull needs before it reads the log, in one round trip and one prepared statement
 * (every pull of every device starts here; issue 14: statements per cycle): the client's row
 * (whose it is, its last mutation), the organization's compaction horizon, the refusals the client
 * has not seen yet (up to its last mutation, read in the same row), and, given them, the client's
 * standing (a revoked device) and its crew. All read the pull's one snapshot, as separate reads did.
 */
async function readClientState(tx: AnyTx, req: PullRequest, actor: Actor, options: ProcessPullOptions) {
  const { standing, crew } = options;
  const { clientId } = req;
  const [state] = await queryPrepared<{
    user_id: string | null;
    org_id: string | null;
    last_mutation_id: string | number | null;
    min_version: string | number | null;
    refused: RefusedRow[];
    standing?: Record<string, unknown> | null;
    crew?: Record<string, unknown>[];
  }>(
    tx,
    'lm_pull_state',
    sql`select c.user_id, c.org_id, c.last_mutation_id,
               (select min_version from sync_org_versions where org_id = ${actor.orgId}) as min_version,
               (select coalesce(jsonb_agg(to_jsonb(r) order by r.mutation_id), '[]'::jsonb)
                from (select mutation_id, name, args, code, reason, processed_at from sync_mutation_results
                      where client_id = ${clientId} and mutation_id >= ${req.pendingFrom}
                        and mutation_id <= c.last_mutation_id) as r) as refused
               ${standing ? sql`, (select to_jsonb(s) from (${standing.query(clientId)}) as s limit 1) as standing` : sql``}
               ${crew ? sql`, (select coalesce(jsonb_agg(to_jsonb(m)), '[]'::jsonb) from (${crew.query(actor, clientId)}) as m) as crew` : sql``}
        from (select 1) as one
        left join sync_clients c on c.client_id = ${clientId}`,
  );
  const client = state?.user_id == null ? null : state;
  return {
    owned: !client || (client.user_id === actor.userId && client.org_id === actor.orgId),
    lastMutationId: Number(client?.last_mutation_id ?? 0),
    minVersion: Number(state?.min_version ?? 0),
    refused: client ? (state?.refused ?? []) : [],
    standing: state?.standing ?? null,
    crew: crew ? crew.actors(state?.crew ?? [], actor) : [],
  };
}

/** The same row can appear once per scope; the client needs only the last state of each. */
function lastPerRow(rows: ChangeRow[]): ChangeRow[] {
  const last = new Map<string, ChangeRow>();
  for (const r of rows) {
    const key = `${r.entity}:${r.entity_id}`;
    last.delete(key);
    last.set(key, r);
  }
  return [...last.values()];
}

function toChange(r: ChangeRow): Change {
  return r.op === 'put'
    ? {
        op: 'put',
        entity: r.entity,
        id: r.entity_id,
        row: r.row === null ? {} : (JSON.parse(r.row) as Record<string, unknown>),
      }
    : { op: 'del', entity: r.entity, id: r.entity_id };
}

/** `toChange` as JSON text, with the stored row spliced in unparsed (same fields, same order). */
function changeJson(r: ChangeRow): string {
  const key = `"entity":${JSON.stringify(r.entity)},"id":${JSON.stringify(r.entity_id)}`;
  return r.op === 'put' ? `{"op":"put",${key},"row":${r.row ?? '{}'}}` : `{"op":"del",${key}}`;
}

type PullPage = Omit<PullResponse, 'changes'> & { changes: ChangeRow[] };

/**
 * Serves the changes after the client's cursor in its scopes, in commit order, in pages.
 * Runs in one REPEATABLE READ snapshot so the last mutation id and the changes agree.
 */
export type ProcessPullOptions = {
  /**
   * Refuses a client that may not sync (a revoked device), read in the pull's read-only snapshot
   * with the client's row (its query must not lock: the transaction is read only).
   */
  standing?: ClientStanding;
  /** Crew mode: the other people with a live session on this client; their scopes are pulled too. */
  crew?: CrewOnClient;
};

export async function processPull(
  db: AnyDb,
  actor: Actor,
  input: PullRequest,
  options: ProcessPullOptions = {},
): Promise<PullResponse> {
  const page = await readPage(db, actor, input, options);
  return { ...page, changes: page.changes.map(toChange) };
}

/**
 * `processPull` answered as JSON text, identical in content to `JSON.stringify(processPull(…))`:
 * the stored rows go from PostgreSQL to the response without a JSON parse and stringify each
 * (most of a large pull's CPU time, docs/benchmarks.md).
 */
export async function processPullJson(
  db: AnyDb,
  actor: Actor,
  input: PullRequest,
  options: ProcessPullOptions = {},
): Promise<string> {
  const { reset, changes, cursor, more, lastMutationId, refused } = await readPage(db, actor, input, options);
  return `{"reset":${reset},"changes":[${changes.map(changeJson).join(',')}],"cursor":${JSON.stringify(cursor)},"more":${more},"lastMutationId":${lastMutationId},"refused":${JSON.stringify(refused)}}`;
}

async function readPage(db: AnyDb, actor: Actor, input: PullRequest, options: ProcessPullOptions): Promise<PullPage> {
  const req = pullRequestSchema.parse(input);
  checkSchemaVersion(req.schemaVersion);
  const result = await db.transaction(
    async (tx): Promise<PullPage | null> => {
      const state = await readClientState(tx, req, actor, options);
      if (!state.owned) return null;
      options.standing?.check(state.standing);
      // Crew mode: the phone holds the work of everyone signed in on it. A person joining or
      // leaving changes the scopes, hence the hash: the next pull resets, like a team change.
      const scopes = [...new Set([actor, ...state.crew].flatMap(scopesForActor))];
      const scopeHash = hashScopes(scopes);
      const requested = parseCursor(req.cursor);
      // A cursor made under other scopes (a user moved teams, a role changed) cannot be continued.
      // A cursor below the compaction horizon may have missed deleted tombstones: reset — unless it
      // was issued by a reset's own paging under this same horizon (else a reset of more than one
      // page after an aggressive compaction would restart at every page, forever).
      const belowHorizon = requested.version < state.minVersion && requested.floor !== state.minVersion;
      const reset = req.cursor === null || requested.scopeHash !== scopeHash || belowHorizon;
      const from = reset ? { version: 0, id: 0 } : requested;
      const rows = await readChangesAfter(tx, actor.orgId, scopes, from, req.limit + 1);
      const more = rows.length > req.limit;
      const page = more ? rows.slice(0, req.limit) : rows;
      const lastRow = page.at(-1);
      const cursor = lastRow
        ? issueCursor(Number(lastRow.version), Number(lastRow.id), scopeHash, state.minVersion)
        : issueCursor(from.version, from.id, scopeHash, state.minVersion);
      const changes = lastPerRow(await dropDeletesStillVisible(tx, actor.orgId, scopes, page));
      return {
        reset,
        changes,
        cursor,
        more,
        lastMutationId: state.lastMutationId,
        refused: state.refused.map((r): Refusal => ({
          id: Number(r.mutation_id),
          name: r.name,
          args: r.args,
          code: r.code,
          reason: r.reason,
          processedAt: new Date(r.processed_at).toISOString(),
        })),
      };
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  );
  if (!result) {
    throw new AppError(
      ERROR_CODES.clientMismatch,
      'This client id belongs to another person. Sign in again on this device.',
    );
  }
  await recordServedVersion(db, actor, req.clientId, cursorVersion(result.cursor));
  return result;
}

/** A cursor below the horizon carries it (see `belowHorizon`); others keep the plain form. */
function issueCursor(version: number, id: number, scopeHash: string, minVersion: number) {
  return version < minVersion ? formatCursor(version, id, scopeHash, minVersion) : formatCursor(version, id, scopeHash);
}

/**
 * Remembers the newest version this client has been served (outside the read-only snapshot): a
 * push caps its mutations' claimed base version there (process-push.ts, sync principle 8).
 */
async function recordServedVersion(db: AnyDb, actor: Actor, clientId: string, version: number): Promise<void> {
  await db.execute(
    sql`insert into sync_clients (client_id, org_id, user_id, served_version)
        values (${clientId}, ${actor.orgId}, ${actor.userId}, ${version})
        on conflict (client_id) do update set served_version = greatest(sync_clients.served_version, excluded.served_version)
        where sync_clients.user_id = ${actor.userId} and sync_clients.served_version < excluded.served_version`,
  );
}
