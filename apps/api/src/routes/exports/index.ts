import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  AppError,
  answersExportQuerySchema,
  auditExportQuerySchema,
  ERROR_CODES,
  EXPORT_URLS,
  jobsQuerySchema,
} from '@lastmile/domain';
import { requireRole } from '../../plugins/require-role.ts';
import type { ZodTypeProvider } from '../../plugins/zod-schemas.ts';
import { answersExport } from '../../services/exports/export-answers.ts';
import { AUDIT_EXPORT_HEADER, auditExportPages } from '../../services/exports/export-audit.ts';
import { csvFileName, csvStream, type CsvPages } from '../../services/exports/csv-stream.ts';
import { ITEMS_EXPORT_HEADER, itemsExportPages } from '../../services/exports/export-items.ts';
import { JOBS_EXPORT_HEADER, jobsExportPages } from '../../services/exports/export-jobs.ts';

/** A lead exports their team's rows only; one without a team has none. */
function teamLimit(request: FastifyRequest): string | undefined {
  const { actor } = request;
  if (actor.role !== 'lead') return undefined;
  if (!actor.teamId)
    throw new AppError(ERROR_CODES.forbidden, 'You are not in a team yet, so there is nothing to export.');
  return actor.teamId;
}

function sendCsv(reply: FastifyReply, name: string, header: readonly string[], pages: CsvPages): FastifyReply {
  return reply
    .header('content-type', 'text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="${csvFileName(name)}"`)
    .header('cache-control', 'private, no-store')
    .send(csvStream(header, pages));
}

/**
 * CSV exports for the office (and a lead, of their team): jobs of the table's current filter,
 * answers of one form version, outstanding items, and (office and admin only) the audit trail.
 * Each is streamed page by page (services/exports), with a byte-order mark for Excel and
 * formula-looking text neutralized (formatCsvExportLine).
 */
export async function exportRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get(
    EXPORT_URLS.jobs,
    {
      onRequest: requireRole('office', 'admin', 'lead'),
      schema: {
        tags: ['exports'],
        summary: "Jobs of the office table's filter as CSV (paging and sorting parameters are ignored)",
        querystring: jobsQuerySchema,
      },
    },
    async (request, reply) => {
      const limit = teamLimit(request);
      return sendCsv(
        reply,
        'jobs',
        JOBS_EXPORT_HEADER,
        jobsExportPages(app.db, request.actor.orgId, request.query, limit),
      );
    },
  );

  app.get(
    EXPORT_URLS.answers,
    {
      onRequest: requireRole('office', 'admin', 'lead'),
      schema: {
        tags: ['exports'],
        summary: 'Answers of one form version as CSV: a row per response, a column per field (groups as key[n].child)',
        querystring: answersExportQuerySchema,
      },
    },
    async (request, reply) => {
      const limit = teamLimit(request);
      const found = await answersExport(app.db, request.actor.orgId, request.query.templateVersionId, limit);
      return sendCsv(reply, found.name, found.header, found.pages);
    },
  );

  app.get(
    EXPORT_URLS.items,
    {
      onRequest: requireRole('office', 'admin', 'lead'),
      schema: { tags: ['exports'], summary: 'Outstanding items as CSV' },
    },
    async (request, reply) => {
      const limit = teamLimit(request);
      return sendCsv(
        reply,
        'outstanding-items',
        ITEMS_EXPORT_HEADER,
        itemsExportPages(app.db, request.actor.orgId, limit),
      );
    },
  );

  app.get(
    EXPORT_URLS.audit,
    {
      onRequest: requireRole('office', 'admin'),
      schema: {
        tags: ['exports'],
        summary: "The audit trail as CSV: all of it, or a job's, person's or device's",
        querystring: auditExportQuerySchema,
      },
    },
    async (request, reply) => {
      const { jobId, userId, clientId, from, to } = request.query;
      const filter = {
        orgId: request.actor.orgId,
        ...(jobId ? { jobId } : {}),
        ...(userId ? { userId } : {}),
        ...(clientId ? { clientId } : {}),
        ...(from ? { from: new Date(from) } : {}),
        ...(to ? { to: new Date(to) } : {}),
      };
      return sendCsv(reply, 'audit-trail', AUDIT_EXPORT_HEADER, auditExportPages(app.db, filter));
    },
  );
}
