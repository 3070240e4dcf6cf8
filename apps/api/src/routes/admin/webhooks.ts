import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  idParamsSchema,
  idSchema,
  webhookCreateSchema,
  webhookDeliveriesQuerySchema,
  webhookDeliveriesSchema,
  webhookSubscriptionSchema,
  webhookSubscriptionsSchema,
  webhookUpdateSchema,
  webhookWithSecretSchema,
} from '@lastmile/domain';
import { requireRole } from '../../plugins/require-role.ts';
import type { ZodTypeProvider } from '../../plugins/zod-schemas.ts';
import { findDeliveries, redeliver } from '../../services/webhooks/delivery-log.ts';
import {
  assertAllowedTarget,
  createSubscription,
  deleteSubscription,
  listSubscriptions,
  rotateSecret,
  updateSubscription,
} from '../../services/webhooks/subscriptions.ts';

/**
 * The organization's webhook subscriptions and their delivery logs (issue 13; docs/webhooks.md).
 * Admins only. The secret is in the answer of the create and rotate calls only: it cannot be
 * read back (ADR 0032), so it leaks through no later screen, log or support session.
 */
export async function adminWebhookRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const admin = requireRole('admin');
  const tags = ['admin'];

  app.get(
    '/api/admin/webhooks',
    {
      onRequest: admin,
      schema: {
        tags,
        summary: "The organization's webhook subscriptions",
        response: { 200: webhookSubscriptionsSchema },
      },
    },
    async (request) => ({ subscriptions: await listSubscriptions(app.db, request.actor.orgId) }),
  );

  app.post(
    '/api/admin/webhooks',
    {
      onRequest: admin,
      config: { refuseUnstorable: ['url'] },
      schema: {
        tags,
        summary: 'Subscribe an endpoint to events; the answer holds its signing secret, shown this once',
        body: webhookCreateSchema,
        response: { 201: webhookWithSecretSchema },
      },
    },
    async (request, reply) => {
      await assertAllowedTarget(request.body.url, app.config.webhooks);
      // Events can only be queued once the queue exists: start it before the first subscription.
      await app.webhooks.start();
      const created = await createSubscription(app.db, request.actor, request.body);
      return reply.code(201).send(created);
    },
  );

  app.patch(
    '/api/admin/webhooks/:id',
    {
      onRequest: admin,
      config: { refuseUnstorable: ['url'] },
      schema: {
        tags,
        summary: 'Change the URL, description or events, or switch a subscription off or on again',
        params: idParamsSchema,
        body: webhookUpdateSchema,
        response: { 200: webhookSubscriptionSchema },
      },
    },
    async (request) => {
      if (request.body.url !== undefined) await assertAllowedTarget(request.body.url, app.config.webhooks);
      if (request.body.enabled) await app.webhooks.start();
      return updateSubscription(app.db, app.webhooks, request.actor.orgId, request.params.id, request.body);
    },
  );

  app.delete(
    '/api/admin/webhooks/:id',
    {
      onRequest: admin,
      schema: { tags, summary: 'Delete a subscription and its delivery log', params: idParamsSchema },
    },
    async (request, reply) => {
      await deleteSubscription(app.db, request.actor.orgId, request.params.id);
      return reply.code(204).send();
    },
  );

  app.post(
    '/api/admin/webhooks/:id/rotate-secret',
    {
      onRequest: admin,
      schema: {
        tags,
        summary: 'Replace the signing secret; the new one is shown this once and the old one stops working',
        params: idParamsSchema,
        response: { 200: webhookWithSecretSchema },
      },
    },
    async (request) => rotateSecret(app.db, request.actor.orgId, request.params.id),
  );

  app.get(
    '/api/admin/webhooks/:id/deliveries',
    {
      onRequest: admin,
      schema: {
        tags,
        summary: 'The delivery log: each event sent, its body, and every attempt (time, status or error, duration)',
        params: idParamsSchema,
        querystring: webhookDeliveriesQuerySchema,
        response: { 200: webhookDeliveriesSchema },
      },
    },
    async (request) => findDeliveries(app.db, request.actor.orgId, request.params.id, request.query),
  );

  app.post(
    '/api/admin/webhooks/:id/deliveries/:deliveryId/redeliver',
    {
      onRequest: admin,
      schema: {
        tags,
        summary: 'Send a delivery again (same webhook-id and body), with a fresh round of retries',
        params: z.object({ id: idSchema, deliveryId: idSchema }),
        response: { 202: z.object({ queued: z.literal(true) }) },
      },
    },
    async (request, reply) => {
      const { id, deliveryId } = request.params;
      await redeliver(app.db, app.webhooks, request.actor.orgId, id, deliveryId);
      return reply.code(202).send({ queued: true });
    },
  );
}
