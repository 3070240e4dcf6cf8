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
      request.query = toStorable(request.query);
      request.params = toStorable(request.params);
    });
  },
  { name: 'storable-input' },
);
