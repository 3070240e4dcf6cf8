import helmet from '@fastify/helmet';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';

/**
 * The Content-Security-Policy of every response (docs/decisions/0018-edge-headers-and-compression.md).
 * The built app has no inline script or style (React's `style` props go through the CSSOM, which
 * CSP does not govern). Photos are shown from object URLs (`blob:`) and old signatures are data
 * URLs; the photo worker and the service worker are files of this origin. A route may send a
 * stricter policy of its own (photo downloads do): the route's header wins.
 */
export function contentSecurityPolicy(secure: boolean): Record<string, string[]> {
  return {
    'default-src': ["'self'"],
    'script-src': ["'self'"],
    'script-src-attr': ["'none'"],
    'style-src': ["'self'"],
    'img-src': ["'self'", 'blob:', 'data:'],
    'font-src': ["'self'"],
    'connect-src': ["'self'"],
    'worker-src': ["'self'", 'blob:'],
    'manifest-src': ["'self'"],
    'media-src': ["'self'", 'blob:'],
    'object-src': ["'none'"],
    'frame-src': ["'none'"],
    'frame-ancestors': ["'none'"],
    'base-uri': ["'none'"],
    'form-action': ["'self'"],
    // Over plain HTTP (a laptop on the LAN) upgrading would break every request.
    ...(secure ? { 'upgrade-insecure-requests': [] } : {}),
  };
}

/** The header's text for a set of directives (helmet writes the app's own; others need the text). */
export function serializeCsp(directives: Record<string, string[]>): string {
  return Object.entries(directives)
    .map(([name, sources]) => [name, ...sources].join(' '))
    .join('; ');
}

/**
 * The API docs' policy: swagger-ui injects <style> elements as it renders, so its pages (and only
 * those) allow inline styles. Scripts stay 'self': swagger-ui has no inline script.
 */
export function docsContentSecurityPolicy(secure: boolean): string {
  const directives = contentSecurityPolicy(secure);
  return serializeCsp({ ...directives, 'style-src': ["'self'", "'unsafe-inline'"] });
}

/**
 * Powerful features: the camera (photos) and the location (where a photo was taken) for this
 * origin, the clipboard for copying a refused change; everything else off. Only names Chromium
 * knows: an unknown one is a console error on every page.
 */
export const PERMISSIONS_POLICY = [
  'camera=(self)',
  'geolocation=(self)',
  'clipboard-write=(self)',
  'accelerometer=()',
  'autoplay=()',
  'browsing-topics=()',
  'display-capture=()',
  'encrypted-media=()',
  'fullscreen=()',
  'gyroscope=()',
  'hid=()',
  'idle-detection=()',
  'magnetometer=()',
  'microphone=()',
  'midi=()',
  'payment=()',
  'picture-in-picture=()',
  'publickey-credentials-get=()',
  'screen-wake-lock=()',
  'serial=()',
  'usb=()',
  'xr-spatial-tracking=()',
].join(', ');

/** API answers are private and change with every write; the docs are neither. */
function isPrivateApi(request: FastifyRequest): boolean {
  const path = request.url.split('?')[0] ?? '';
  return (path === '/api' || path.startsWith('/api/')) && path !== '/api/docs' && !path.startsWith('/api/docs/');
}

/**
 * Security headers on every response, the PWA's files and the API alike: helmet's set with our
 * CSP, HSTS only when the app is served over HTTPS (COOKIE_SECURE), a Permissions-Policy, and
 * `Cache-Control: no-store` on API answers that do not choose their own caching (photo
 * downloads do), so no shared or disk cache keeps a session's data.
 */
export const securityHeaders = fp(
  async (app: FastifyInstance) => {
    const secure = app.config.cookieSecure;
    await app.register(helmet, {
      contentSecurityPolicy: { useDefaults: false, directives: contentSecurityPolicy(secure) },
      strictTransportSecurity: secure ? { maxAge: 31_536_000, includeSubDomains: false } : false,
      referrerPolicy: { policy: 'no-referrer' },
      crossOriginOpenerPolicy: { policy: 'same-origin' },
      crossOriginResourcePolicy: { policy: 'same-origin' },
      xFrameOptions: { action: 'deny' },
    });
    app.addHook('onRequest', async (_request, reply) => {
      reply.header('permissions-policy', PERMISSIONS_POLICY);
    });
    app.addHook('onSend', async (request, reply) => {
      if (isPrivateApi(request) && !reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
    });
  },
  { name: 'security-headers', dependencies: ['error-handler'] },
);
