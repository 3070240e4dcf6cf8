import type { FastifyInstance } from 'fastify';
import { AppError, ERROR_CODES, driftQuerySchema, driftReportSchema } from '@lastmile/domain';
import { requireRole } from '../../plugins/require-role.ts';
import type { ZodTypeProvider } from '../../plugins/zod-schemas.ts';
import { driftReport } from '../../services/drift/drift-report.ts';

/** The drift dashboard's data (R11): the office and admins see the organization, a lead their team. */
export async function driftRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/api/drift',
    {
      onRequest: requireRole('office', 'admin', 'lead'),
      schema: {
        tags: ['drift'],
        summary:
          'Signals of drift back to manual work for jobs scheduled in a period (default: the last 90 days): send-back rate, skipped fields, long notes, jobs without photos, forms written after the job, silent devices, overdue items',
        querystring: driftQuerySchema,
        response: { 200: driftReportSchema },
      },
    },
    async (request) => {
      const { actor } = request;
      if (actor.role !== 'lead') return driftReport(app.db, actor.orgId, request.query, null);
      if (!actor.teamId)
        throw new AppError(ERROR_CODES.forbidden, 'You are not in a team yet, so there is no team to show.');
      return driftReport(app.db, actor.orgId, request.query, actor.teamId);
    },
  );
}
