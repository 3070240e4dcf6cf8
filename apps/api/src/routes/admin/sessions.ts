import type { FastifyInstance } from 'fastify';
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { AppError, ERROR_CODES, idSchema } from '@lastmile/domain';
import { revokeUserSessions } from '../../auth/sessions.ts';
import { users } from '../../db/schema/index.ts';
import { requireRole } from '../../plugins/require-role.ts';
import type { ZodTypeProvider } from '../../plugins/zod-schemas.ts';

export async function adminSessionRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.post(
    '/api/admin/sessions/revoke-user/:userId',
    {
      onRequest: requireRole('admin'),
      schema: {
        tags: ['admin'],
        summary: 'Sign a person out on every device',
        params: z.object({ userId: idSchema }),
        response: { 200: z.object({ revoked: z.number().int() }) },
      },
    },
    async (request) => {
      const { orgId } = request.actor;
      const [target] = await app.db
        .select({ id: users.id })
        .from(users)
        .where(and(eq(users.id, request.params.userId), eq(users.orgId, orgId)))
        .limit(1);
      // Another organization's user is reported as missing: tenants cannot probe each other's ids.
      if (!target) throw new AppError(ERROR_CODES.notFound, 'No such user in your organization.');
      const revoked = await revokeUserSessions(app.db, { orgId, userId: target.id });
      request.log.info({ targetUserId: target.id, revoked }, 'revoked user sessions');
      return { revoked };
    },
  );
}
