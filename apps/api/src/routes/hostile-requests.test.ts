import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contractViolations } from '../test/error-contract.ts';
import { openApiDocument, operationOf, type OpenApiDocument } from '../test/openapi-document.ts';
import { apiKeyFor } from '../test/api-keys.ts';
import { registeredRoutes, type RegisteredRoute } from '../test/route-list.ts';
import { createTestApp, errorBody, sessionFor, type Credentials, type TestApp } from '../test/test-app.ts';

/**
 * Walks every registered route with requests a broken or hostile client sends, signed out and
 * signed in, and holds the API to its error contract (docs/sync-protocol.md, "Status codes"):
 * never a 5xx, every error is `{ code, message, issues? }` sent with its code's status, and the
 * OpenAPI document lists that code under that status for the route.
 */
let t: TestApp;
let routes: RegisteredRoute[];
let doc: OpenApiDocument;
let apiKey: { authorization: string };
beforeAll(async () => {
  // A key's per-minute allowance would turn this walk into 429s: this test is about the contract.
  t = await createTestApp({ apiKeyRequestsPerMinute: 100_000 });
  apiKey = (await apiKeyFor(t.db, t.fixtures.orgA.users.admin, ['read', 'write'])).headers;
  routes = registeredRoutes(t.app);
  doc = await openApiDocument(t.app);
});
afterAll(async () => t.close());

type Hostile = { name: string; param: string; headers?: Record<string, string>; payload?: string; query?: string };

const JSON_TYPE = { 'content-type': 'application/json' };
const HUGE = JSON.stringify({ text: 'x'.repeat(9 * 1024 * 1024) }); // over every route's body limit (push: 8 MB)

/** What each route gets; path parameters (and `*`) are filled with `param`. */
const HOSTILE: Hostile[] = [
  { name: 'no body', param: 'x' },
  { name: 'path parameter over 100 characters', param: 'a'.repeat(101) },
  { name: 'malformed %-escape in the path', param: '%E0%A4%A' },
  { name: 'NUL in the path', param: '%00' },
  { name: 'empty JSON body', param: 'x', headers: JSON_TYPE, payload: '' },
  { name: 'invalid JSON', param: 'x', headers: JSON_TYPE, payload: '{"email": ' },
  { name: 'JSON null', param: 'x', headers: JSON_TYPE, payload: 'null' },
  { name: 'JSON array', param: 'x', headers: JSON_TYPE, payload: '[]' },
  { name: 'JSON string', param: 'x', headers: JSON_TYPE, payload: '"x"' },
  { name: 'empty object', param: 'x', headers: JSON_TYPE, payload: '{}' },
  { name: 'deeply nested JSON', param: 'x', headers: JSON_TYPE, payload: `${'['.repeat(50_000)}${']'.repeat(50_000)}` },
  {
    name: 'unstorable text',
    param: 'x',
    headers: JSON_TYPE,
    payload:
      '{"name":"\\u0000","title":"\\ud800","clientId":"\\u0000\\u0000\\u0000\\u0000\\u0000\\u0000\\u0000\\u0000"}',
  },
  { name: 'text/plain', param: 'x', headers: { 'content-type': 'text/plain' }, payload: 'hello' },
  { name: 'XML', param: 'x', headers: { 'content-type': 'application/xml' }, payload: '<a/>' },
  { name: 'form', param: 'x', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'a=1' },
  { name: 'multipart', param: 'x', headers: { 'content-type': 'multipart/form-data; boundary=x' }, payload: '--x--' },
  { name: 'content type without a type', param: 'x', headers: { 'content-type': ';;' }, payload: '{}' },
  { name: 'body over the limit', param: 'x', headers: JSON_TYPE, payload: HUGE },
  { name: 'hostile query', param: 'x', query: `?limit=-1&limit=2&q=%00&cursor=${'9'.repeat(5000)}&page=%E0%A4%A` },
  { name: 'garbage session cookie', param: 'x', headers: { cookie: 'lm_session=%00; lm_session=;;' } },
];

const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;

function fill(url: string, param: string): string {
  return url.replace(/:[A-Za-z]+/g, param).replace('*', param);
}

type Caller = {
  name: string;
  headers: () => Promise<Credentials | { authorization: string } | Record<string, never>>;
};

