import { timingSafeEqual } from 'node:crypto';
import cookie from '@fastify/cookie';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { AppError, ERROR_CODES, type Actor } from '@lastmile/domain';
import { authenticateApiKey, isApiV1Url } from '../auth/api-key-auth.ts';
import { deleteEndedRateLimitWindows } from '../auth/pg-rate-limit-store.ts';
import { hashSessionToken } from '../auth/session-token.ts';
import { deleteStaleSessions, findSession, type AuthSession } from '../auth/sessions.ts';
import { deviceRevocationOfSession } from '../services/devices/session-revocation.ts';
import type { Config } from '../env.ts';

export const SESSION_COOKIE = 'lm_session';
export const CSRF_HEADER = 'x-csrf-token';
const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Private by default: every /api route except those marked `config: { public: true }` (and the
 * API docs) needs a live session, re-checked against the database on each request (revoked,
 * expired, user deactivated). Cookie-authenticated writes also need the session's CSRF token.
 * /api/v1 is the REST API for other systems: an organization API key opens it, and nothing else
 * (no cookie, so no CSRF; ADR 0031). Paths outside /api are the PWA's static files.
 */
function isPublic(request: FastifyRequest): boolean {
  if (request.is404 || request.routeOptions.config.public === true) return true;
  const url = request.routeOptions.url ?? '';
  return !url.startsWith('/api/') || url === '/api/docs' || url.startsWith('/api/docs/');
}

function sameToken(sent: string | string[] | undefined, expected: string): boolean {
  if (typeof sent !== 'string') return false;
  const a = Buffer.from(sent);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function setSessionCookie(reply: FastifyReply, config: Config, token: string, expiresAt: Date): void {
  reply.setCookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'lax',
    path: '/',
    secure: config.cookieSecure,
    expires: expiresAt,
  });
}

export function clearSessionCookie(reply: FastifyReply, config: Config): void {
  reply.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'lax', path: '/', secure: config.cookieSecure });
}

export const auth = fp(
  async (app: FastifyInstance) => {
    await app.register(cookie);
    // Placeholders so every request object has the same shape; the hook fills them in.
    app.decorateRequest('actor', null as unknown as Actor);
    app.decorateRequest('session', null as unknown as AuthSession);
    app.decorateRequest('apiKey', null);

    app.addHook('onRequest', async (request, reply) => {
      if (isPublic(request)) return;
      if (isApiV1Url(request.routeOptions.url ?? '')) {
        return authenticateApiKey(app.db, request, reply, app.config.apiKeyRequestsPerMinute);
      }
      const token = request.cookies[SESSION_COOKIE];
      const session = token ? await findSession(app.db, token, { slideDays: app.config.sessionTtlDays }) : null;
      // Ended because its device was revoked: say so, so the app erases itself (ADR 0028).
      if (token && !session) {
        const revoked = await deviceRevocationOfSession(app.db, hashSessionToken(token));
        if (revoked) throw revoked;
      }
      if (!token || !session)
        throw new AppError(ERROR_CODES.unauthenticated, 'You are signed out. Sign in to continue.');
      if (session.renewed) setSessionCookie(reply, app.config, token, session.expiresAt);
      if (UNSAFE_METHODS.has(request.method) && !sameToken(request.headers[CSRF_HEADER], session.csrfToken)) {
        throw new AppError(
          ERROR_CODES.csrf,
          'This request is missing its security token. Reload the app and try again.',
        );
      }
      request.session = session;
      request.actor = session.actor;
    });

    // Expired and revoked sessions and ended rate-limit windows are pruned at start and every
    // hour, not only at start: a server that runs for months would otherwise keep them all.
    const prune = () =>
      Promise.all([deleteStaleSessions(app.db), deleteEndedRateLimitWindows(app.db)]).catch((error: unknown) =>
        app.log.warn({ err: error }, 'pruning sessions failed; retrying in an hour'),
      );
    const timer = setInterval(() => void prune(), 60 * 60 * 1000);
    timer.unref();
    app.addHook('onReady', async () => {
      await prune();
    });
    app.addHook('onClose', async () => clearInterval(timer));
  },
  { name: 'auth', dependencies: ['error-handler'] },
);
