import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ENTITIES,
  ENTITY_NAMES,
  ERROR_CODES,
  HTTP_STATUS_BY_CODE,
  MUTATOR_NAMES,
  mutatorArgs,
  type ErrorCode,
} from '@lastmile/domain';
import { pullResponseSchema, pushRequestSchema } from '@lastmile/sync';
import { documentedCodes, openApiDocument, operationOf, type OpenApiDocument } from '../test/openapi-document.ts';
import { createTestApp, type TestApp } from '../test/test-app.ts';
import { MUTATION_ARGS_EXAMPLES, PULL_RESPONSE_EXAMPLE, PUSH_REQUEST_EXAMPLE } from './openapi-examples.ts';
import { ROUTES_WITH_OWN_CODES } from './openapi-errors.ts';
import { V1_EXAMPLES } from './openapi-v1-examples.ts';

/** /api/docs must be enough to write a client: every mutation, every row, every error. */
let t: TestApp;
let doc: OpenApiDocument;
beforeAll(async () => {
  t = await createTestApp();
  doc = await openApiDocument(t.app);
});
afterAll(async () => t.close());

const ALL_CODES = Object.values(ERROR_CODES) as ErrorCode[];

describe('the sync routes', () => {
  it('documents each mutation by name with its arguments and an example', () => {
    const body = operationOf(doc, 'POST', '/api/sync/push')?.requestBody?.content['application/json']?.schema;
    const variants = body?.properties?.['mutations']?.items?.oneOf ?? [];
    const byName = new Map(variants.map((v) => [v.properties?.['name']?.enum?.[0], v.properties?.['args']]));
    expect([...byName.keys()].sort()).toEqual([...MUTATOR_NAMES].sort());
    for (const name of MUTATOR_NAMES) {
      const args = byName.get(name);
      expect(Object.keys(args?.properties ?? {}), name).toEqual(Object.keys(mutatorArgs[name].shape));
      expect(args?.example, name).toEqual(MUTATION_ARGS_EXAMPLES[name]);
    }
  });

  it('documents each entity’s row under changes, and deletions', () => {
    const page = operationOf(doc, 'POST', '/api/sync/pull')?.responses['200']?.content?.['application/json']?.schema;
    const [puts, del] = page?.properties?.['changes']?.items?.oneOf ?? [];
    const rows = new Map((puts?.oneOf ?? []).map((v) => [v.properties?.['entity']?.enum?.[0], v.properties?.['row']]));
    for (const entity of ENTITY_NAMES) {
      expect(Object.keys(rows.get(entity)?.properties ?? {}), entity).toEqual(Object.keys(ENTITIES[entity].shape));
    }
    expect(del?.properties?.['op']?.enum).toEqual(['del']);
    expect(page?.example).toEqual(PULL_RESPONSE_EXAMPLE);
  });

  it('shows examples that the protocol and the contracts accept', () => {
    for (const name of MUTATOR_NAMES)
      expect(mutatorArgs[name].safeParse(MUTATION_ARGS_EXAMPLES[name]).success).toBe(true);
    expect(pushRequestSchema.safeParse(PUSH_REQUEST_EXAMPLE).success).toBe(true);
    expect(pullResponseSchema.parse(PULL_RESPONSE_EXAMPLE)).toEqual(PULL_RESPONSE_EXAMPLE);
    for (const change of PULL_RESPONSE_EXAMPLE.changes) {
      if (change.op === 'put') expect(ENTITIES[change.entity].safeParse(change.row).success).toBe(true);
    }
  });
});

