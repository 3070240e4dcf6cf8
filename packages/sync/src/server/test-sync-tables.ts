import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { sql } from 'drizzle-orm';
import type { AnyDb } from './db-types.ts';

/** Tests only: a bare in-memory PGlite holding the engine's tables (`createSyncTables`). */
export async function openSyncTestDb(): Promise<{ db: AnyDb; close: () => Promise<void> }> {
  const client = await PGlite.create();
  const db = drizzle({ client });
  await createSyncTables(db);
  return { db, close: () => client.close() };
}

/**
 * Tests only: the engine's own tables as the migrations create them (apps/api's schema), for
 * tests of this package on a bare PGlite without the app's migrations.
 */
export async function createSyncTables(db: AnyDb): Promise<void> {
  await db.execute(
    sql`create table sync_org_versions (org_id uuid primary key, version bigint not null default 0, min_version bigint not null default 0)`,
  );
  await db.execute(sql`create table sync_clients (client_id text primary key, org_id uuid not null, user_id uuid not null, last_mutation_id bigint not null default 0, served_version bigint not null default 0,
    created_at timestamptz not null default now(), last_seen_at timestamptz not null default now())`);
  await db.execute(sql`create table sync_mutation_results (client_id text not null, mutation_id bigint not null, org_id uuid not null, user_id uuid not null, actor_id uuid,
    name text not null, args jsonb not null, code text not null, reason text not null, processed_at timestamptz not null default now(), primary key (client_id, mutation_id))`);
  await db.execute(sql`create table sync_changes (id bigserial primary key, org_id uuid not null, version bigint not null, scope text not null, entity text not null,
    entity_id text not null, op text not null)`);
  await db.execute(sql`create table sync_change_rows (org_id uuid not null, version bigint not null, entity text not null, entity_id text not null,
    row jsonb not null, primary key (org_id, version, entity, entity_id))`);
}
