import type { FastifyInstance } from 'fastify';
import { sessionInfoSchema, signInRequestSchema } from '@lastmile/domain';
import { createSession, findSession, revokeSession, toSessionInfo } from '../../auth/sessions.ts';
import { passwordRateLimit } from '../../auth/sign-in-limits.ts';
import { clientIdOfSession, endCrewOf } from '../../auth/crew-sessions.ts';
import { checkCredentials } from '../../auth/check-credentials.ts';
import { clearSessionCookie, setSessionCookie } from '../../plugins/auth.ts';
import type { ZodTypeProvider } from '../../plugins/zod-schemas.ts';
import { normalizeEmail } from '../../services/create-user.ts';

function emailOf(body: unknown): string {
  const email = (body as { email?: unknown } | undefined)?.email;
  return typeof email === 'string' ? normalizeEmail(email) : '';
}

export async function authRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.post(
    '/api/auth/sign-in',
    {
      config: {
        public: true,
        refuseUnstorable: ['email', 'password'],
        // Per address and account: guessing one account's password is slow, and one noisy
        // client cannot lock everyone else out.
        rateLimit: passwordRateLimit((request) => `sign-in|${request.ip}|${emailOf(request.body)}`),
      },
      schema: {
        tags: ['auth'],
        summary: 'Sign in with email and password',
        security: [],
        body: signInRequestSchema,
        response: { 200: sessionInfoSchema },
      },
    },
    async (request, reply) => {
      const user = await checkCredentials(app.db, {
        ip: request.ip,
        email: request.body.email,
        password: request.body.password,
      });
      const created = await createSession(app.db, {
        userId: user.id,
        orgId: user.orgId,
        ttlDays: app.config.sessionTtlDays,
        userAgent: request.headers['user-agent'] ?? null,
      });
      const session = await findSession(app.db, created.token);
      if (!session) throw new Error('a session just created could not be read back');
      setSessionCookie(reply, app.config, created.token, created.expiresAt);
      request.log.info({ userId: user.id, orgId: user.orgId }, 'signed in');
      return toSessionInfo(session);
    },
  );

  app.post(
    '/api/auth/sign-out',
    { schema: { tags: ['auth'], summary: 'End this session' } },
    async (request, reply) => {
      await app.db.transaction(async (tx) => {
        const clientId = await clientIdOfSession(tx, request.session.tokenHash);
        await revokeSession(tx, request.session.tokenHash);
        // The crew this phone carried signs out with it (crew mode, ADR 0033).
        await endCrewOf(tx, { orgId: request.actor.orgId, clientId });
      });
      clearSessionCookie(reply, app.config);
      return reply.status(204).send();
    },
  );

  app.get(
    '/api/auth/me',
    {
      schema: {
        tags: ['auth'],
        summary: 'The signed-in person and organization',
        response: { 200: sessionInfoSchema },
      },
    },
    async (request) => toSessionInfo(request.session),
  );
}
