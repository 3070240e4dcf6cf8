import { sql } from 'drizzle-orm';
import { bigint, bigserial, index, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * The sync engine's own tables. They live in the same database and migrations as the app's
 * tables (apps/api re-exports them for drizzle-kit) because a mutation's effects, its change-log
 * rows and the client's last mutation id must commit in one transaction.
 */

/** One row per organization; every write transaction bumps `version` under a row lock. */
export const syncOrgVersions = pgTable('sync_org_versions', {
  orgId: uuid('org_id').primaryKey(),
  version: bigint('version', { mode: 'number' }).notNull().default(0),
  /** Changes below this version may have been compacted away: older cursors must reset. */
  minVersion: bigint('min_version', { mode: 'number' }).notNull().default(0),
});

/** One row per client (browser profile on a device). */
export const syncClients = pgTable(
  'sync_clients',
  {
    clientId: text('client_id').primaryKey(),
    orgId: uuid('org_id').notNull(),
    userId: uuid('user_id').notNull(),
    lastMutationId: bigint('last_mutation_id', { mode: 'number' }).notNull().default(0),
    /**
     * The newest version a pull has served this client. A mutation cannot have been made on a
     * state newer than that, so its claimed base version is capped here (process-push.ts).
     */
    servedVersion: bigint('served_version', { mode: 'number' }).notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('sync_clients_org_idx').on(t.orgId, t.lastSeenAt)],
);

/** Refused mutations, kept so a replayed push gets the same answer and the person sees why. */
export const syncMutationResults = pgTable(
  'sync_mutation_results',
  {
    clientId: text('client_id').notNull(),
    mutationId: bigint('mutation_id', { mode: 'number' }).notNull(),
    orgId: uuid('org_id').notNull(),
    /** The person whose session pushed it: the device's signed-in person (the host, in crew mode). */
    userId: uuid('user_id').notNull(),
    /**
     * The person who made the change (ADR 0033): a crew member the push checked, else `userId`.
     * Null on rows refused before migration 0023, which cannot be told apart afterwards (refusals
     * are not in the audit trail): read `coalesce(actor_id, user_id)`, the device's person for those.
     */
    actorId: uuid('actor_id'),
    name: text('name').notNull(),
    args: jsonb('args').notNull(),
    code: text('code').notNull(),
    reason: text('reason').notNull(),
    processedAt: timestamp('processed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.clientId, t.mutationId] }),
    index('sync_results_org_idx').on(t.orgId, t.processedAt),
  ],
);

/**
 * The change log. `version` comes from sync_org_versions inside the writing transaction, so
 * versions become visible in commit order; (version, id) is the pull cursor. An entry says which
 * row changed under which scope; a `put`'s row itself is in sync_change_rows, once per (version,
 * row) however many scopes see it (ADR 0045).
 */
export const syncChanges = pgTable(
  'sync_changes',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    orgId: uuid('org_id').notNull(),
    version: bigint('version', { mode: 'number' }).notNull(),
    scope: text('scope').notNull(),
    entity: text('entity').notNull(),
    entityId: text('entity_id').notNull(),
    op: text('op', { enum: ['put', 'del'] }).notNull(),
  },
  (t) => [
    index('sync_changes_scope_idx').on(t.orgId, t.scope, t.version, t.id),
    // A row's entries: the newest one per scope (deletes still visible, form answers' versions,
    // compaction), and whether any entry of a (version, row) is left (compaction, sync_change_rows).
    index('sync_changes_key_idx').on(t.orgId, t.entity, t.entityId, t.scope, t.version),
    // Compaction finds old tombstones through this; it holds only the `del` entries, so the puts
    // that make most of the log cost it nothing.
    index('sync_changes_tombstone_idx')
      .on(t.orgId, t.version, t.id)
      .where(sql`${t.op} = 'del'`),
  ],
);

/**
 * The state a `put` entry of sync_changes carries: the wire row as it was when `version`
 * committed, written once however many scopes' entries point at it. Compaction deletes it with
 * the last entry of its (version, row).
 */
export const syncChangeRows = pgTable(
  'sync_change_rows',
  {
    orgId: uuid('org_id').notNull(),
    version: bigint('version', { mode: 'number' }).notNull(),
    entity: text('entity').notNull(),
    entityId: text('entity_id').notNull(),
    row: jsonb('row').notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.version, t.entity, t.entityId] })],
);

/**
 * What time says about versions (ADR 0047): every version at or below `version` had committed by
 * `at`. Compaction writes a mark now and then, and keeps tombstones until a mark older than the
 * keep period covers them, so a device that synced within that period never has to reset.
 */
export const syncVersionMarks = pgTable(
  'sync_version_marks',
  {
    orgId: uuid('org_id').notNull(),
    version: bigint('version', { mode: 'number' }).notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.version] })],
);
