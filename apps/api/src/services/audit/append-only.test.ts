import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../../db/schema/index.ts';
import { createOrganization } from '../../services/create-organization.ts';
import { wipeDatabase } from '../../seed/wipe.ts';
import { createTestDb, type TestDb } from '../../test/test-db.ts';

let testDb: TestDb;
let orgId: string;
beforeAll(async () => {
  testDb = await createTestDb();
  orgId = (await createOrganization(testDb.db, { name: 'Audited' })).id;
  await testDb.db.insert(auditEvents).values({ orgId, action: 'team.created', entity: 'team', entityId: 'x' });
});
afterAll(async () => testDb.cleanup());

const count = async () => (await testDb.db.select().from(auditEvents)).length;

/** The error PostgreSQL raised, from drizzle's wrapper (its `cause`) or the driver itself. */
async function refusal(run: () => Promise<unknown>): Promise<string> {
  try {
    await run();
  } catch (error) {
    const cause = (error as { cause?: unknown }).cause ?? error;
    return (cause as Error).message;
  }
  throw new Error('the statement was not refused');
}

describe('the audit trail is append-only', () => {
  it('refuses UPDATE, DELETE and TRUNCATE from the application’s own connection (PGlite, or PostgreSQL)', async () => {
    const before = await count();
    expect(await refusal(() => testDb.db.update(auditEvents).set({ action: 'forged' }))).toMatch(
      /append-only: UPDATE refused/,
    );
    expect(await refusal(() => testDb.db.delete(auditEvents))).toMatch(/append-only: DELETE refused/);
    expect(await refusal(() => testDb.db.execute(sql`truncate audit_events`))).toMatch(/append-only: TRUNCATE refused/);
    // Through the organization it belongs to, too.
    expect(await refusal(() => testDb.db.execute(sql`truncate organizations cascade`))).toMatch(/append-only/);
    expect(await count()).toBe(before);
    const rows = await testDb.db.select().from(auditEvents);
    expect(rows.every((r) => r.action !== 'forged')).toBe(true);
  });

  it('still takes new rows, numbered in insertion order', async () => {
    await testDb.db.insert(auditEvents).values({ orgId, action: 'team.renamed', entity: 'team', entityId: 'x' });
    const rows = await testDb.db.select().from(auditEvents).orderBy(auditEvents.seq);
    expect(rows.map((r) => r.action).slice(-2)).toEqual(['team.created', 'team.renamed']);
  });

  it('is emptied only by the demo reseed, which switches the trigger off for its own transaction', async () => {
    await wipeDatabase(testDb.db);
    expect(await count()).toBe(0);
    const again = (await createOrganization(testDb.db, { name: 'Again' })).id;
    await testDb.db.insert(auditEvents).values({ orgId: again, action: 'team.created' });
    expect(await refusal(() => testDb.db.delete(auditEvents))).toMatch(/append-only: DELETE refused/);
  });
});