describe('every route, every hostile request', () => {
  // Fresh credentials per request: a request that happens to sign out must not change the next one's outcome.
  const callers: Caller[] = [
    { name: 'signed out', headers: async () => ({}) },
    { name: 'admin', headers: async () => sessionFor(t.db, t.fixtures.orgA.users.admin) },
    // The REST API for other systems (ADR 0031): its routes get as far as their validation.
    { name: 'API key', headers: async () => apiKey },
  ];

  async function attack(method: string, url: string, hostile: Hostile, caller: Caller): Promise<string[]> {
    // The poke stream never ends for a signed-in caller; signed out it is still checked.
    if (caller.name !== 'signed out' && url === '/api/sync/poke' && (method === 'GET' || method === 'HEAD')) return [];
    // Outside /api/v1 a key is no credential at all: the signed-out walk covers it.
    if (caller.name === 'API key' && !url.startsWith('/api/v1/')) return [];
    const target = fill(url, hostile.param) + (hostile.query ?? '');
    const options: InjectOptions = {
      method,
      url: target,
      headers: { ...(await caller.headers()), ...hostile.headers },
      ...(hostile.payload === undefined ? {} : { payload: hostile.payload }),
    };
    // A streamed answer cut off midway (a failed export) rejects here: as broken as a 500.
    const response = await t.app.inject(options).catch((error: unknown) => error as Error);
    if (response instanceof Error) return [`${caller.name} ${method} ${target.slice(0, 80)}: ${response.message}`];
    // Only a route's own method is in the document; the others are 404s of no route.
    const own = routes.some((r) => r.method === method && r.url === url) ? operationOf(doc, method, url) : undefined;
    return contractViolations(response, method, own).map(
      (v) => `${caller.name} ${method} ${target.slice(0, 80)} (${hostile.name}): ${v}`,
    );
  }

  it('lists the routes it walks', () => {
    expect(routes.length).toBeGreaterThan(40);
    expect(routes).toContainEqual({ method: 'POST', url: '/api/sync/push' });
  });

  it('answers each route’s own method with the error contract, never a 5xx', async () => {
    const broken: string[] = [];
    for (const route of routes) {
      for (const hostile of HOSTILE) {
        for (const caller of callers) broken.push(...(await attack(route.method, route.url, hostile, caller)));
      }
    }
    expect(broken).toEqual([]);
  });

  it('answers the methods a route does not have the same way', async () => {
    const broken: string[] = [];
    const urls = [...new Set(routes.map((r) => r.url))];
    for (const url of urls) {
      const taken = new Set(routes.filter((r) => r.url === url).map((r) => r.method));
      for (const method of METHODS.filter((m) => !taken.has(m))) {
        for (const caller of callers) broken.push(...(await attack(method, url, HOSTILE[9]!, caller)));
      }
    }
    expect(broken).toEqual([]);
  });

  it('answers addresses no route has the same way', async () => {
    const paths = [
      `/api/${'a'.repeat(5000)}`,
      '/api/%E0%A4%A',
      '/api/docs/static/..%2f..%2f..%2fetc%2fpasswd',
      '//api//health',
      '/api/health/../../etc/passwd',
      '/%',
      '/api/sync/push/extra',
    ];
    const broken: string[] = [];
    for (const url of paths) {
      for (const method of METHODS) {
        for (const caller of callers) broken.push(...(await attack(method, url, HOSTILE[9]!, caller)));
      }
    }
    expect(broken).toEqual([]);
  });

  it('answers unstorable text in each query parameter a route documents the same way', async () => {
    // The walk's hostile query names parameters no route reads; these reach the routes' queries
    // (a NUL in `search` once reached PostgreSQL: fast-querystring's object escaped the hook).
    const values = ['%00', 'a%00b', '%ED%A0%80', '%F0%9F', `${'%00'.repeat(300)}`];
    const broken: string[] = [];
    let parameters = 0;
    for (const route of routes) {
      const documented = operationOf(doc, route.method, route.url);
      for (const { name } of (documented?.parameters ?? []).filter((p) => p.in === 'query')) {
        parameters++;
        for (const value of values) {
          const hostile: Hostile = { name: `${name}=${value.slice(0, 12)}`, param: 'x', query: `?${name}=${value}` };
          for (const caller of callers.slice(1))
            broken.push(...(await attack(route.method, route.url, hostile, caller)));
        }
      }
    }
    expect(parameters).toBeGreaterThan(20);
    expect(broken).toEqual([]);
  });

  it('refuses a number in a query string that is not plain digits, naming the parameter', async () => {
    // Number() read `limit=0x10` as 16, `1e1` as 10 and ` 10` or `+10` as 10 (found by an outsider tester).
    const values = ['0x10', '1e1', '%2010', '%2B10', '10.0', '', '1_0'];
    const admin = await sessionFor(t.db, t.fixtures.orgA.users.admin);
    const broken: string[] = [];
    let parameters = 0;
    for (const route of routes.filter((r) => r.method === 'GET')) {
      const documented = operationOf(doc, route.method, route.url);
      const numeric = (documented?.parameters ?? []).filter((p) => p.in === 'query' && p.schema?.type === 'integer');
      for (const { name } of numeric) {
        parameters++;
        for (const value of values) {
          const url = `${fill(route.url, crypto.randomUUID())}?${name}=${value}`;
          const headers = route.url.startsWith('/api/v1/') ? apiKey : admin;
          const response = await t.app.inject({ method: 'GET', url, headers });
          // Among the issues: a route may also name a required parameter this request leaves out.
          const issues = response.statusCode === 400 ? (errorBody(response).issues ?? []) : [];
          if (!issues.some((i) => i.path === name && i.message.startsWith('must be a whole number in plain digits')))
            broken.push(`${url}: ${response.statusCode} ${response.body.slice(0, 120)}`);
        }
      }
    }
    expect(parameters).toBeGreaterThan(8);
    expect(broken).toEqual([]);
  });

  it('keeps the framework’s specific statuses, in the contract’s words', async () => {
    const headers = await sessionFor(t.db, t.fixtures.orgA.users.admin);
    const long = await t.app.inject({
      method: 'POST',
      url: `/api/admin/sessions/revoke-user/${'a'.repeat(101)}`,
      headers,
    });
    expect([long.statusCode, long.json()]).toEqual([414, { code: 'uri_too_long', message: expect.any(String) }]);
    const xml = await t.app.inject({
      method: 'POST',
      url: '/api/sync/push',
      headers: { ...headers, 'content-type': 'application/xml' },
      payload: '<a/>',
    });
    expect([xml.statusCode, xml.json()]).toEqual([
      415,
      { code: 'unsupported_media_type', message: expect.any(String) },
    ]);
    const escape = await t.app.inject({ method: 'GET', url: '/api/form-templates/%E0%A4%A', headers });
    expect([escape.statusCode, escape.json<{ code: string }>().code]).toEqual([400, 'validation']);
  });
});
