import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { AppError, ERROR_CODES } from '@lastmile/domain';

/** Files that name the current release: browsers must revalidate them, or an update never arrives. */
const REVALIDATE = new Set(['index.html', 'sw.js', 'manifest.webmanifest', 'manifest.json', 'registerSW.js']);

/**
 * Serves the built PWA and answers every unknown path: /api/* with a JSON 404, anything else
 * with index.html so client-side routes survive a reload. Without a build, only the API runs.
 */
export const webApp = fp(
  async (app: FastifyInstance) => {
    const root = app.config.webDist;
    const hasWeb = existsSync(join(root, 'index.html'));
    if (hasWeb) {
      await app.register(fastifyStatic, {
        root,
        wildcard: true,
        index: ['index.html'],
        cacheControl: false,
        setHeaders: (reply, path) => {
          const file = path.split(/[\\/]/).pop() ?? '';
          if (REVALIDATE.has(file)) reply.header('Cache-Control', 'no-cache');
          // Vite puts content-hashed files in assets/: a new release has new names.
          else if (/[\\/]assets[\\/]/.test(path)) reply.header('Cache-Control', 'public, max-age=31536000, immutable');
          else reply.header('Cache-Control', 'public, max-age=3600');
        },
      });
    } else {
      app.log.warn(
        { webDist: root },
        'web app not built: serving the API only (run `pnpm --filter @lastmile/web build`)',
      );
    }

    app.setNotFoundHandler(async (request, reply) => {
      const path = request.url.split('?')[0] ?? '';
      const isPage = request.method === 'GET' || request.method === 'HEAD';
      if (path === '/api' || path.startsWith('/api/') || !hasWeb || !isPage) {
        throw new AppError(ERROR_CODES.notFound, `No route ${request.method} ${path}`);
      }
      return reply.header('Cache-Control', 'no-cache').type('text/html').sendFile('index.html');
    });
  },
  { name: 'web-app', dependencies: ['error-handler'] },
);
