import type { FastifyInstance } from 'fastify';
import { eq, sql } from 'drizzle-orm';
import { officeWindowSettingsSchema } from '@lastmile/domain';
import { organizations } from '../../db/schema/index.ts';
import { requireRole } from '../../plugins/require-role.ts';
import type { ZodTypeProvider } from '../../plugins/zod-schemas.ts';
import { officeWindowSettingsOf } from '../../services/org-settings.ts';
import { AUDIT_ACTIONS, recordAudit } from '../../services/record-audit.ts';

/**
 * How many days of closed work the office's devices keep (ADR 0040). The office-window sweep reads
 * it at its next run; older jobs stay reachable through the REST API.
 */
export async function adminOfficeWindowRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/api/admin/settings/office-window',
    {
      onRequest: requireRole('admin', 'office'),
      schema: {
        tags: ['admin'],
        summary: 'Days of closed work kept on office devices',
        response: { 200: officeWindowSettingsSchema },
      },
    },
    async (request) => officeWindowSettingsOf(app.db, request.actor.orgId),
  );

  app.put(
    '/api/admin/settings/office-window',
    {
      onRequest: requireRole('admin'),
      schema: {
        tags: ['admin'],
        summary: 'Change the days of closed work kept on office devices',
        body: officeWindowSettingsSchema,
        response: { 200: officeWindowSettingsSchema },
      },
    },
    async (request) => {
      const { orgId, userId } = request.actor;
      return app.db.transaction(async (tx) => {
        const before = await officeWindowSettingsOf(tx, orgId);
        await tx
          .update(organizations)
          .set({
            settings: sql`${organizations.settings} || ${JSON.stringify({ officeWindow: request.body })}::jsonb`,
          })
          .where(eq(organizations.id, orgId));
        const after = await officeWindowSettingsOf(tx, orgId);
        await recordAudit(tx, request, {
          orgId,
          userId,
          action: AUDIT_ACTIONS.officeWindowChanged,
          entity: 'organization',
          entityId: orgId,
          changes: [{ field: 'officeWindow', before, after }],
        });
        return after;
      });
    },
  );
}
