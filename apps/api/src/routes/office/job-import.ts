import type { FastifyInstance } from 'fastify';
import {
  importCommitRequestSchema,
  importPreviewSchema,
  importRequestSchema,
  importResultSchema,
  MAX_IMPORT_BYTES,
} from '@lastmile/domain';
import { requireRole } from '../../plugins/require-role.ts';
import { requestClientId } from '../../services/record-audit.ts';
import type { ZodTypeProvider } from '../../plugins/zod-schemas.ts';
import { commitImport } from '../../services/job-import/commit-import.ts';
import { planImport } from '../../services/job-import/plan-import.ts';
import { readImportFile } from '../../services/job-import/read-import-file.ts';
import { publishWebhookEvent } from '../../services/webhooks/publish-webhook-event.ts';

/** The CSV travels as a JSON string; the JSON around it adds at most a few percent. */
const BODY_LIMIT = Math.ceil(MAX_IMPORT_BYTES * 1.1) + 1024;

export async function jobImportRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const office = requireRole('office', 'admin');

  app.post(
    '/api/jobs/import/preview',
    {
      onRequest: office,
      bodyLimit: BODY_LIMIT,
      schema: {
        tags: ['jobs'],
        summary: 'Check a CSV of jobs: per-row, per-column errors and what would be created; imports nothing',
        body: importRequestSchema,
        response: { 200: importPreviewSchema },
      },
    },
    async (request) => {
      const file = readImportFile(request.body.csv);
      return (await planImport(app.db, request.actor.orgId, file, request.body.timeZone)).preview;
    },
  );

  app.post(
    '/api/jobs/import/commit',
    {
      onRequest: office,
      bodyLimit: BODY_LIMIT,
      schema: {
        tags: ['jobs'],
        summary: 'Import a CSV of jobs in one transaction: all rows, or with onlyValid the valid ones',
        body: importCommitRequestSchema,
        response: { 200: importResultSchema },
      },
    },
    async (request) => {
      const file = readImportFile(request.body.csv);
      const { orgId, userId } = request.actor;
      const result = await commitImport(app.db, {
        orgId,
        userId,
        file,
        timeZone: request.body.timeZone,
        onlyValid: request.body.onlyValid,
        clientId: requestClientId(request),
        publish: (tx, org, event) => publishWebhookEvent(tx, app.webhooks, org, event),
      });
      // Each imported job has its own audit row (commit-import.ts): no second one for the file.
      request.auditRecorded = true;
      request.log.info({ ...result }, 'imported jobs');
      return result;
    },
  );
}
