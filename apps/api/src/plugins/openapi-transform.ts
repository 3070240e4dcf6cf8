import type { FastifySchema, RouteOptions } from 'fastify';
import { errorBodySchema, type ErrorCode } from '@lastmile/domain';
import { z } from 'zod';
import { WHEN_SENT, codesByStatus, errorCodesFor } from './openapi-errors.ts';
import { DOCUMENTED_SCHEMAS } from './openapi-sync.ts';

type JsonSchema = Record<string, unknown>;

function toJsonSchema(schema: unknown, io: 'input' | 'output'): unknown {
  if (!(schema instanceof z.ZodType)) return schema;
  const documented = DOCUMENTED_SCHEMAS.get(schema) ?? schema;
  const { $schema: _drop, ...json } = z.toJSONSchema(documented, {
    target: 'openapi-3.0',
    io,
    unrepresentable: 'any',
  }) as JsonSchema;
  return json;
}

/** The error body a status is sent with on this route: its code limited to the ones that apply, each explained. */
function errorResponse(codes: ErrorCode[]): JsonSchema {
  const schema = toJsonSchema(errorBodySchema.extend({ code: z.enum(codes) }), 'output') as JsonSchema;
  return { ...schema, description: codes.map((code) => `\`${code}\`: ${WHEN_SENT[code]}.`).join(' ') };
}

/** Sent with every 429 (plugins/error-handler.ts). */
const RETRY_AFTER = {
  'Retry-After': { description: 'Seconds to wait before trying again.', schema: { type: 'integer', minimum: 1 } },
};

/** Success answers of routes that declare no 2xx schema (no body, or not JSON). */
const BODYLESS_SUCCESS: Record<string, JsonSchema> = {
  'POST /api/auth/sign-out': { 204: { description: 'Signed out; the session cookie is cleared.', type: 'null' } },
  'GET /api/sync/poke': {
    200: {
      description: 'A Server-Sent Events stream: each `event: poke` means "pull now" (docs/sync-protocol.md).',
      content: { 'text/event-stream': { schema: { type: 'string' } } },
    },
  },
  'GET /api/jobs/:id/report.pdf': {
    200: {
      description: 'The inspection report (ETag/Last-Modified: 304 when unchanged).',
      content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } },
    },
  },
  ...Object.fromEntries(
    ['jobs', 'answers', 'items', 'audit'].map((name) => [
      `GET /api/exports/${name}.csv`,
      {
        200: {
          description: 'A UTF-8 CSV with a byte-order mark, streamed; formula-looking text starts with an apostrophe.',
          content: { 'text/csv': { schema: { type: 'string' } } },
        },
      },
    ]),
  ),
};

function isObject(value: unknown): value is JsonSchema {
  return typeof value === 'object' && value !== null;
}

/**
 * @fastify/swagger's `transform`: the route's zod schemas as OpenAPI 3.0 schema objects (with the
 * sync routes' precise shapes from openapi-sync.ts), and every error status the route can answer
 * with its `{ code, message, issues? }` body.
 */
export function zodToOpenApi({ schema, url, route }: { schema: FastifySchema; url: string; route: RouteOptions }): {
  schema: FastifySchema;
  url: string;
} {
  if (!schema) return { schema, url };
  const transformed: Record<string, unknown> = { ...schema };
  for (const part of ['body', 'querystring', 'params', 'headers'] as const) {
    if (schema[part] !== undefined) transformed[part] = toJsonSchema(schema[part], 'input');
  }
  const method = [route.method].flat()[0] ?? 'GET';
  const config = isObject(route.config) ? route.config : {};
  const declared = isObject(schema.response) ? schema.response : {};
  const responses: Record<string, unknown> = Object.fromEntries(
    Object.entries(declared).map(([status, s]) => [status, toJsonSchema(s, 'output')]),
  );
  if (!Object.keys(responses).some((status) => status.startsWith('2'))) {
    Object.assign(responses, BODYLESS_SUCCESS[`${method} ${url}`] ?? { 200: { description: 'Success', type: 'null' } });
  }
  const codes = errorCodesFor({
    method,
    url,
    isPublic: config['public'] === true,
    hasBody: schema.body !== undefined,
    hasParams: schema.params !== undefined,
    hasQuery: schema.querystring !== undefined,
    rateLimited: config['rateLimit'] !== undefined,
  });
  for (const [status, statusCodes] of codesByStatus(codes)) {
    // A route's own non-error schema for that status (the 503 of /api/ready) stays.
    responses[String(status)] ??=
      status === 429 ? { ...errorResponse(statusCodes), headers: RETRY_AFTER } : errorResponse(statusCodes);
  }
  transformed['response'] = responses;
  // The REST API for other systems takes an organization API key, not the session cookie.
  if (url.startsWith('/api/v1/')) transformed['security'] = [{ apiKey: [] }];
  return { schema: transformed, url };
}