describe('the REST API for other systems (/api/v1)', () => {
  const v1 = () =>
    Object.entries(doc.paths)
      .filter(([path]) => path.startsWith('/api/v1/'))
      .flatMap(([path, methods]) => Object.entries(methods ?? {}).map(([method, op]) => ({ path, method, op })));

  it('shows examples that their schemas accept', () => {
    for (const [schema, example] of V1_EXAMPLES) expect(schema.safeParse(example).success).toBe(true);
  });

  it('documents every route with the API key, and an example of each JSON body and answer', () => {
    expect(v1().length).toBeGreaterThanOrEqual(10);
    for (const { path, method, op } of v1()) {
      const route = `${method} ${path}`;
      expect((op as { security?: unknown }).security, route).toEqual([{ apiKey: [] }]);
      expect(documentedCodes(op, 429), route).toEqual(['rate_limited']);
      // An integrator's client waits as told: the header is in the document, not only on the wire.
      expect((op?.responses['429'] as { headers?: Record<string, unknown> }).headers, route).toHaveProperty(
        'Retry-After',
      );
      expect(documentedCodes(op, 403), route).toContain(method === 'get' ? 'forbidden' : 'insufficient_scope');
      if (path.startsWith('/api/v1/attachments/')) continue;
      const body = op?.requestBody?.content['application/json']?.schema;
      if (method !== 'get') expect(body?.example, route).toBeDefined();
      const answer = op?.responses[method === 'post' && path === '/api/v1/jobs' ? '201' : '200'];
      expect(answer?.content?.['application/json']?.schema.example, route).toBeDefined();
    }
  });

  it('documents the admin routes of the keys with examples', () => {
    expect(
      operationOf(doc, 'POST', '/api/admin/api-keys')?.requestBody?.content['application/json']?.schema.example,
    ).toBeDefined();
    expect(
      operationOf(doc, 'GET', '/api/admin/api-keys')?.responses['200']?.content?.['application/json']?.schema.example,
    ).toBeDefined();
  });
});

describe('error responses', () => {
  const operations = () =>
    Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods ?? {}).map(([method, operation]) => ({ route: `${method} ${path}`, operation })),
    );

  it('lists every error status of every route, each with the codes sent with exactly that status', () => {
    expect(operations().length).toBeGreaterThan(25);
    for (const { route, operation } of operations()) {
      const errors = Object.keys(operation?.responses ?? {}).filter((status) => Number(status) >= 400);
      expect(errors, route).toContain('500');
      for (const status of errors) {
        const codes = documentedCodes(operation, Number(status));
        // /api/ready's 503 is its own { status } body, for load balancers.
        if (route === 'get /api/ready' && status === '503') continue;
        expect(codes.length, `${route} ${status}`).toBeGreaterThan(0);
        for (const code of codes) {
          expect(HTTP_STATUS_BY_CODE[code as ErrorCode], `${route} ${status} ${String(code)}`).toBe(Number(status));
        }
      }
    }
  });

  it('documents the sign-in need of private routes and the protocol errors of push', () => {
    expect(documentedCodes(operationOf(doc, 'POST', '/api/customers'), 401)).toEqual(['unauthenticated']);
    expect(documentedCodes(operationOf(doc, 'POST', '/api/customers'), 415)).toEqual(['unsupported_media_type']);
    expect(documentedCodes(operationOf(doc, 'PATCH', '/api/customers/:id'), 414)).toEqual(['uri_too_long']);
    const push = operationOf(doc, 'POST', '/api/sync/push');
    expect(documentedCodes(push, 409)).toEqual(['mutation_gap', 'client_id_reused']);
    expect(documentedCodes(push, 426)).toEqual(['unsupported_schema_version']);
    expect(documentedCodes(operationOf(doc, 'GET', '/api/health'), 401)).toEqual([]);
  });

  it('names only routes that exist when it adds a route’s own codes', () => {
    for (const key of ROUTES_WITH_OWN_CODES) {
      const [method = '', url = ''] = key.split(' ');
      expect(operationOf(doc, method, url), key).toBeDefined();
    }
  });

  it('has every code and its status in docs/sync-protocol.md', () => {
    const text = readFileSync(new URL('../../../../docs/sync-protocol.md', import.meta.url), 'utf8');
    for (const code of ALL_CODES)
      expect(text, code).toMatch(new RegExp(`\\|\\s*${HTTP_STATUS_BY_CODE[code]}\\s*\\|\\s*\`${code}\``));
  });
});
