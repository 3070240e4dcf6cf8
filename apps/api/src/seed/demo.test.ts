import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { and, count, eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { indexDefinition, jobRowSchema, templateDefinitionSchema } from '@lastmile/domain';
import { queryRows } from '@lastmile/sync/server';
import { verifyPassword } from '../auth/password.ts';
import { createDirectoryStore } from '../attachments/storage/directory-store.ts';
import { attachments, formTemplateVersions, jobTypes, jobs, syncChanges, users } from '../db/schema/index.ts';
import { listTemplates } from '../services/form-templates.ts';
import { toJobRow } from '../services/rows.ts';
import { createTestDb, type TestDb } from '../test/test-db.ts';
import {
  DEMO_CUSTOMER_COUNT,
  DEMO_JOB_COUNT,
  DEMO_PASSWORD,
  DEMO_SIGN_INS,
  seedDemo,
  type SeedResult,
} from './demo.ts';
import { seedDemoPhotos } from './demo-photos.ts';
import { wipeDatabase } from './wipe.ts';

const NOW = new Date('2026-05-13T10:00:00Z');
const DAY_MS = 24 * 60 * 60 * 1000;

let testDb: TestDb;
let first: SeedResult;
beforeAll(async () => {
  testDb = await createTestDb();
  first = await seedDemo(testDb.db, { now: NOW });
});
afterAll(async () => {
  await testDb.cleanup();
});

describe('demo seed', () => {
  it('shows every seeded template as published with no unpublished changes (jsonb key order does not count)', async () => {
    const templates = await listTemplates(testDb.db, await orgId());
    expect(templates.length).toBeGreaterThanOrEqual(3);
    for (const t of templates) expect(t, t.name).toMatchObject({ latestVersion: 1, hasDraftChanges: false });
  });

  it('creates one organization with its teams, people, customers, sites, job types and jobs', () => {
    expect(first.seeded).toBe(true);
    expect(first.counts).toEqual({
      organizations: 1,
      teams: 2,
      users: 10,
      customers: DEMO_CUSTOMER_COUNT,
      sites: DEMO_CUSTOMER_COUNT,
      jobTypes: 3,
      jobs: DEMO_JOB_COUNT,
    });
  });

  it('adds nothing when run again', async () => {
    const again = await seedDemo(testDb.db, { now: NOW });
    expect(again).toEqual({ seeded: false, counts: first.counts });
  });

  it('lets every demo sign-in use the demo password', async () => {
    const rows = await testDb.db.select().from(users);
    expect(rows.map((u) => u.email).sort()).toEqual(DEMO_SIGN_INS.map((s) => s.email).sort());
    const admin = rows.find((u) => u.role === 'admin');
    expect(admin && (await verifyPassword(DEMO_PASSWORD, admin.passwordHash))).toBe(true);
  });

  it('spreads valid jobs over the past and next week: the past mostly done, today mixed, some unassigned', async () => {
    const rows = (await testDb.db.select().from(jobs)).map(toJobRow);
    for (const row of rows) jobRowSchema.parse(row);
    const offset = (row: { scheduledStart: string }) =>
      Math.floor((Date.parse(row.scheduledStart) - Date.UTC(2026, 4, 13)) / DAY_MS);
    expect(Math.min(...rows.map(offset))).toBe(-7);
    expect(Math.max(...rows.map(offset))).toBe(7);
    const past = rows.filter((r) => offset(r) < 0);
    const done = past.filter((r) => ['completed', 'submitted', 'approved'].includes(r.status));
    expect(done.length / past.length).toBeGreaterThan(0.8);
    const today = new Set(rows.filter((r) => offset(r) === 0).map((r) => r.status));
    expect(today.size).toBeGreaterThanOrEqual(3);
    expect(rows.some((r) => r.assigneeId === null)).toBe(true);
    expect(new Set(rows.map((r) => r.number)).size).toBe(DEMO_JOB_COUNT);
    expect(rows.map((r) => r.number)).toContain('J-00200');
  });

  it('records every row in the sync change log, so clients receive the demo data', async () => {
    const orgScope = `org:${await orgId()}`;
    const [jobChanges] = await testDb.db
      .select({ n: count() })
      .from(syncChanges)
      .where(and(eq(syncChanges.entity, 'jobs'), eq(syncChanges.scope, orgScope)));
    expect(jobChanges?.n).toBe(DEMO_JOB_COUNT);
    const [refChanges] = await testDb.db
      .select({ n: count() })
      .from(syncChanges)
      .where(inArray(syncChanges.entity, ['teams', 'jobTypes']));
    // Each once: a job type is put twice in the seed's transaction (created, then given its form),
    // and a push or transaction logs only the last change per row and scope (ADR 0035).
    expect(refChanges?.n).toBe(2 + 3);
    // Each of the 10 people three times: for the office, for themselves, and for their team's
    // devices: 8 field people under their team's `people:`, the admin and the office under `ref:` (ADR 0051).
    const people = await queryRows<{ scope: string; n: number }>(
      testDb.db,
      sql`select split_part(scope, ':', 1) as scope, count(*)::int as n from sync_changes
          where entity = 'users' group by 1 order by 1`,
    );
    expect(people).toEqual([
      { scope: 'org', n: 10 },
      { scope: 'people', n: 8 },
      { scope: 'ref', n: 2 },
      { scope: 'user', n: 10 },
    ]);
    // Every customer and site for the office; each also for the people and teams whose jobs need it.
    const [officeRefs] = await testDb.db
      .select({ n: count() })
      .from(syncChanges)
      .where(and(inArray(syncChanges.entity, ['customers', 'sites']), eq(syncChanges.scope, orgScope)));
    expect(officeRefs?.n).toBe(2 * DEMO_CUSTOMER_COUNT);
    const missing = await queryRows<{ n: number }>(
      testDb.db,
      sql`select count(*)::int as n from jobs j
          where j.assignee_id is not null and not exists (
            select 1 from sync_changes c where c.entity = 'sites' and c.entity_id = j.site_id::text
              and c.scope = 'user:' || j.assignee_id and c.op = 'put')`,
    );
    expect(missing[0]?.n).toBe(0);
    const [versionChanges] = await testDb.db
      .select({ n: count() })
      .from(syncChanges)
      .where(eq(syncChanges.entity, 'formVersions'));
    expect(versionChanges?.n).toBe(3);
  });

  it('puts a few verified photos on finished jobs, their bytes in the store, so a new user sees photos at once', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lm-demo-photos-'));
    try {
      const blobs = createDirectoryStore(dir);
      const made = await seedDemoPhotos(testDb.db, blobs, { now: NOW });
      expect(made).toBeGreaterThanOrEqual(8);
      const rows = await testDb.db
        .select({ photo: attachments, status: jobs.status })
        .from(attachments)
        .innerJoin(jobs, eq(jobs.id, attachments.jobId));
      expect(rows).toHaveLength(made);
      for (const { photo, status } of rows) {
        expect(['completed', 'submitted', 'approved']).toContain(status);
        expect(photo.state).toBe('available');
        const stored = await blobs.get(photo.storageKey!);
        const bytes = Buffer.concat(await stored!.body.toArray());
        expect(createHash('sha256').update(bytes).digest('hex')).toBe(photo.sha256);
        expect(bytes.length).toBe(photo.size);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('gives every demo job type a published form whose key fields exist', async () => {
    const types = await testDb.db.select().from(jobTypes);
    expect(types).toHaveLength(3);
    for (const type of types) {
      expect(type.templateId).not.toBeNull();
      const [version] = await testDb.db
        .select()
        .from(formTemplateVersions)
        .where(eq(formTemplateVersions.templateId, type.templateId ?? ''));
      const keys = new Set(
        indexDefinition(templateDefinitionSchema.parse(version?.definition)).fields.map((f) => f.key),
      );
      for (const key of [...type.keyFields, ...type.requiredFields])
        expect(keys.has(key), `${type.name}: ${key}`).toBe(true);
    }
  });

  it('is deterministic: a reseed with the same clock gives the same data', async () => {
    const before = await testDb.db.select().from(jobs).orderBy(jobs.number);
    await wipeDatabase(testDb.db);
    expect((await seedDemo(testDb.db, { now: NOW })).seeded).toBe(true);
    const after = await testDb.db.select().from(jobs).orderBy(jobs.number);
    expect(after.map(toJobRow)).toEqual(before.map(toJobRow));
  });
});

async function orgId(): Promise<string> {
  const [row] = await testDb.db.select({ orgId: users.orgId }).from(users).limit(1);
  if (!row) throw new Error('no users');
  return row.orgId;
}
