import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registeredRoutes } from '../test/route-list.ts';
import { createTestApp, type TestApp } from '../test/test-app.ts';
import { entityOfRoute, NOT_AUDITED_ROUTES } from './audit-writes.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

describe('the REST audit hook', () => {
  it('leaves out only routes that exist and write, each with a reason; every other write has an entity', () => {
    const writes = registeredRoutes(t.app).filter((r) => WRITES.has(r.method) && r.url.startsWith('/api/'));
    const urls = new Set(writes.map((r) => r.url));
    for (const [url, reason] of Object.entries(NOT_AUDITED_ROUTES)) {
      expect(urls.has(url), `${url} is excluded from the audit but is not a write route`).toBe(true);
      expect(reason.length).toBeGreaterThan(5);
    }
    for (const { url } of writes.filter((r) => !(r.url in NOT_AUDITED_ROUTES))) {
      expect(entityOfRoute(url), url).toMatch(/^[a-z][a-z-]*$/);
    }
  });

  it('names the entity of a route by its first path segment', () => {
    expect(entityOfRoute('/api/customers/:id')).toBe('customers');
    expect(entityOfRoute('/api/admin/users/:id/deactivate')).toBe('users');
    expect(entityOfRoute('/api/form-templates/:id/publish')).toBe('form-templates');
  });
});
