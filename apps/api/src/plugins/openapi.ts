import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { SESSION_COOKIE } from './auth.ts';
import { zodToOpenApi } from './openapi-transform.ts';
import { docsContentSecurityPolicy } from './security-headers.ts';

/**
 * The OpenAPI document, built from the routes' zod schemas, at /api/docs/json; swagger-ui at
 * /api/docs, with its own Content-Security-Policy (inline styles allowed there only). Registered
 * before the routes so it sees every one of them.
 */
export const openApi = fp(
  async (app: FastifyInstance) => {
    await app.register(swagger, {
      openapi: {
        openapi: '3.0.3',
        info: {
          title: 'Lastmile API',
          version: '0.1.0',
          description:
            'Offline-first field service: sign-in, sessions and sync for the app; under /api/v1 a REST API for ' +
            'other systems (jobs, customers, sites, outstanding items, submissions), authenticated by an ' +
            'organization API key that an admin creates under Admin → API keys. Lists are paged with opaque ' +
            'cursors: pass `nextCursor` back as `cursor` until it is null.',
        },
        components: {
          securitySchemes: {
            session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
            csrf: {
              type: 'apiKey',
              in: 'header',
              name: 'x-csrf-token',
              description: 'Required on writes; the csrfToken from SessionInfo.',
            },
            apiKey: {
              type: 'http',
              scheme: 'bearer',
              description: 'An organization API key (`lmk_…`), for /api/v1 only. Read keys cannot write.',
            },
          },
        },
        security: [{ session: [], csrf: [] }],
      },
      transform: zodToOpenApi,
    });
    await app.register(swaggerUi, {
      routePrefix: '/api/docs',
      staticCSP: docsContentSecurityPolicy(app.config.cookieSecure),
    });
  },
  { name: 'openapi' },
);
