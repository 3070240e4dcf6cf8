import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { newId } from '@lastmile/domain';
import { queryRows } from '@lastmile/sync/server';
import { buildWorld } from '../sync/test-world.ts';
import { createEmptyTestDb } from '../test/test-db.ts';
import type { Database } from './client.ts';
import { MIGRATIONS_FOLDER, migrateDatabase } from './migrate.ts';

/**
 * Migration 0022 (ADR 0033) gives each photo the device that recorded it. Photos already waiting
 * for their bytes learn it from the audit trail, so a crew member's photo stuck since they left the
 * phone can go up through that phone after the upgrade.
 */
let database: Database;
let cleanup: () => Promise<void>;
let olderSet: string;

beforeAll(async () => {
  ({ database, cleanup } = await createEmptyTestDb());
  olderSet = mkdtempSync(join(tmpdir(), 'lm-migrations-'));
  cpSync(MIGRATIONS_FOLDER, olderSet, { recursive: true });
  const journalPath = join(olderSet, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: { tag: string }[] };
  const cut = journal.entries.findIndex((e) => e.tag === '0022_attachments_client_id');
  expect(cut).toBeGreaterThan(0);
  writeFileSync(journalPath, JSON.stringify({ ...journal, entries: journal.entries.slice(0, cut) }));
});

afterAll(async () => {
  await cleanup();
  rmSync(olderSet, { recursive: true, force: true });
});

it('fills in the recording device of photos still waiting for their bytes', async () => {
  await migrateDatabase(database, olderSet);
  const { db } = database;
  const world = await buildWorld(db, { jobCount: 1 });
  const [pending, available, unaudited] = [newId(), newId(), newId()];
  const photo = (id: string, state: string) =>
    sql`(${id}::uuid, ${world.orgId}::uuid, 'job', ${world.jobIds[0]!}::uuid, 'image/jpeg', 10, ${'a'.repeat(64)}, 1, 1,
         ${world.actors.lead.userId}::uuid, now(), ${state})`;
  await db.execute(sql`insert into attachments (id, org_id, kind, job_id, content_type, size, sha256, width, height,
      captured_by, captured_at, state)
    values ${photo(pending, 'pending')}, ${photo(available, 'available')}, ${photo(unaudited, 'pending')}`);
  const added = (id: string) =>
    sql`(${world.orgId}::uuid, ${world.actors.lead.userId}::uuid, 'sync', 'phone-1', 'addAttachment', 'attachments', ${id})`;
  await db.execute(sql`insert into audit_events (org_id, user_id, source, client_id, action, entity, entity_id)
    values ${added(pending)}, ${added(available)},
      (${world.orgId}::uuid, ${world.actors.lead.userId}::uuid, 'sync', 'phone-2', 'setAttachmentCaption', 'attachments', ${unaudited})`);

  await migrateDatabase(database);

  const rows = await queryRows<{ id: string; client_id: string | null }>(
    db,
    sql`select id, client_id from attachments where id in (${pending}, ${available}, ${unaudited})`,
  );
  expect(Object.fromEntries(rows.map((r) => [r.id, r.client_id]))).toEqual({
    [pending]: 'phone-1',
    // Verified bytes need no uploader; a photo its push did not record keeps none.
    [available]: null,
    [unaudited]: null,
  });
});
