import type { FastifyInstance } from 'fastify';
import { AppError, ERROR_CODES, jobsPageSchema, jobsQuerySchema } from '@lastmile/domain';
import { requireRole } from '../../plugins/require-role.ts';
import type { ZodTypeProvider } from '../../plugins/zod-schemas.ts';
import { findJobsPage } from '../../services/find-jobs-page.ts';

export async function jobsTableRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/api/jobs',
    {
      onRequest: requireRole('office', 'admin', 'lead'),
      schema: {
        tags: ['jobs'],
        summary: 'One page of jobs: search, filter, sort (the office table; a lead sees their team)',
        querystring: jobsQuerySchema,
        response: { 200: jobsPageSchema },
      },
    },
    async (request) => {
      const { actor } = request;
      if (actor.role === 'lead') {
        if (!actor.teamId)
          throw new AppError(ERROR_CODES.forbidden, 'You are not in a team yet, so there are no jobs to list.');
        return findJobsPage(app.db, actor.orgId, request.query, actor.teamId);
      }
      return findJobsPage(app.db, actor.orgId, request.query);
    },
  );
}
