import { sql, type SQL } from 'drizzle-orm';
import type { EntityName } from '@lastmile/domain';
import type { AnyDb, AnyTx } from './db-types.ts';
import { queryPrepared } from './raw.ts';
import { checkTrailingCounts, trailingCounts, trailingCtes, withCtes, type TrailingWrite } from './trailing-writes.ts';
import { lockOrgWrites, retryConflicts } from './write-lock.ts';

export type PendingChange = {
  scope: string;
  entity: EntityName;
  entityId: string;
  op: 'put' | 'del';
  row: Record<string, unknown> | null;
};

/**
 * Collects the replicated effects of a write. Nothing reaches the change log until `flush`,
 * which runs last in the transaction so the per-organization version lock is held only
 * for a few statements.
 */
/** Writes that need the version their transaction commits under (known only at the flush). */
export type VersionedWrite = (tx: AnyTx, version: number) => Promise<void>;

export class ChangeRecorder {
  readonly changes: PendingChange[] = [];
  readonly versionedWrites: VersionedWrite[] = [];

  /**
   * Runs `write` right after the flush, in the same transaction, with the version the changes were
   * written under (e.g. an assignment period that starts at this version). It is only run when
   * the recorder also holds a change: a write with no replicated effect has no version.
   */
  atVersion(write: VersionedWrite): void {
    this.versionedWrites.push(write);
  }

  put(entity: EntityName, row: { id: string }, scopes: readonly string[]): void {
    for (const scope of scopes) {
      this.changes.push({ scope, entity, entityId: row.id, op: 'put', row });
    }
  }

  delete(entity: EntityName, id: string, scopes: readonly string[]): void {
    for (const scope of scopes) this.changes.push({ scope, entity, entityId: id, op: 'del', row: null });
  }

  /** A row whose scopes changed: put it where it is visible now, delete it where it no longer is. */
  move(entity: EntityName, row: { id: string }, before: readonly string[], after: readonly string[]): void {
    this.put(entity, row, after);
    this.delete(
      entity,
      row.id,
      before.filter((s) => !after.includes(s)),
    );
  }

  mark(): RecorderMark {
    return { changes: this.changes.length, versionedWrites: this.versionedWrites.length };
  }

  /** Forget changes recorded after `mark` (the mutation that made them was rolled back). */
  rollbackTo(mark: RecorderMark): void {
    this.changes.length = mark.changes;
    this.versionedWrites.length = mark.versionedWrites;
  }
}

export type RecorderMark = { changes: number; versionedWrites: number };

export const POKE_CHANNEL = 'lastmile_poke';

/** NOTIFY payloads must stay under 8,000 bytes; past this the poke names only the organization. */
const POKE_PAYLOAD_MAX = 7000;

/**
 * What a commit tells the API processes: `orgId|scope,scope,…`, and `|clientId` when a device's
 * push made it — the scopes its changes were logged under, so only the clients that can see one
 * of them are poked, and not the device that pushed, which pulls right after its push anyway
 * (routes/sync/poke-hub.ts). A commit touching very many scopes (an import) says just `orgId`:
 * every client of it pulls.
 */
export function pokePayload(orgId: string, changes: readonly PendingChange[], origin?: string): string {
  const scopes = [...new Set(changes.map((c) => c.scope))];
  const payload = `${orgId}|${scopes.join(',')}${origin === undefined ? '' : `|${origin}`}`;
  return payload.length > POKE_PAYLOAD_MAX ? orgId : payload;
}

/** The other side of `pokePayload`: the organization, its scopes (null: all of them), the pushing client. */
export function parsePokePayload(payload: string): { orgId: string; scopes: string[] | null; origin: string | null } {
  const [orgId = '', scopes, origin] = payload.split('|');
  if (scopes === undefined) return { orgId, scopes: null, origin: null };
  return { orgId, scopes: scopes.split(',').filter(Boolean), origin: origin || null };
}

/**
 * Within one transaction (one version) only the last change of each (scope, row) matters: a client
 * keeps the last state of each row, and an earlier entry of the same version is never the state
 * of any committed version. So a push that edits one job ten times logs it once per scope, at the
 * place of its last edit (the other entries keep their order).
 */
