import type { FastifyInstance } from 'fastify';
import { eq, sql } from 'drizzle-orm';
import { photoSettingsSchema, photoSettingsUpdateSchema } from '@lastmile/domain';
import { organizations } from '../../db/schema/index.ts';
import { requireRole } from '../../plugins/require-role.ts';
import type { ZodTypeProvider } from '../../plugins/zod-schemas.ts';
import { photoSettingsOf } from '../../services/org-settings.ts';
import { AUDIT_ACTIONS, recordAudit } from '../../services/record-audit.ts';

/**
 * The organization's photo limits (R9): file size, photos per job, types, the long edge photos
 * are scaled to, JPEG or WebP. Phones receive them with the session (re-checked every few
 * minutes and at each sign-in) and apply them offline; the server applies them to every record.
 */
export async function adminPhotoSettingsRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/api/admin/settings/photos',
    {
      onRequest: requireRole('admin', 'office'),
      schema: {
        tags: ['admin'],
        summary: "The organization's photo limits",
        response: { 200: photoSettingsSchema },
      },
    },
    async (request) => photoSettingsOf(app.db, request.actor.orgId),
  );

  app.put(
    '/api/admin/settings/photos',
    {
      onRequest: requireRole('admin'),
      schema: {
        tags: ['admin'],
        summary: "Change the organization's photo limits (fields left out stay as they are)",
        body: photoSettingsUpdateSchema,
        response: { 200: photoSettingsSchema },
      },
    },
    async (request) => {
      const { orgId, userId } = request.actor;
      return app.db.transaction(async (tx) => {
        const before = await photoSettingsOf(tx, orgId);
        await tx
          .update(organizations)
          .set({
            settings: sql`${organizations.settings} || ${JSON.stringify({ photos: { ...before, ...request.body } })}::jsonb`,
          })
          .where(eq(organizations.id, orgId));
        const after = await photoSettingsOf(tx, orgId);
        await recordAudit(tx, request, {
          orgId,
          userId,
          action: AUDIT_ACTIONS.photoSettingsChanged,
          entity: 'organization',
          entityId: orgId,
          changes: [{ field: 'photos', before, after }],
        });
        return after;
      });
    },
  );
}
