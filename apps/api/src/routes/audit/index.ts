import type { FastifyInstance, FastifyRequest } from 'fastify';
import { and, desc, eq } from 'drizzle-orm';
import { z } from 'zod';
import {
  AppError,
  ERROR_CODES,
  auditDeviceSchema,
  auditPageSchema,
  auditQuerySchema,
  clientIdParamsSchema,
  idParamsSchema,
  type AuditPage,
  type AuditQuery,
} from '@lastmile/domain';
import { syncClients } from '@lastmile/sync/server';
import { auditEvents, jobs, users } from '../../db/schema/index.ts';
import { requireRole } from '../../plugins/require-role.ts';
import type { ZodTypeProvider } from '../../plugins/zod-schemas.ts';
import { auditNames } from '../../services/audit/audit-names.ts';
import { findAuditEvents, type AuditFilter } from '../../services/audit/find-audit-events.ts';

const notFound = (what: string) => new AppError(ERROR_CODES.notFound, `No such ${what} in your organization.`);

/**
 * The audit trail, read (issue 11): a job's timeline (office and admin; a lead for their team's
 * jobs), a person's and a device's (office and admin). Newest first, paged by cursor; the events
 * are structured and the page names the people and teams they mention, so the client words them.
 */
export async function auditRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const office = requireRole('office', 'admin');

  async function page(request: FastifyRequest, filter: AuditFilter, query: AuditQuery): Promise<AuditPage> {
    const events = await findAuditEvents(app.db, filter, {
      order: 'newest',
      limit: query.limit + 1,
      ...(query.cursor === undefined ? {} : { after: Number(query.cursor) }),
    });
    const more = events.length > query.limit;
    const shown = more ? events.slice(0, query.limit) : events;
    return {
      events: shown,
      nextCursor: more ? String(shown.at(-1)!.seq) : null,
      names: await auditNames(app.db, request.actor.orgId, shown),
    };
  }

  app.get(
    '/api/audit/jobs/:id',
    {
      onRequest: requireRole('lead', 'office', 'admin'),
      schema: {
        tags: ['audit'],
        summary: "A job's audit timeline: every accepted change, newest first",
        params: idParamsSchema,
        querystring: auditQuerySchema,
        response: { 200: auditPageSchema },
      },
    },
    async (request) => {
      const { actor } = request;
      const [job] = await app.db
        .select({ teamId: jobs.teamId })
        .from(jobs)
        .where(and(eq(jobs.id, request.params.id), eq(jobs.orgId, actor.orgId)));
      if (!job) throw notFound('job');
      if (actor.role === 'lead' && (job.teamId === null || job.teamId !== actor.teamId)) {
        throw new AppError(ERROR_CODES.forbidden, "Leads see the history of their own team's jobs only.");
      }
      return page(request, { orgId: actor.orgId, jobId: request.params.id }, request.query);
    },
  );

  app.get(
    '/api/audit/people/:id',
    {
      onRequest: office,
      schema: {
        tags: ['audit'],
        summary: 'What one person changed, on any device, newest first',
        params: idParamsSchema,
        querystring: auditQuerySchema,
        response: { 200: auditPageSchema },
      },
    },
    async (request) => {
      const { orgId } = request.actor;
      const [person] = await app.db
        .select({ id: users.id })
        .from(users)
        .where(and(eq(users.id, request.params.id), eq(users.orgId, orgId)));
      if (!person) throw notFound('person');
      return page(request, { orgId, userId: person.id }, request.query);
    },
  );

  app.get(
    '/api/audit/devices',
    {
      onRequest: office,
      schema: {
        tags: ['audit'],
        summary: "The organization's devices (sync clients), most recently seen first",
        querystring: z.object({ userId: z.uuid({ message: 'must be a UUID' }).optional() }),
        response: { 200: z.array(auditDeviceSchema) },
      },
    },
    async (request) => {
      const { orgId } = request.actor;
      const { userId } = request.query;
      const rows = await app.db
        .select({
          clientId: syncClients.clientId,
          userId: syncClients.userId,
          userName: users.name,
          lastSeenAt: syncClients.lastSeenAt,
        })
        .from(syncClients)
        .innerJoin(users, eq(users.id, syncClients.userId))
        .where(and(eq(syncClients.orgId, orgId), userId === undefined ? undefined : eq(syncClients.userId, userId)))
        .orderBy(desc(syncClients.lastSeenAt))
        .limit(500);
      return rows.map((r) => ({ ...r, lastSeenAt: r.lastSeenAt.toISOString() }));
    },
  );

  app.get(
    '/api/audit/devices/:clientId',
    {
      onRequest: office,
      schema: {
        tags: ['audit'],
        summary: 'What was changed from one device (a sync client, or a browser session), newest first',
        params: clientIdParamsSchema,
        querystring: auditQuerySchema,
        response: { 200: auditPageSchema },
      },
    },
    async (request) => {
      const { orgId } = request.actor;
      const { clientId } = request.params;
      // Another organization's device is "not found", like one that never existed.
      const [known] = await app.db
        .select({ orgId: auditEvents.orgId })
        .from(auditEvents)
        .where(and(eq(auditEvents.clientId, clientId), eq(auditEvents.orgId, orgId)))
        .limit(1);
      const [client] = known
        ? [known]
        : await app.db
            .select({ orgId: syncClients.orgId })
            .from(syncClients)
            .where(and(eq(syncClients.clientId, clientId), eq(syncClients.orgId, orgId)));
      if (!client) throw notFound('device');
      return page(request, { orgId, clientId }, request.query);
    },
  );
}
