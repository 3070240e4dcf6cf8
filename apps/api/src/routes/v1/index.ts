import type { FastifyInstance } from 'fastify';
import {
  apiCustomersPageSchema,
  apiCustomersQuerySchema,
  apiItemsPageSchema,
  apiItemsQuerySchema,
  apiSitesPageSchema,
  apiSitesQuerySchema,
  apiSubmissionsPageSchema,
  apiSubmissionsQuerySchema,
} from '@lastmile/domain';
import { createBlobStore } from '../../attachments/storage/create-blob-store.ts';
import type { ZodTypeProvider } from '../../plugins/zod-schemas.ts';
import { findApiCustomers, findApiItems, findApiSites } from '../../services/api-v1/find-api-references.ts';
import { findApiSubmissions } from '../../services/api-v1/find-api-submissions.ts';
import { attachmentFileRoutes } from '../attachments/files.ts';
import { apiJobRoutes } from './jobs.ts';

/**
 * The REST API for other systems, version 1 (ADR 0031): an organization API key on every request
 * (plugins/auth.ts), the organization's data only, lists paged by opaque cursor. A change that
 * would break a client goes to /api/v2, beside this one.
 */
export async function apiV1Routes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  await app.register(apiJobRoutes);
  await app.register(attachmentFileRoutes, { blobs: createBlobStore(app.config), base: '/api/v1' });

  app.get(
    '/api/v1/customers',
    {
      schema: {
        tags: ['v1'],
        summary: 'Customers, paged by cursor',
        querystring: apiCustomersQuerySchema,
        response: { 200: apiCustomersPageSchema },
      },
    },
    async (request) => findApiCustomers(app.db, request.actor.orgId, request.query),
  );

  app.get(
    '/api/v1/sites',
    {
      schema: {
        tags: ['v1'],
        summary: 'Sites (of one customer with customerId), paged by cursor',
        querystring: apiSitesQuerySchema,
        response: { 200: apiSitesPageSchema },
      },
    },
    async (request) => findApiSites(app.db, request.actor.orgId, request.query),
  );

  app.get(
    '/api/v1/outstanding-items',
    {
      schema: {
        tags: ['v1'],
        summary: 'Outstanding items (work left at a site or on a job), paged by cursor',
        querystring: apiItemsQuerySchema,
        response: { 200: apiItemsPageSchema },
      },
    },
    async (request) => findApiItems(app.db, request.actor.orgId, request.query),
  );

  app.get(
    '/api/v1/submissions',
    {
      schema: {
        tags: ['v1'],
        summary: 'Form responses with their answers and links to their photos and signatures, paged by cursor',
        querystring: apiSubmissionsQuerySchema,
        response: { 200: apiSubmissionsPageSchema },
      },
    },
    async (request) => findApiSubmissions(app.db, request.actor.orgId, request.query),
  );
}