export function lastChangePerKey(changes: readonly PendingChange[]): PendingChange[] {
  const last = new Map<string, number>();
  changes.forEach((c, i) => last.set(`${c.scope}\u0000${c.entity}\u0000${c.entityId}`, i));
  if (last.size === changes.length) return [...changes];
  return changes.filter((c, i) => last.get(`${c.scope}\u0000${c.entity}\u0000${c.entityId}`) === i);
}

/** Changes per statement: one jsonb parameter each, so no bind-parameter limit applies. */
const FLUSH_CHUNK = 5000;

/** A change-log entry as a compact JSON tuple: [scope, entity, entityId, op]. */
function changesJson(changes: PendingChange[]): string {
  return JSON.stringify(changes.map((c) => [c.scope, c.entity, c.entityId, c.op]));
}

/** The entries of a `changesJson` parameter, in recorder order (the order of their change ids). */
function changeRowsSql(json: string) {
  return sql`select e.j->>0 as scope, e.j->>1 as entity, e.j->>2 as entity_id, e.j->>3 as op, e.ord
             from jsonb_array_elements(${json}::jsonb) with ordinality as e(j, ord)`;
}

/**
 * The rows the `put` entries carry, once per (entity, id) however many scopes see it: the last
 * row recorded for it, which is its state when the transaction commits (every later change of the
 * row in this transaction recorded it again). An entry that kept an earlier copy under one scope
 * gets that state too, as it would from any later pull (ADR 0045).
 */
export function changedRows(changes: readonly PendingChange[]): Map<string, PendingChange> {
  const rows = new Map<string, PendingChange>();
  for (const c of changes) if (c.op === 'put') rows.set(`${c.entity}\u0000${c.entityId}`, c);
  return rows;
}

/** Rows as compact JSON tuples: [entity, entityId, row]. */
function rowsJson(rows: PendingChange[]): string {
  return JSON.stringify(rows.map((c) => [c.entity, c.entityId, c.row]));
}

/** The rows of a `rowsJson` parameter. */
function rowsSql(json: string) {
  return sql`select r.j->>0 as entity, r.j->>1 as entity_id, r.j->2 as row from jsonb_array_elements(${json}::jsonb) as r(j)`;
}

/** The CTEs writing one statement's share of the entries and rows, under the version of CTE `v`. */
function logCtes(orgId: string, changes: PendingChange[], rows: PendingChange[]): SQL[] {
  return [
    sql`ins as (
      insert into sync_changes (org_id, version, scope, entity, entity_id, op)
      select ${orgId}, v.version, x.scope, x.entity, x.entity_id, x.op
      from v, (${changeRowsSql(changesJson(changes))}) x
      order by x.ord
    )`,
    sql`rw as (
      insert into sync_change_rows (org_id, version, entity, entity_id, row)
      select ${orgId}, v.version, x.entity, x.entity_id, x.row from v, (${rowsSql(rowsJson(rows))}) x
    )`,
  ];
}

/**
 * A client whose push this transaction applies: its last mutation id is set in the same statement,
 * and the poke for its changes (`changes`, those its push recorded) names it, so that its own
 * streams are not poked for them (it pulls after its push anyway).
 */
export type FlushClient = { clientId: string; lastMutationId: number; changes?: readonly PendingChange[] };

/**
 * The NOTIFY payloads of a commit: one per pushing client for the changes it recorded, or one for
 * all changes when no client (or one) is named.
 */
function pokePayloads(orgId: string, changes: readonly PendingChange[], clients: readonly FlushClient[]): string[] {
  if (clients.length === 0) return [pokePayload(orgId, changes)];
  if (clients.length === 1) return [pokePayload(orgId, changes, clients[0]!.clientId)];
  return clients
    .filter((c) => c.changes && c.changes.length > 0)
    .map((c) => pokePayload(orgId, c.changes!, c.clientId));
}

