import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { errorBodySchema, type ErrorBody, type Role } from '@lastmile/domain';
import { writeInOrg } from '@lastmile/sync/server';
import { buildApp } from '../app.ts';
import { hashPassword } from '../auth/password.ts';
import { createSession } from '../auth/sessions.ts';
import type { Db } from '../db/client.ts';
import type { Config } from '../env.ts';
import { SESSION_COOKIE } from '../plugins/auth.ts';
import { createOrganization } from '../services/create-organization.ts';
import { createTeam } from '../services/create-team.ts';
import { createUser } from '../services/create-user.ts';
import { createTestDb, type TestDb } from './test-db.ts';

export const TEST_PASSWORD = 'test-password-1';

/**
 * A fresh folder path under the system's temporary folder for uploads and attachments. Nothing is
 * created here: the stores create it on first write, and `createTestApp` removes it on close.
 */
function scratchFolders(root = join(tmpdir(), `lastmile-test-${randomUUID()}`)) {
  return {
    uploadDir: join(root, 'uploads'),
    attachments: { store: 'directory' as const, dir: join(root, 'attachments') },
    mail: { smtpUrl: undefined, dir: join(root, 'mail'), from: 'Lastmile <no-reply@lastmile.invalid>' },
  };
}

export function testConfig(overrides: Partial<Config> = {}): Config {
  return {
    port: 0,
    host: '127.0.0.1',
    databaseUrl: undefined,
    dataDir: '/nonexistent',
    logLevel: 'silent',
    cookieSecure: false,
    sessionTtlDays: 30,
    remindersEveryMinutes: 0,
    compactionEveryMinutes: 0,
    compactionKeepDays: 30,
    officeWindowEveryMinutes: 0,
    apiKeyRequestsPerMinute: 600,
    trustProxy: false,
    webDist: '/nonexistent/web-dist',
    webhooks: { privateTargets: 'allow', timeoutMs: 5000, retryLimit: 2, retryDelaySeconds: 0 },
    ...scratchFolders(),
    ...overrides,
  };
}

type FixtureUser = { id: string; email: string; orgId: string };

/** Organization A with one person per role (plus a `victim` for admin actions), organization B with an admin. */
export type Fixtures = {
  orgA: { id: string; teamId: string; users: Record<Role | 'victim', FixtureUser> };
  orgB: { id: string; users: { admin: FixtureUser } };
};

export async function createFixtures(db: Db, prefix = 'fx'): Promise<Fixtures> {
  const passwordHash = await hashPassword(TEST_PASSWORD);
  const orgA = await writeInOrg(db, crypto.randomUUID(), async (tx, recorder) => {
    const org = await createOrganization(tx, { name: 'Org A' });
    const team = await createTeam(tx, recorder, { orgId: org.id, name: 'Team A' });
    const make = async (key: string, role: Role, teamId: string | null) => {
      const user = await createUser(tx, recorder, {
        orgId: org.id,
        teamId,
        name: key,
        email: `${prefix}-${key}@a.test`,
        role,
        passwordHash,
      });
      return { id: user.id, email: user.email, orgId: org.id };
    };
    return {
      id: org.id,
      teamId: team.id,
      users: {
        technician: await make('technician', 'technician', team.id),
        lead: await make('lead', 'lead', team.id),
        office: await make('office', 'office', null),
        admin: await make('admin', 'admin', null),
        victim: await make('victim', 'technician', team.id),
      },
    };
  });
  const orgB = await writeInOrg(db, crypto.randomUUID(), async (tx, recorder) => {
    const org = await createOrganization(tx, { name: 'Org B' });
    const admin = await createUser(tx, recorder, {
      orgId: org.id,
      teamId: null,
      name: 'B admin',
      email: `${prefix}-admin@b.test`,
      role: 'admin',
      passwordHash,
    });
    return { id: org.id, users: { admin: { id: admin.id, email: admin.email, orgId: org.id } } };
  });
  return { orgA, orgB };
}

/** Headers of a signed-in caller: the session cookie and the matching CSRF token. */
export type Credentials = { cookie: string; 'x-csrf-token': string };

export async function sessionFor(db: Db, user: FixtureUser): Promise<Credentials> {
  const session = await createSession(db, { userId: user.id, orgId: user.orgId, ttlDays: 1, userAgent: 'vitest' });
  return { cookie: `${SESSION_COOKIE}=${session.token}`, 'x-csrf-token': session.csrfToken };
}

export type TestApp = {
  app: FastifyInstance;
  /** The configuration the app was built with, e.g. to open its attachment store. */
  config: Config;
  testDb: TestDb;
  db: Db;
  fixtures: Fixtures;
  close(): Promise<void>;
};

/** One app over one test database with fixtures: create it in beforeAll, close it in afterAll. */
export async function createTestApp(config: Partial<Config> = {}): Promise<TestApp> {
  const testDb = await createTestDb();
  const fixtures = await createFixtures(testDb.db);
  const scratch = join(tmpdir(), `lastmile-test-${randomUUID()}`);
  const appConfig = testConfig({ ...scratchFolders(scratch), ...config });
  const app = await buildApp({ db: testDb.db, config: appConfig, listen: testDb.listen, logger: false });
  return {
    app,
    config: appConfig,
    testDb,
    db: testDb.db,
    fixtures,
    close: async () => {
      await app.close();
      await testDb.cleanup();
      await rm(scratch, { recursive: true, force: true });
    },
  };
}

/** The `{ code, message, issues? }` body of an error response, checked against the wire schema. */
export function errorBody(response: LightMyRequestResponse): ErrorBody {
  return errorBodySchema.parse(response.json());
}
