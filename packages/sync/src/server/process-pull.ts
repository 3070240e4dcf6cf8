import { sql } from 'drizzle-orm';
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
} from '../protocol.ts';
import type { AnyDb } from './db-types.ts';
import type { ClientStanding } from './lock-client.ts';
import { parsePullState, pullStateQuery, readPullState, type CrewOnClient, type PullState } from './pull-state.ts';
import { queryPrepared } from './raw.ts';
import { changesAfterQuery, dropDeletesStillVisible, readChangesAfter, type ChangeRow } from './read-changes.ts';
import { checkSchemaVersion } from './schema-version.ts';

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
  const read = await readPageAtOnce(db, actor, req, options);
  const result = read === 'in a transaction' ? await readPageInSnapshot(db, actor, req, options) : read;
  if (!result) {
    throw new AppError(
      ERROR_CODES.clientMismatch,
      'This client id belongs to another person. Sign in again on this device.',
    );
  }
  const served = cursorVersion(result.page.cursor);
  if (served > result.servedVersion) await recordServedVersion(db, actor, req.clientId, served);
  return result.page;
}

type PageRead = { page: PullPage; servedVersion: number } | null;

/** A pull request after parsing (its defaults filled in). */
type ParsedPull = ReturnType<typeof pullRequestSchema.parse>;

/**
 * The common pull — a device continuing from its cursor, alone on it, nothing to reset — as ONE
 * statement without a transaction: the client's state (pull-state.ts) and the page after the
 * cursor, read in the statement's one snapshot, so they agree exactly as in the REPEATABLE READ
 * transaction (ADR 0043). Whatever it cannot decide alone goes to that transaction instead
 * ('in a transaction'): a first sync or any reset (scopes changed, a crew on the client, a cursor
 * below the compaction horizon), and a page holding a delete while the device pulls several
 * scopes (whether the row is still visible through another one is read in the page's snapshot,
 * `dropDeletesStillVisible`). Null: the client id is another person's.
 */
async function readPageAtOnce(
  db: AnyDb,
  actor: Actor,
  req: ParsedPull,
  options: ProcessPullOptions,
): Promise<PageRead | 'in a transaction'> {
  if (req.cursor === null) return 'in a transaction';
  const requested = parseCursor(req.cursor);
  const scopes = [...new Set(scopesForActor(actor))];
  const scopeHash = hashScopes(scopes);
  if (requested.scopeHash !== scopeHash) return 'in a transaction';
  const rows = await queryPrepared<ChangeRow & { state: Parameters<typeof parsePullState>[0] | null }>(
    db,
    'lm_pull_at_once',
    sql`with page as (${changesAfterQuery(actor.orgId, scopes, requested, req.limit + 1)})
        select u.* from (
          select to_jsonb(s) as state, null::bigint as version, null::bigint as id, null::text as scope,
                 null::text as entity, null::text as entity_id, null::text as op, null::text as row
          from (${pullStateQuery(req, actor, options)}) as s
          union all
          select null, version, id, scope, entity, entity_id, op, row from page
        ) as u
        order by u.state is null, u.version, u.id`,
  );
  const [first, ...changeRows] = rows;
  const state = parsePullState(first?.state ?? undefined, actor, options);
  if (!state.owned) return null;
  options.standing?.check(state.standing);
  if (state.crew.length > 0) return 'in a transaction';
  if (belowHorizon(requested, state.minVersion) || beyondHead(requested, state.orgVersion)) return 'in a transaction';
  const { page, more, cursor } = slicePage(req, changeRows, requested, scopeHash, state.minVersion);
  if (scopes.length > 1 && page.some((c) => c.op === 'del')) return 'in a transaction';
  return { page: pullPage(state, false, lastPerRow(page), cursor, more), servedVersion: state.servedVersion };
}

