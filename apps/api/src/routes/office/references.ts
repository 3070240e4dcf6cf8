import type { FastifyInstance } from 'fastify';
import {
  customerInputSchema,
  customerRowSchema,
  idParamsSchema,
  jobTypeInputSchema,
  jobTypeRowSchema,
  siteInputSchema,
  siteRowSchema,
  siteUpdateSchema,
} from '@lastmile/domain';
import { writeInOrg } from '@lastmile/sync/server';
import { requireRole } from '../../plugins/require-role.ts';
import type { ZodTypeProvider } from '../../plugins/zod-schemas.ts';
import { createCustomer } from '../../services/create-customer.ts';
import { createJobType } from '../../services/create-job-type.ts';
import { createSite } from '../../services/create-site.ts';
import { updateCustomer } from '../../services/update-customer.ts';
import { updateJobType } from '../../services/update-job-type.ts';
import { updateSite } from '../../services/update-site.ts';

/**
 * Customers, sites and job types, edited by the office (online, see docs/decisions/0010).
 * Every write goes through writeInOrg and a service, so devices receive it through sync.
 */
export async function referenceRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const office = requireRole('office', 'admin');

  app.post(
    '/api/customers',
    {
      onRequest: office,
      schema: {
        tags: ['office'],
        summary: 'Create a customer',
        body: customerInputSchema,
        response: { 201: customerRowSchema },
      },
    },
    async (request, reply) => {
      const { orgId } = request.actor;
      const row = await writeInOrg(app.db, orgId, (tx, rec) => createCustomer(tx, rec, { ...request.body, orgId }));
      return reply.status(201).send(row);
    },
  );

  app.patch(
    '/api/customers/:id',
    {
      onRequest: office,
      schema: {
        tags: ['office'],
        summary: 'Edit a customer',
        params: idParamsSchema,
        body: customerInputSchema,
        response: { 200: customerRowSchema },
      },
    },
    async (request) => {
      const { orgId } = request.actor;
      return writeInOrg(app.db, orgId, (tx, rec) =>
        updateCustomer(tx, rec, { ...request.body, orgId, id: request.params.id }),
      );
    },
  );

  app.post(
    '/api/sites',
    {
      onRequest: office,
      schema: {
        tags: ['office'],
        summary: 'Create a site for a customer',
        body: siteInputSchema,
        response: { 201: siteRowSchema },
      },
    },
    async (request, reply) => {
      const { orgId } = request.actor;
      const row = await writeInOrg(app.db, orgId, (tx, rec) => createSite(tx, rec, { ...request.body, orgId }));
      return reply.status(201).send(row);
    },
  );

  app.patch(
    '/api/sites/:id',
    {
      onRequest: office,
      schema: {
        tags: ['office'],
        summary: 'Edit a site',
        params: idParamsSchema,
        body: siteUpdateSchema,
        response: { 200: siteRowSchema },
      },
    },
    async (request) => {
      const { orgId } = request.actor;
      return writeInOrg(app.db, orgId, (tx, rec) =>
        updateSite(tx, rec, { ...request.body, orgId, id: request.params.id }),
      );
    },
  );

  app.post(
    '/api/job-types',
    {
      onRequest: office,
      schema: {
        tags: ['office'],
        summary: 'Create a job type',
        body: jobTypeInputSchema,
        response: { 201: jobTypeRowSchema },
      },
    },
    async (request, reply) => {
      const { orgId } = request.actor;
      const row = await writeInOrg(app.db, orgId, (tx, rec) =>
        createJobType(tx, rec, { ...request.body, orgId, templateId: null }),
      );
      return reply.status(201).send(row);
    },
  );

  app.patch(
    '/api/job-types/:id',
    {
      onRequest: office,
      schema: {
        tags: ['office'],
        summary: 'Edit a job type',
        params: idParamsSchema,
        body: jobTypeInputSchema,
        response: { 200: jobTypeRowSchema },
      },
    },
    async (request) => {
      const { orgId } = request.actor;
      return writeInOrg(app.db, orgId, (tx, rec) =>
        updateJobType(tx, rec, { ...request.body, orgId, id: request.params.id }),
      );
    },
  );
}
