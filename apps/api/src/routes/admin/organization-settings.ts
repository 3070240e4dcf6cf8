import type { FastifyInstance } from 'fastify';
import {
  AppError,
  ERROR_CODES,
  logoInfoSchema,
  logoUploadSchema,
  organizationSettingsSchema,
  organizationSettingsUpdateSchema,
} from '@lastmile/domain';
import { requireRole } from '../../plugins/require-role.ts';
import type { ZodTypeProvider } from '../../plugins/zod-schemas.ts';
import {
  normalizeLogo,
  organizationLogoOf,
  removeOrganizationLogo,
  saveOrganizationLogo,
} from '../../services/organization-logo.ts';
import {
  logoInfoOf,
  organizationSettingsOf,
  updateOrganizationSettings,
} from '../../services/organization-settings.ts';
import { AUDIT_ACTIONS, recordAudit } from '../../services/record-audit.ts';

/**
 * The organization's own settings (issue 12): name, time zone (the reports' times), default
 * language (mail, and the app for people who have not chosen one) and logo (the reports' header).
 * The office reads them; admins change them; every change is in the audit trail.
 */
export async function organizationSettingsRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const admin = requireRole('admin');

  app.get(
    '/api/admin/settings/organization',
    {
      onRequest: requireRole('admin', 'office'),
      schema: {
        tags: ['admin'],
        summary: "The organization's name, time zone, default language and logo",
        response: { 200: organizationSettingsSchema },
      },
    },
    async (request) => organizationSettingsOf(app.db, request.actor.orgId),
  );

  app.patch(
    '/api/admin/settings/organization',
    {
      onRequest: admin,
      schema: {
        tags: ['admin'],
        summary: "Change the organization's name, time zone (IANA, e.g. Europe/Warsaw) or default language",
        body: organizationSettingsUpdateSchema,
        response: { 200: organizationSettingsSchema },
      },
    },
    async (request) => {
      const { orgId, userId } = request.actor;
      await app.db.transaction(async (tx) => {
        const changes = await updateOrganizationSettings(tx, orgId, request.body);
        await recordAudit(tx, request, {
          orgId,
          userId,
          action: AUDIT_ACTIONS.organizationUpdated,
          entity: 'organization',
          entityId: orgId,
          changes,
        });
      });
      return organizationSettingsOf(app.db, orgId);
    },
  );

  app.put(
    '/api/admin/settings/organization/logo',
    {
      onRequest: admin,
      schema: {
        tags: ['admin'],
        summary: 'Set the logo drawn on reports: a PNG or JPEG of at most 512 KB, as base64 (scaled to 1024 px)',
        body: logoUploadSchema,
        response: { 200: logoInfoSchema },
      },
    },
    async (request) => {
      const { orgId, userId } = request.actor;
      const logo = await normalizeLogo(Buffer.from(request.body.data, 'base64'));
      await app.db.transaction(async (tx) => {
        const before = await logoInfoOf(tx, orgId);
        await saveOrganizationLogo(tx, orgId, logo);
        await recordAudit(tx, request, {
          orgId,
          userId,
          action: AUDIT_ACTIONS.logoChanged,
          entity: 'organization',
          entityId: orgId,
          changes: [{ field: 'logo', before: before?.sha256 ?? null, after: logo.sha256 }],
        });
      });
      const info = await logoInfoOf(app.db, orgId);
      if (!info) throw new Error('the logo just saved is missing');
      return info;
    },
  );

  app.delete(
    '/api/admin/settings/organization/logo',
    {
      onRequest: admin,
      schema: {
        tags: ['admin'],
        summary: 'Remove the logo (204 also when there was none): reports show the organization’s name alone',
      },
    },
    async (request, reply) => {
      const { orgId, userId } = request.actor;
      await app.db.transaction(async (tx) => {
        const removed = await removeOrganizationLogo(tx, orgId);
        if (!removed) return;
        await recordAudit(tx, request, {
          orgId,
          userId,
          action: AUDIT_ACTIONS.logoRemoved,
          entity: 'organization',
          entityId: orgId,
        });
      });
      // Nothing to remove is not a write worth a line in the trail.
      request.auditRecorded = true;
      return reply.status(204).send();
    },
  );

  app.get(
    '/api/organization/logo',
    {
      schema: {
        tags: ['admin'],
        summary: "The organization's logo image (PNG or JPEG), for anyone signed in to it",
      },
    },
    async (request, reply) => {
      const logo = await organizationLogoOf(app.db, request.actor.orgId);
      if (!logo) throw new AppError(ERROR_CODES.notFound, 'Your organization has no logo.');
      const etag = `"${logo.sha256}"`;
      reply.header('etag', etag).header('cache-control', 'private, no-cache');
      if (request.headers['if-none-match'] === etag) return reply.code(304).send();
      return reply.header('content-type', logo.contentType).send(logo.bytes);
    },
  );
}