/**
 * Takes the organization's next version (a row lock held until commit: writers of one
 * organization serialize here, so versions become visible in commit order) and writes the
 * recorded changes under it. Returns the version, or null if there was nothing to write.
 *
 * One round trip: the version bump, the change-log entries and the rows they carry (once per row,
 * not per scope: ADR 0045), the pushing clients' last mutation ids (if given: one push, or a group
 * of them, ADR 0044), the pokes and the push's trailing writes (its buffered rows, refusals and
 * audit entries: trailing-writes.ts) are one statement (data-modifying CTEs all run, once, in the
 * statement; the version row stays locked until commit exactly as with separate statements). Without changes, the clients' ids and the trailing writes still go in one
 * statement. Clients and pokes travel as jsonb parameters: the text does not depend on how many.
 */
export async function flushChanges(
  tx: AnyTx,
  orgId: string,
  recorder: ChangeRecorder,
  clients: readonly FlushClient[] = [],
  writes: readonly TrailingWrite[] = [],
): Promise<number | null> {
  const clientUpdate =
    clients.length > 0
      ? [
          sql`c as (update sync_clients s set last_mutation_id = x.last_mutation_id, last_seen_at = now()
                    from jsonb_to_recordset(${JSON.stringify(clients.map((c) => ({ client_id: c.clientId, last_mutation_id: c.lastMutationId })))}::jsonb)
                         as x(client_id text, last_mutation_id bigint)
                    where s.client_id = x.client_id)`,
        ]
      : [];
  if (recorder.changes.length === 0) {
    const ctes = [...trailingCtes(writes), ...clientUpdate];
    if (ctes.length === 0) return null;
    const [row] = await queryPrepared<Record<string, unknown>>(
      tx,
      'lm_flush',
      sql`${withCtes(ctes)}select 1 as done${trailingCounts(writes)}`,
    );
    checkTrailingCounts(writes, row);
    return null;
  }
  const changes = lastChangePerKey(recorder.changes);
  const rows = [...changedRows(changes).values()];
  const ctes = [
    ...trailingCtes(writes),
    sql`v as (
      insert into sync_org_versions (org_id, version) values (${orgId}, 1)
      on conflict (org_id) do update set version = sync_org_versions.version + 1
      returning version
    )`,
    ...clientUpdate,
    ...logCtes(orgId, changes.slice(0, FLUSH_CHUNK), rows.slice(0, FLUSH_CHUNK)),
  ];
  const pokes = JSON.stringify(pokePayloads(orgId, recorder.changes, clients));
  const [bumped] = await queryPrepared<Record<string, unknown> & { version: string | number }>(
    tx,
    'lm_flush',
    sql`${withCtes(ctes)}select v.version,
          (select count(pg_notify(${POKE_CHANNEL}, p)) from jsonb_array_elements_text(${pokes}::jsonb) as p) as notified${trailingCounts(writes)}
        from v`,
  );
  checkTrailingCounts(writes, bumped);
  const version = Number(bumped?.version);
  for (let i = FLUSH_CHUNK; i < Math.max(changes.length, rows.length); i += FLUSH_CHUNK) {
    const rest = logCtes(orgId, changes.slice(i, i + FLUSH_CHUNK), rows.slice(i, i + FLUSH_CHUNK));
    await tx.execute(sql`${withCtes([sql`v as (select ${version}::bigint as version)`, ...rest])}select 1`);
  }
  for (const write of recorder.versionedWrites) await write(tx, version);
  return version;
}

/**
 * Runs `fn` in a transaction whose replicated effects go to the change log atomically with it.
 * The organization's write lock comes first (write-lock.ts), and a transaction that lost a race
 * anyway (a brand-new organization, a serialization failure) runs again: `fn` must be safe to run
 * more than once, which it is when all it does is write through `tx`.
 */
export async function writeInOrg<T>(
  db: AnyDb,
  orgId: string,
  fn: (tx: AnyTx, recorder: ChangeRecorder) => Promise<T>,
): Promise<T> {
  return retryConflicts(() =>
    db.transaction(async (tx) => {
      await lockOrgWrites(tx, orgId);
      const recorder = new ChangeRecorder();
      const result = await fn(tx, recorder);
      await flushChanges(tx, orgId, recorder);
      return result;
    }),
  );
}
