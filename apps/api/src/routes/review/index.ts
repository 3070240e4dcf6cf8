import type { FastifyInstance } from 'fastify';
import { eq, sql } from 'drizzle-orm';
import {
  AppError,
  ERROR_CODES,
  reviewQueuePageSchema,
  reviewQueueQuerySchema,
  reviewSettingsSchema,
} from '@lastmile/domain';
import { organizations } from '../../db/schema/index.ts';
import { requireRole } from '../../plugins/require-role.ts';
import type { ZodTypeProvider } from '../../plugins/zod-schemas.ts';
import { findReviewQueue } from '../../services/find-review-queue.ts';
import { AUDIT_ACTIONS, recordAudit } from '../../services/record-audit.ts';
import { reviewSettingsOf } from '../../services/review-settings.ts';

/**
 * The review loop's REST side: the queue of submitted jobs (the decisions themselves are the
 * `reviewJob` sync mutation) and the organization's review mode (who reviews: ADR 0021).
 */
export async function reviewRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/api/review/queue',
    {
      onRequest: requireRole('office', 'admin', 'lead'),
      schema: {
        tags: ['review'],
        summary: 'Submitted jobs waiting for review, oldest first, with counts (a lead sees their team, when allowed)',
        querystring: reviewQueueQuerySchema,
        response: { 200: reviewQueuePageSchema },
      },
    },
    async (request) => {
      const { actor } = request;
      const { mode } = await reviewSettingsOf(app.db, actor.orgId);
      if (actor.role !== 'lead') return findReviewQueue(app.db, actor.orgId, mode, request.query);
      if (mode === 'office')
        throw new AppError(
          ERROR_CODES.forbidden,
          'In your organization the office reviews submissions, not team leads.',
        );
      if (!actor.teamId)
        throw new AppError(ERROR_CODES.forbidden, 'You are not in a team yet, so there is nothing to review.');
      return findReviewQueue(app.db, actor.orgId, mode, request.query, actor.teamId);
    },
  );

  app.get(
    '/api/admin/settings/review',
    {
      onRequest: requireRole('admin', 'office', 'lead'),
      schema: {
        tags: ['admin'],
        summary: 'Who reviews submissions: the office, a lead then the office, or the lead alone',
        response: { 200: reviewSettingsSchema },
      },
    },
    async (request) => reviewSettingsOf(app.db, request.actor.orgId),
  );

  app.put(
    '/api/admin/settings/review',
    {
      onRequest: requireRole('admin'),
      schema: {
        tags: ['admin'],
        summary: 'Change who reviews submissions (applies to the next decision; rounds already made stay)',
        body: reviewSettingsSchema,
        response: { 200: reviewSettingsSchema },
      },
    },
    async (request) => {
      const { orgId, userId } = request.actor;
      return app.db.transaction(async (tx) => {
        const before = await reviewSettingsOf(tx, orgId);
        await tx
          .update(organizations)
          .set({ settings: sql`${organizations.settings} || ${JSON.stringify({ review: request.body })}::jsonb` })
          .where(eq(organizations.id, orgId));
        const after = await reviewSettingsOf(tx, orgId);
        await recordAudit(tx, request, {
          orgId,
          userId,
          action: AUDIT_ACTIONS.reviewSettingsChanged,
          entity: 'organization',
          entityId: orgId,
          changes: [{ field: 'reviewMode', before: before.mode, after: after.mode }],
        });
        return after;
      });
    },
  );
}
