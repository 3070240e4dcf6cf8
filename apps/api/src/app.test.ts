import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from './app.ts';
import { createTestDb, type TestDb } from './test/test-db.ts';
import { errorBody, testConfig } from './test/test-app.ts';
import type { FastifyInstance } from 'fastify';

type MediaSchema = {
  content: Record<string, { schema: { required?: string[]; properties?: Record<string, unknown> } } | undefined>;
};
type OpenApiDocument = {
  openapi: string;
  paths: Record<
    string,
    | Record<string, { requestBody?: MediaSchema; responses: Record<string, MediaSchema | undefined> } | undefined>
    | undefined
  >;
};

let testDb: TestDb;
let app: FastifyInstance;
const webDist = mkdtempSync(join(tmpdir(), 'lm-web-'));

beforeAll(async () => {
  writeFileSync(join(webDist, 'index.html'), '<!doctype html><title>Lastmile</title>');
  writeFileSync(join(webDist, 'sw.js'), 'self.addEventListener("fetch", () => {});');
  mkdirSync(join(webDist, 'assets'));
  writeFileSync(join(webDist, 'assets', 'index-abc123.js'), 'console.log(1)');
  testDb = await createTestDb();
  app = await buildApp({ db: testDb.db, config: testConfig({ webDist }), listen: testDb.listen, logger: false });
  // A route with a bug, to see what a 500 looks like from outside.
  app.get('/api/test/boom', { config: { public: true } }, async () => {
    throw new Error('secret database detail');
  });
});
afterAll(async () => {
  await app.close();
  await testDb.cleanup();
});

describe('errors', () => {
  it('answers malformed JSON with 400, not 500', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      headers: { 'content-type': 'application/json' },
      payload: '{"email": ',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual({
      code: 'validation',
      message: 'The request body is not valid JSON, or holds a "__proto__" or "constructor" key.',
    });
  });

  it('answers an unsupported content type with 415 and a body too large with 413', async () => {
    const text = await app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      headers: { 'content-type': 'application/xml' },
      payload: '<a/>',
    });
    expect(text.statusCode).toBe(415);
    expect(errorBody(text).code).toBe('unsupported_media_type');
    const huge = await app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ email: 'a@b.test', password: 'x'.repeat(2 * 1024 * 1024) }),
    });
    expect(huge.statusCode).toBe(413);
    expect(errorBody(huge).code).toBe('payload_too_large');
  });

  it('hides the details of unexpected errors', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/test/boom' });
    expect(response.statusCode).toBe(500);
    expect(response.json()).toEqual({ code: 'internal', message: 'Internal error' });
  });

  it('answers unknown API routes with a JSON 404, even without a session', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/no-such-thing' });
    expect(response.statusCode).toBe(404);
    expect(errorBody(response).code).toBe('not_found');
  });

  it('tags every response with a request id, keeping a well-formed incoming one', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/health', headers: { 'x-request-id': 'proxy-123' } });
    expect(response.headers['x-request-id']).toBe('proxy-123');
  });
});

describe('health', () => {
  it('reports liveness and database readiness', async () => {
    expect((await app.inject({ method: 'GET', url: '/api/health' })).json()).toEqual({ status: 'ok' });
    expect((await app.inject({ method: 'GET', url: '/api/ready' })).json()).toEqual({ status: 'ready' });
  });
});

describe('OpenAPI', () => {
  it('documents the routes from their zod schemas', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(response.statusCode).toBe(200);
    const doc = response.json<OpenApiDocument>();
    expect(doc.openapi).toMatch(/^3\./);
    const signIn = doc.paths['/api/auth/sign-in']?.['post'];
    expect(signIn?.requestBody?.content['application/json']?.schema.required).toEqual(['email', 'password']);
    expect(signIn?.responses['200']?.content['application/json']?.schema.properties).toHaveProperty('csrfToken');
    expect(doc.paths).toHaveProperty(['/api/admin/sessions/revoke-user/{userId}']);
  });

  it('serves swagger-ui', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/docs/' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/text\/html/);
  });
});

describe('the PWA', () => {
  it('serves index.html for client-side routes, never cached', async () => {
    const response = await app.inject({ method: 'GET', url: '/jobs/123' });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('<title>Lastmile</title>');
    expect(response.headers['cache-control']).toBe('no-cache');
  });

  it('keeps the service worker revalidated and hashed assets cached for good', async () => {
    expect((await app.inject({ method: 'GET', url: '/sw.js' })).headers['cache-control']).toBe('no-cache');
    const asset = await app.inject({ method: 'GET', url: '/assets/index-abc123.js' });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['cache-control']).toContain('immutable');
  });

  it('runs the API alone when the web app is not built', async () => {
    const apiOnly = await buildApp({ db: testDb.db, config: testConfig(), listen: testDb.listen, logger: false });
    try {
      const response = await apiOnly.inject({ method: 'GET', url: '/' });
      expect(response.statusCode).toBe(404);
      expect((await apiOnly.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
    } finally {
      await apiOnly.close();
    }
  });
});
