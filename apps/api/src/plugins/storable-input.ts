import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { AppError, ERROR_CODES, isStorableText, toStorable } from '@lastmile/domain';

/**
 * Every route's input — body, query string and path parameters — has its text made storable
 * before validation (NUL removed, lone surrogates → U+FFFD; docs/decisions/0014-storable-text.md).
 * One hook for all routes, so a route added tomorrow cannot answer a stray NUL with a 500, and a
 * refused mutation's arguments can always be recorded.
 */
export const storableInput = fp(
  async (app: FastifyInstance) => {
    app.addHook('preValidation', async (request) => {
      refuseUnstorable(request.body, request.routeOptions.config.refuseUnstorable ?? []);
      if (request.body !== undefined) request.body = toStorable(request.body);
      // The query string's and path's objects are not plain (fast-querystring and find-my-way
      // give them a prototype of their own), and toStorable leaves non-plain objects alone (a
      // Date, a Buffer): copied onto plain objects first, or a NUL in `?search=` reached SQL.
      request.query = toStorable(plain(request.query));
      request.params = toStorable(plain(request.params));
    });
  },
  { name: 'storable-input' },
);

const UNSTORABLE = 'contains a character that cannot be kept (an invisible NUL or half of an emoji)';

/**
 * A password or a webhook URL without its NUL is another password or URL: signing in with
 * "secret\0x" as "secretx", or calling a host nobody typed. Such fields are refused, naming them,
 * before anything is looked up, so a refused sign-in says nothing about the account (ADR 0049).
 */
function refuseUnstorable(body: unknown, fields: readonly string[]): void {
  if (fields.length === 0 || body === null || typeof body !== 'object' || Array.isArray(body)) return;
  const issues = fields
    .filter((field) => {
      const value: unknown = Object.hasOwn(body, field) ? (body as Record<string, unknown>)[field] : undefined;
      return typeof value === 'string' && !isStorableText(value);
    })
    .map((path) => ({ path, message: UNSTORABLE }));
  if (issues.length === 0) return;
  throw new AppError(
    ERROR_CODES.validation,
    `Invalid request body: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
    issues,
    { key: 'input.unstorable' },
  );
}

function plain(value: unknown): unknown {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? { ...value } : value;
}
