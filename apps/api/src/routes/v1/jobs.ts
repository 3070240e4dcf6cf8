import type { FastifyInstance } from 'fastify';
import {
  AppError,
  ERROR_CODES,
  apiJobCancelSchema,
  apiJobInputSchema,
  apiJobSchema,
  apiJobUpdateSchema,
  apiJobsPageSchema,
  apiJobsQuerySchema,
  idParamsSchema,
  newId,
  type ApiJob,
} from '@lastmile/domain';
import type { DbOrTx } from '@lastmile/sync/server';
import type { ZodTypeProvider } from '../../plugins/zod-schemas.ts';
import { findApiJob, findApiJobsPage } from '../../services/api-v1/find-api-jobs.ts';
import { runMutation } from '../../services/api-v1/run-mutation.ts';

const notFound = () => new AppError(ERROR_CODES.notFound, 'There is no such job in your organization.');

async function jobOrNotFound(db: DbOrTx, orgId: string, id: string): Promise<ApiJob> {
  const job = await findApiJob(db, orgId, id);
  if (!job) throw notFound();
  return job;
}

/**
 * Jobs for other systems (ADR 0031). Reads use the office table's filters; writes are the app's
 * own mutations (createJob, updateJob, transitionJob) run by runMutation, so they follow the
 * same rules and reach phones by sync.
 */
export async function apiJobRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/api/v1/jobs',
    {
      schema: {
        tags: ['v1'],
        summary: 'Jobs, filtered like the office jobs table, paged by cursor',
        querystring: apiJobsQuerySchema,
        response: { 200: apiJobsPageSchema },
      },
    },
    async (request) => findApiJobsPage(app.db, request.actor.orgId, request.query),
  );

  app.get(
    '/api/v1/jobs/:id',
    {
      schema: { tags: ['v1'], summary: 'One job', params: idParamsSchema, response: { 200: apiJobSchema } },
    },
    async (request) => jobOrNotFound(app.db, request.actor.orgId, request.params.id),
  );

  app.post(
    '/api/v1/jobs',
    {
      schema: {
        tags: ['v1'],
        summary: 'Create a job (the app’s createJob): assigned, it reaches the technician’s phone by sync',
        body: apiJobInputSchema,
        response: { 201: apiJobSchema },
      },
    },
    async (request, reply) => {
      const id = newId();
      const job = await runMutation(app.db, request, 'createJob', { ...request.body, id }, (tx) =>
        jobOrNotFound(tx, request.actor.orgId, id),
      );
      return reply.status(201).send(job);
    },
  );

  app.patch(
    '/api/v1/jobs/:id',
    {
      schema: {
        tags: ['v1'],
        summary: 'Change a job’s details (the app’s updateJob); only the fields sent change',
        params: idParamsSchema,
        body: apiJobUpdateSchema,
        response: { 200: apiJobSchema },
      },
    },
    async (request) => {
      const { id } = request.params;
      await jobOrNotFound(app.db, request.actor.orgId, id);
      return runMutation(app.db, request, 'updateJob', { ...request.body, jobId: id }, (tx) =>
        jobOrNotFound(tx, request.actor.orgId, id),
      );
    },
  );

  app.post(
    '/api/v1/jobs/:id/cancel',
    {
      schema: {
        tags: ['v1'],
        summary: 'Cancel an open job, with a reason (the app’s transitionJob to cancelled)',
        params: idParamsSchema,
        body: apiJobCancelSchema,
        response: { 200: apiJobSchema },
      },
    },
    async (request) => {
      const { id } = request.params;
      await jobOrNotFound(app.db, request.actor.orgId, id);
      return runMutation(
        app.db,
        request,
        'transitionJob',
        { jobId: id, to: 'cancelled', reason: request.body.reason },
        (tx) => jobOrNotFound(tx, request.actor.orgId, id),
      );
    },
  );
}
