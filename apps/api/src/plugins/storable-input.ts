import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { toStorable } from '@lastmile/domain';

/**
 * Every route's input — body, query string and path parameters — has its text made storable
 * before validation (NUL removed, lone surrogates → U+FFFD; docs/decisions/0014-storable-text.md).
 * One hook for all routes, so a route added tomorrow cannot answer a stray NUL with a 500, and a
 * refused mutation's arguments can always be recorded.
 */
export const storableInput = fp(
  async (app: FastifyInstance) => {
    app.addHook('preValidation', async (request) => {
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

function plain(value: unknown): unknown {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? { ...value } : value;
}