/** Any pull, in one REPEATABLE READ read-only snapshot, so the last mutation id and the changes agree. */
async function readPageInSnapshot(
  db: AnyDb,
  actor: Actor,
  req: ParsedPull,
  options: ProcessPullOptions,
): Promise<PageRead> {
  return db.transaction(
    async (tx): Promise<PageRead> => {
      const state = await readPullState(tx, req, actor, options);
      if (!state.owned) return null;
      options.standing?.check(state.standing);
      // Crew mode: the phone holds the work of everyone signed in on it. A person joining or
      // leaving changes the scopes, hence the hash: the next pull resets, like a team change.
      const scopes = [...new Set([actor, ...state.crew].flatMap(scopesForActor))];
      const scopeHash = hashScopes(scopes);
      const requested = parseCursor(req.cursor);
      // A cursor made under other scopes (a user moved teams, a role changed) cannot be continued,
      // nor one beyond the log's head: a server restored from a backup (the phone would wait for
      // versions it already has numbers for, and get nothing, forever) or a forged cursor (its
      // version would be recorded as served and let any baseVersion pass the reassignment check).
      const reset =
        req.cursor === null ||
        requested.scopeHash !== scopeHash ||
        belowHorizon(requested, state.minVersion) ||
        beyondHead(requested, state.orgVersion);
      const from = reset ? { version: 0, id: 0 } : requested;
      const rows = await readChangesAfter(tx, actor.orgId, scopes, from, req.limit + 1);
      const { page, more, cursor } = slicePage(req, rows, from, scopeHash, state.minVersion);
      const changes = lastPerRow(await dropDeletesStillVisible(tx, actor.orgId, scopes, page));
      return { page: pullPage(state, reset, changes, cursor, more), servedVersion: state.servedVersion };
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  );
}

/** The first `limit` of the rows read (one more was read to know whether more wait), and the cursor after them. */
function slicePage(
  req: ParsedPull,
  rows: ChangeRow[],
  from: { version: number; id: number },
  scopeHash: string,
  minVersion: number,
): { page: ChangeRow[]; more: boolean; cursor: string } {
  const more = rows.length > req.limit;
  const page = more ? rows.slice(0, req.limit) : rows;
  const lastRow = page.at(-1);
  const cursor = lastRow
    ? issueCursor(Number(lastRow.version), Number(lastRow.id), scopeHash, minVersion)
    : issueCursor(from.version, from.id, scopeHash, minVersion);
  return { page, more, cursor };
}

function pullPage(state: PullState, reset: boolean, changes: ChangeRow[], cursor: string, more: boolean): PullPage {
  return { reset, changes, cursor, more, lastMutationId: state.lastMutationId, refused: state.refused };
}

/**
 * A cursor below the compaction horizon may have missed deleted tombstones: the pull resets —
 * unless the cursor was issued by a reset's own paging under this same horizon (else a reset of
 * more than one page after an aggressive compaction would restart at every page, forever).
 */
function belowHorizon(cursor: ReturnType<typeof parseCursor>, minVersion: number): boolean {
  return cursor.version < minVersion && cursor.floor !== minVersion;
}

/**
 * Whether a cursor names a version the organization has not reached: in one snapshot, the
 * organization's version is at least that of every change visible (both are written by the
 * commit that makes the change), so only a restored database or a forged cursor gets here.
 */
function beyondHead(cursor: ReturnType<typeof parseCursor>, orgVersion: number): boolean {
  return cursor.version > orgVersion;
}

/** A cursor below the horizon carries it (see `belowHorizon`); others keep the plain form. */
function issueCursor(version: number, id: number, scopeHash: string, minVersion: number) {
  return version < minVersion ? formatCursor(version, id, scopeHash, minVersion) : formatCursor(version, id, scopeHash);
}

/**
 * Remembers the newest version this client has been served (outside the read-only snapshot): a
 * push caps its mutations' claimed base version there (process-push.ts, sync principle 8).
 *
 * Committed without waiting for the disk (`synchronous_commit` off for this statement's own
 * transaction): it is visible to every push at once, like any commit, and only a PostgreSQL crash
 * within a fraction of a second could lose it. The served version then reads older than it was,
 * which can only make a later push stricter — a change after a reassignment refused, a form answer
 * kept as a conflict — never let a claim through that was not served. One disk flush less per pull
 * (ADR 0043).
 */
async function recordServedVersion(db: AnyDb, actor: Actor, clientId: string, version: number): Promise<void> {
  await db.execute(
    sql`insert into sync_clients (client_id, org_id, user_id, served_version)
        select ${clientId}, ${actor.orgId}, ${actor.userId}, ${version}
        from (select set_config('synchronous_commit', 'off', true)) as without_waiting_for_the_disk
        on conflict (client_id) do update set served_version = greatest(sync_clients.served_version, excluded.served_version)
        where sync_clients.user_id = ${actor.userId} and sync_clients.served_version < excluded.served_version`,
  );
}
