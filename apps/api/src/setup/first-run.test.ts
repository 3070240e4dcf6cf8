import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyPassword } from '../auth/password.ts';
import { organizations, users } from '../db/schema/index.ts';
import { seedDemo } from '../seed/demo.ts';
import { createTestDb, type TestDb } from '../test/test-db.ts';
import { setUpFirstOrganization } from './first-run.ts';

let testDb: TestDb;
beforeAll(async () => {
  testDb = await createTestDb();
});
afterAll(async () => testDb.cleanup());

const input = {
  orgName: 'Northwind Heating',
  adminName: 'Mara Lind',
  adminEmail: 'Mara@Northwind.example',
  password: 'a long enough password',
};

describe('first run without the demo', () => {
  it('refuses a short password before touching the database', async () => {
    await expect(setUpFirstOrganization(testDb.db, { ...input, password: 'short' })).rejects.toThrow(
      /at least 12 characters/,
    );
    expect(await testDb.db.select().from(organizations)).toHaveLength(0);
  });

  it('creates the organization and its admin on an empty database; the demo seed then stays away', async () => {
    const created = await setUpFirstOrganization(testDb.db, input);
    const [admin] = await testDb.db.select().from(users).where(eq(users.id, created.adminId));
    expect(admin).toMatchObject({ orgId: created.orgId, email: 'mara@northwind.example', role: 'admin', active: true });
    expect(await verifyPassword(input.password, admin?.passwordHash ?? '')).toBe(true);
    expect((await seedDemo(testDb.db)).seeded).toBe(false);
    expect(await testDb.db.select().from(organizations)).toHaveLength(1);
  });

  it('never runs twice: an existing organization cannot gain an admin this way', async () => {
    await expect(setUpFirstOrganization(testDb.db, { ...input, adminEmail: 'intruder@example.com' })).rejects.toThrow(
      /already has an organization/,
    );
  });
});
