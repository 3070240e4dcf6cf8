import type { FastifyInstance } from 'fastify';
import { eq } from 'drizzle-orm';
import { AppError, ERROR_CODES, sessionInfoSchema, signInRequestSchema } from '@lastmile/domain';
import { decoyPasswordHash, hashPassword, needsRehash, verifyPassword } from '../../auth/password.ts';
import { createSession, findSession, revokeSession, toSessionInfo } from '../../auth/sessions.ts';
import {
  assertSignInAllowed,
  noteFailedSignIn,
  noteSuccessfulSignIn,
  passwordRateLimit,
} from '../../auth/sign-in-limits.ts';
import { sessions, users } from '../../db/schema/index.ts';
import { endCrewOf } from '../../auth/crew-sessions.ts';
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
      const email = normalizeEmail(request.body.email);
      // Failed tries per account and per address (PostgreSQL, all processes); before the hash,
      // so a refused try costs nothing (docs/decisions/0026).
      await assertSignInAllowed(app.db, request.ip, email);
      const [user] = await app.db
        .select({ id: users.id, orgId: users.orgId, passwordHash: users.passwordHash, active: users.active })
        .from(users)
        .where(eq(users.email, email))
        .limit(1);
      // Always run one scrypt, so the response time does not tell whether the email exists.
      const matches = await verifyPassword(request.body.password, user?.passwordHash ?? (await decoyPasswordHash()));
      if (!user || !matches) {
        await noteFailedSignIn(app.db, request.ip, email);
        throw new AppError(ERROR_CODES.unauthenticated, 'Wrong email or password.', undefined, {
          key: 'auth.wrongPassword',
        });
      }
      if (!user.active)
        throw new AppError(
          ERROR_CODES.unauthenticated,
          'This account has been deactivated. Ask your office to reactivate it.',
          undefined,
          { key: 'auth.deactivated' },
        );
      await noteSuccessfulSignIn(app.db, email);
      // The one moment the password is known: replace a hash made with older, weaker parameters.
      if (needsRehash(user.passwordHash)) {
        const passwordHash = await hashPassword(request.body.password);
        await app.db.update(users).set({ passwordHash }).where(eq(users.id, user.id));
      }

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
        const [own] = await tx
          .select({ clientId: sessions.clientId })
          .from(sessions)
          .where(eq(sessions.tokenHash, request.session.tokenHash));
        await revokeSession(tx, request.session.tokenHash);
        // The crew this phone carried signs out with it (crew mode, ADR 0033).
        await endCrewOf(tx, { orgId: request.actor.orgId, clientId: own?.clientId ?? null });
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
