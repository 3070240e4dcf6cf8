import compress from '@fastify/compress';
import type { FastifyInstance, RouteOptions } from 'fastify';
import fp from 'fastify-plugin';

/**
 * Routes whose answers are never compressed. Both write their response themselves (after
 * `reply.hijack()`, so compression could not reach them anyway); listed so that stays true:
 * the poke stream must not be buffered by a compressor (events would arrive late or never), and
 * tus answers are empty headers-only replies.
 */
const UNCOMPRESSED = ['/api/sync/poke', '/api/attachments/uploads'];

function isUncompressed(route: RouteOptions): boolean {
  return UNCOMPRESSED.some((prefix) => route.url === prefix || route.url.startsWith(`${prefix}/`));
}

/**
 * Brotli or gzip, by the request's Accept-Encoding, for every compressible answer (JSON, text,
 * the PWA's files without a precompressed copy); images and other binary types pass as they
 * are. Request bodies are not decompressed: phones send small JSON and the photo bytes are
 * already compressed, and a compressed body is an easy way to make the server inflate a bomb.
 */
export const compression = fp(
  async (app: FastifyInstance) => {
    // Added before @fastify/compress's own onRoute hook, which reads `compress` on each route.
    app.addHook('onRoute', (route) => {
      if (isUncompressed(route)) route.compress = false;
    });
    await app.register(compress, {
      encodings: ['br', 'gzip'],
      globalDecompression: false,
    });
  },
  { name: 'compression' },
);
