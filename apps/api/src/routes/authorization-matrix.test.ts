import { randomUUID } from 'node:crypto';
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCHEMA_VERSION } from '@lastmile/sync';
import {
  createTestApp,
  errorBody,
  sessionFor,
  TEST_PASSWORD,
  type Credentials,
  type Fixtures,
  type TestApp,
} from '../test/test-app.ts';

/**
 * Who may call what. One row per route; each row gives the status every kind of caller must get.
 * `otherOrg` is an admin of ANOTHER organization acting on organization A's data: the most
 * privileged outsider, so it proves tenant isolation. Adding a route = adding a row here.
 */
const CALLERS = ['technician', 'lead', 'office', 'admin', 'anonymous', 'otherOrg'] as const;
type Caller = (typeof CALLERS)[number];

type Row = {
  route: string;
  /** Built per call, so rows can point at fixture ids (users, jobs, … of organization A). */
  request: (f: Fixtures) => InjectOptions;
} & (
  | { expect: Record<Caller, number> }
  /** Only when some callers cannot be checked through inject(); say where they are covered. */
  | { expect: Partial<Record<Caller, number>>; partial: string }
);

const ANYONE_SIGNED_IN = { technician: 200, lead: 200, office: 200, admin: 200, anonymous: 401, otherOrg: 200 };

const MATRIX: Row[] = [
  {
    route: 'GET /api/health',
    request: () => ({ method: 'GET', url: '/api/health' }),
    expect: { technician: 200, lead: 200, office: 200, admin: 200, anonymous: 200, otherOrg: 200 },
  },
  {
    route: 'GET /api/ready',
    request: () => ({ method: 'GET', url: '/api/ready' }),
    expect: { technician: 200, lead: 200, office: 200, admin: 200, anonymous: 200, otherOrg: 200 },
  },
  {
    // Public: whoever is (or is not) signed in on this browser may sign in as someone.
    route: 'POST /api/auth/sign-in',
    request: (f) => ({
      method: 'POST',
      url: '/api/auth/sign-in',
      payload: { email: f.orgA.users.technician.email, password: TEST_PASSWORD },
    }),
    expect: { technician: 200, lead: 200, office: 200, admin: 200, anonymous: 200, otherOrg: 200 },
  },
  { route: 'GET /api/auth/me', request: () => ({ method: 'GET', url: '/api/auth/me' }), expect: ANYONE_SIGNED_IN },
  {
    route: 'POST /api/auth/sign-out',
    request: () => ({ method: 'POST', url: '/api/auth/sign-out' }),
    expect: { ...ANYONE_SIGNED_IN, technician: 204, lead: 204, office: 204, admin: 204, otherOrg: 204 },
  },
  {
    route: 'POST /api/admin/sessions/revoke-user/:userId',
    request: (f) => ({ method: 'POST', url: `/api/admin/sessions/revoke-user/${f.orgA.users.victim.id}` }),
    expect: { technician: 403, lead: 403, office: 403, admin: 200, anonymous: 401, otherOrg: 404 },
  },
  {
    route: 'POST /api/sync/pull',
    request: () => ({
      method: 'POST',
      url: '/api/sync/pull',
      payload: { schemaVersion: SCHEMA_VERSION, clientId: `matrix-${randomUUID()}`, cursor: null },
    }),
    expect: ANYONE_SIGNED_IN,
  },
  {
    route: 'GET /api/sync/refused',
    request: () => ({ method: 'GET', url: '/api/sync/refused' }),
    expect: { technician: 403, lead: 200, office: 200, admin: 200, anonymous: 401, otherOrg: 200 },
  },
  {
    // Only the route's authentication: what each role may mutate is the mutators' own tests' job.
    route: 'POST /api/sync/push',
    request: () => ({
      method: 'POST',
      url: '/api/sync/push',
      payload: { schemaVersion: SCHEMA_VERSION, clientId: `matrix-${randomUUID()}`, mutations: [] },
    }),
    expect: { technician: 400, lead: 400, office: 400, admin: 400, anonymous: 401, otherOrg: 400 },
  },
  {
    route: 'GET /api/sync/poke',
    request: () => ({ method: 'GET', url: '/api/sync/poke' }),
    expect: { anonymous: 401 },
    partial: 'a signed-in poke stream never ends under inject(); src/sync/processes.test.ts covers it over HTTP',
  },
];

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

/** A fresh session per call: some rows (sign-out) end the caller's session. */
async function credentialsFor(caller: Caller): Promise<Credentials | Record<string, never>> {
  if (caller === 'anonymous') return {};
  const user = caller === 'otherOrg' ? t.fixtures.orgB.users.admin : t.fixtures.orgA.users[caller];
  return sessionFor(t.db, user);
}

describe('authorization matrix', () => {
  const cases = MATRIX.flatMap((row) =>
    CALLERS.flatMap((caller) => {
      const status = row.expect[caller];
      return status === undefined ? [] : [{ route: row.route, request: row.request, caller, status }];
    }),
  );

  it.each(cases)('$route as $caller → $status', async ({ request, caller, status }) => {
    const options = request(t.fixtures);
    const response = await t.app.inject({
      ...options,
      headers: { ...(options.headers ?? {}), ...(await credentialsFor(caller)) },
    });
    expect(response.statusCode, response.body).toBe(status);
    if (status >= 400) expect(errorBody(response).code).toBeTruthy();
  });

  it('has a row for every API route the app registers', async () => {
    await t.app.ready();
    const registered = new Set<string>();
    for (const match of t.app.printRoutes({ commonPrefix: false }).matchAll(/(\/api\/\S+) \(([^)]+)\)/g)) {
      const [, path = '', methods = ''] = match;
      if (path === '/api/docs') continue;
      for (const method of methods.split(', ')) if (method !== 'HEAD') registered.add(`${method} ${path}`);
    }
    expect([...registered].sort()).toEqual(MATRIX.map((row) => row.route).sort());
  });

  it('checks every caller on every route, unless a row says why it cannot', () => {
    for (const row of MATRIX) {
      if (!('partial' in row)) expect(Object.keys(row.expect).sort(), row.route).toEqual([...CALLERS].sort());
    }
  });
});
