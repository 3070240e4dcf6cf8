import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { apiKeyInputSchema, apiKeysListSchema, createdApiKeySchema, idParamsSchema } from '@lastmile/domain';
import { requireRole } from '../../plugins/require-role.ts';
import type { ZodTypeProvider } from '../../plugins/zod-schemas.ts';
import { createApiKey } from '../../services/api-keys/create-api-key.ts';
import { findApiKeys } from '../../services/api-keys/find-api-keys.ts';
import { revokeApiKey } from '../../services/api-keys/revoke-api-key.ts';

/**
 * Organization API keys for other systems (/api/v1): listed, created (the secret shown once) and
 * revoked by admins; each creation and revocation is in the audit trail. ADR 0031.
 */
export async function adminApiKeyRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const admin = requireRole('admin');

  app.get(
    '/api/admin/api-keys',
    {
      onRequest: admin,
      schema: {
        tags: ['admin'],
        summary: "The organization's API keys (never their secrets), newest first, revoked ones included",
        response: { 200: apiKeysListSchema },
      },
    },
    async (request) => ({ keys: await findApiKeys(app.db, request.actor.orgId) }),
  );

  app.post(
    '/api/admin/api-keys',
    {
      onRequest: admin,
      schema: {
        tags: ['admin'],
        summary: 'Create an API key: the answer holds its secret, which is never shown again',
        body: apiKeyInputSchema,
        response: { 201: createdApiKeySchema },
      },
    },
    async (request, reply) => {
      const { orgId, userId } = request.actor;
      const created = await createApiKey(app.db, request, { orgId, adminId: userId, ...request.body });
      request.log.info({ apiKeyId: created.key.id, scopes: created.key.scopes }, 'created API key');
      // The secret must not sit in any cache between here and the admin's screen.
      return reply.status(201).header('cache-control', 'no-store').send(created);
    },
  );

  app.post(
    '/api/admin/api-keys/:id/revoke',
    {
      onRequest: admin,
      schema: {
        tags: ['admin'],
        summary: 'Revoke an API key: its next request is refused',
        params: idParamsSchema,
        response: {
          200: z.object({
            /** False when it was revoked already (a retried request): nothing changed. */
            revoked: z.boolean(),
          }),
        },
      },
    },
    async (request) => {
      const { orgId, userId } = request.actor;
      const revoked = await revokeApiKey(app.db, request, { orgId, adminId: userId, keyId: request.params.id });
      request.log.info({ apiKeyId: request.params.id, revoked }, 'revoked API key');
      if (!revoked) request.auditRecorded = true;
      return { revoked };
    },
  );
}
