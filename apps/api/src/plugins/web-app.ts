import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { AppError, ERROR_CODES } from '@lastmile/domain';

/** Files that name the current release: browsers must revalidate them, or an update never arrives. */
const REVALIDATE = new Set(['index.html', 'sw.js', 'manifest.webmanifest', 'manifest.json', 'registerSW.js']);

/**
 * The app is private: only `/` may be indexed — what a crawler sees there is the sign-in page
 * (it has no session), so a search for the company's Lastmile finds where to sign in.
 */
export const ROBOTS_TXT = 'User-agent: *\nAllow: /$\nDisallow: /\n';

/** A path naming a file (`/favicon.ico`, `/assets/old-chunk.js`) is never a client-side route. */
const FILE_LIKE = /\/[^/]*\.[a-z0-9]+$/i;

function isClientRoute(path: string): boolean {
  return !FILE_LIKE.test(path) && !path.startsWith('/.well-known/');
}

/**
 * Serves the built PWA and answers every unknown path: /api/* and missing files with a JSON 404,
 * anything else with index.html so client-side routes survive a reload. The build leaves .br
 * and .gz copies beside the hashed files (apps/web/vite-plugins/precompress.ts); the one the
 * browser accepts is sent. Without a build, only the API runs.
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
        preCompressed: true,
        setHeaders: (reply, path) => {
          // A precompressed copy is named like its file: the caching is the original's.
          const file = (path.split(/[\\/]/).pop() ?? '').replace(/\.(br|gz)$/, '');
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

    app.get('/robots.txt', { schema: { hide: true } }, async (_request, reply) =>
      reply.header('Cache-Control', 'public, max-age=86400').type('text/plain; charset=utf-8').send(ROBOTS_TXT),
    );
    if (hasWeb) {
      // Browsers ask for it when a page names no icon (the API docs, a file opened directly).
      app.get('/favicon.ico', { schema: { hide: true } }, async (_request, reply) =>
        reply.header('Cache-Control', 'public, max-age=86400').redirect('/icons/favicon-32.png', 301),
      );
    }

    app.setNotFoundHandler(async (request, reply) => {
      const path = request.url.split('?')[0] ?? '';
      const isPage = request.method === 'GET' || request.method === 'HEAD';
      if (path === '/api' || path.startsWith('/api/') || !hasWeb || !isPage || !isClientRoute(path)) {
        throw new AppError(ERROR_CODES.notFound, `No route ${request.method} ${path}`);
      }
      return reply.header('Cache-Control', 'no-cache').type('text/html').sendFile('index.html');
    });
  },
  { name: 'web-app', dependencies: ['error-handler'] },
);
