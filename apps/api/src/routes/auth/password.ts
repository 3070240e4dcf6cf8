import type { FastifyInstance } from 'fastify';
import { eq } from 'drizzle-orm';
import { AppError, ERROR_CODES, passwordChangeSchema } from '@lastmile/domain';
import { hashPassword, verifyPassword } from '../../auth/password.ts';
import { revokeUserSessions } from '../../auth/sessions.ts';
import { users } from '../../db/schema/index.ts';
import type { ZodTypeProvider } from '../../plugins/zod-schemas.ts';
import { AUDIT_ACTIONS, recordAudit } from '../../services/record-audit.ts';

const CHANGE_ATTEMPTS_PER_MINUTE = 5;

/** A signed-in person changes their own password; their other sessions end (a stolen one too). */
export async function passwordRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.post(
    '/api/auth/password',
    {
      config: {
        refuseUnstorable: ['currentPassword', 'newPassword'],
        // A stolen session must not become a way to guess the current password quickly.
        rateLimit: {
          max: CHANGE_ATTEMPTS_PER_MINUTE,
          timeWindow: '1 minute',
          hook: 'preHandler',
          keyGenerator: (request) => `password|${request.session.actor.userId}`,
          errorResponseBuilder: (_request, context) =>
            new AppError(ERROR_CODES.rateLimited, `Too many attempts. Wait ${context.after} and try again.`),
        },
      },
      schema: {
        tags: ['auth'],
        summary: 'Change your own password; your other sessions end',
        body: passwordChangeSchema,
      },
    },
    async (request, reply) => {
      const { userId, orgId } = request.actor;
      const [user] = await app.db
        .select({ passwordHash: users.passwordHash })
        .from(users)
        .where(eq(users.id, userId))
        .limit(1);
      if (!user || !(await verifyPassword(request.body.currentPassword, user.passwordHash))) {
        // Not 401: the session is fine, only the typed password is wrong.
        throw new AppError(ERROR_CODES.validation, 'That is not your current password.', [
          { path: 'currentPassword', message: 'does not match' },
        ]);
      }
      const passwordHash = await hashPassword(request.body.newPassword);
      await app.db.transaction(async (tx) => {
        await tx.update(users).set({ passwordHash }).where(eq(users.id, userId));
        await revokeUserSessions(tx, { orgId, userId, exceptTokenHash: request.session.tokenHash });
        await recordAudit(tx, request, {
          orgId,
          userId,
          action: AUDIT_ACTIONS.passwordChanged,
          entity: 'user',
          entityId: userId,
        });
      });
      request.log.info({ userId }, 'password changed');
      return reply.status(204).send();
    },
  );
}
