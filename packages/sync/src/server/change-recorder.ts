import { sql } from 'drizzle-orm';
import type { EntityName } from '@lastmile/domain';
import type { AnyDb, AnyTx } from './db-types.ts';
import { queryRows } from './raw.ts';
import { syncChanges } from './schema.ts';

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
export class ChangeRecorder {
  readonly changes: PendingChange[] = [];

  put(entity: EntityName, row: { id: string }, scopes: readonly string[]): void {
    for (const scope of scopes) {
      this.changes.push({ scope, entity, entityId: row.id, op: 'put', row: row as Record<string, unknown> });
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

  mark(): number {
    return this.changes.length;
  }

  /** Forget changes recorded after `mark` (the mutation that made them was rolled back). */
  rollbackTo(mark: number): void {
    this.changes.length = mark;
  }
}

export const POKE_CHANNEL = 'lastmile_poke';

/**
 * Takes the organization's next version (a row lock held until commit: writers of one
 * organization serialize here, so versions become visible in commit order) and writes the
 * recorded changes under it. Returns the version, or null if there was nothing to write.
 */
export async function flushChanges(tx: AnyTx, orgId: string, recorder: ChangeRecorder): Promise<number | null> {
  if (recorder.changes.length === 0) return null;
  const bumped = await queryRows<{ version: string | number }>(tx, sql`
    insert into sync_org_versions (org_id, version) values (${orgId}, 1)
    on conflict (org_id) do update set version = sync_org_versions.version + 1
    returning version`);
  const version = Number(bumped[0]?.version);
  const CHUNK = 1000;
  for (let i = 0; i < recorder.changes.length; i += CHUNK) {
    await tx.insert(syncChanges).values(
      recorder.changes.slice(i, i + CHUNK).map((c) => ({ orgId, version, scope: c.scope, entity: c.entity, entityId: c.entityId, op: c.op, row: c.row })),
    );
  }
  await tx.execute(sql`select pg_notify(${POKE_CHANNEL}, ${orgId})`);
  return version;
}

/** Runs `fn` in a transaction whose replicated effects go to the change log atomically with it. */
export async function writeInOrg<T>(db: AnyDb, orgId: string, fn: (tx: AnyTx, recorder: ChangeRecorder) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    const recorder = new ChangeRecorder();
    const result = await fn(tx, recorder);
    await flushChanges(tx, orgId, recorder);
    return result;
  });
}
