import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.ts';
import { createTestApp, sessionFor, testConfig, type Credentials, type TestApp } from '../test/test-app.ts';
import { createWebDist, type WebDist } from '../test/web-dist.ts';

let t: TestApp;
let web: WebDist;
let office: Credentials;

beforeAll(async () => {
  web = createWebDist();
  t = await createTestApp({ webDist: web.dir });
  office = await sessionFor(t.db, t.fixtures.orgA.users.office);
});
afterAll(async () => {
  await t.close();
  web.remove();
});

/** The CSP as a map of directive → sources. */
function csp(response: LightMyRequestResponse): Map<string, string> {
  const header = String(response.headers['content-security-policy'] ?? '');
  return new Map(
    header
      .split(';')
      .map((part) => part.trim())
      .filter(Boolean)
      .map((part) => {
        const [name = '', ...sources] = part.split(/\s+/);
        return [name, sources.join(' ')];
      }),
  );
}

function expectEdgeHeaders(response: LightMyRequestResponse): void {
  expect(response.headers['content-security-policy']).toBeDefined();
  expect(response.headers['x-content-type-options']).toBe('nosniff');
  expect(response.headers['referrer-policy']).toBe('no-referrer');
  expect(response.headers['cross-origin-opener-policy']).toBe('same-origin');
  expect(response.headers['x-frame-options']).toBe('DENY');
  expect(response.headers['permissions-policy']).toContain('camera=(self)');
  expect(response.headers['strict-transport-security']).toBeUndefined();
}

describe('security headers', () => {
  it('are on API answers, the PWA page, its assets, and error answers', async () => {
    const urls = ['/api/health', '/', '/jobs/123', web.script.url, '/sw.js', '/api/no-such-thing', '/api/auth/me'];
    for (const url of urls) expectEdgeHeaders(await t.app.inject({ method: 'GET', url }));
  });

  it('allow no inline script, no framing, and only this origin plus blob:/data: images', async () => {
    const policy = csp(await t.app.inject({ method: 'GET', url: '/' }));
    expect(policy.get('default-src')).toBe("'self'");
    expect(policy.get('script-src')).toBe("'self'");
    expect(policy.get('script-src-attr')).toBe("'none'");
    expect(policy.get('style-src')).toBe("'self'");
    expect(policy.get('img-src')).toBe("'self' blob: data:");
    expect(policy.get('worker-src')).toBe("'self' blob:");
    expect(policy.get('connect-src')).toBe("'self'");
    expect(policy.get('manifest-src')).toBe("'self'");
    expect(policy.get('frame-ancestors')).toBe("'none'");
    expect(policy.get('base-uri')).toBe("'none'");
    expect(policy.get('form-action')).toBe("'self'");
    expect(policy.get('object-src')).toBe("'none'");
    expect(policy.has('upgrade-insecure-requests')).toBe(false);
    expect([...policy.values()].join(' ')).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
  });

  it('allow the camera, location and clipboard to this origin only, and nothing else', async () => {
    const header = String((await t.app.inject({ method: 'GET', url: '/' })).headers['permissions-policy']);
    expect(header).toContain('geolocation=(self)');
    expect(header).toContain('microphone=()');
    expect(header).toContain('payment=()');
    expect(header).toContain('usb=()');
  });

  it('relax only inline styles, only for the API docs (swagger-ui injects <style>; it has no inline script)', async () => {
    for (const url of ['/api/docs/', '/api/docs/static/swagger-ui-bundle.js']) {
      const response = await t.app.inject({ method: 'GET', url });
      expect(response.statusCode, url).toBe(200);
      const policy = csp(response);
      expect(policy.get('style-src'), url).toBe("'self' 'unsafe-inline'");
      expect(policy.get('script-src'), url).toBe("'self'");
      expect(policy.get('frame-ancestors'), url).toBe("'none'");
    }
    const page = await t.app.inject({ method: 'GET', url: '/api/docs/' });
    expect(page.body).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
  });

  it('send HSTS (and upgrade-insecure-requests) only when the app is served over HTTPS', async () => {
    const secure = await buildApp({
      db: t.db,
      config: testConfig({ webDist: web.dir, cookieSecure: true }),
      listen: t.testDb.listen,
      logger: false,
    });
    try {
      for (const url of ['/api/health', '/']) {
        const response = await secure.inject({ method: 'GET', url });
        expect(response.headers['strict-transport-security']).toBe('max-age=31536000');
        expect(csp(response).has('upgrade-insecure-requests')).toBe(true);
      }
    } finally {
      await secure.close();
    }
  });
});

describe('caching of API answers', () => {
  it('is no-store for a signed-in person’s JSON, and for sign-in answers holding a CSRF token', async () => {
    const me = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: office });
    expect(me.statusCode).toBe(200);
    expect(me.headers['cache-control']).toBe('no-store');
    const jobs = await t.app.inject({ method: 'GET', url: '/api/jobs', headers: office });
    expect(jobs.statusCode).toBe(200);
    expect(jobs.headers['cache-control']).toBe('no-store');
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me' })).headers['cache-control']).toBe('no-store');
  });

  it('leaves the PWA’s own caching alone', async () => {
    expect((await t.app.inject({ method: 'GET', url: web.script.url })).headers['cache-control']).toBe(
      'public, max-age=31536000, immutable',
    );
    expect((await t.app.inject({ method: 'GET', url: '/' })).headers['cache-control']).toBe('no-cache');
  });
});
