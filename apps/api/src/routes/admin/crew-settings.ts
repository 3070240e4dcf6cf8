import type { FastifyInstance } from 'fastify';
import { eq, sql } from 'drizzle-orm';
import { crewSettingsSchema, crewSettingsUpdateSchema } from '@lastmile/domain';
import { organizations } from '../../db/schema/index.ts';
import { requireRole } from '../../plugins/require-role.ts';
import type { ZodTypeProvider } from '../../plugins/zod-schemas.ts';
import { crewSettingsOf } from '../../services/org-settings.ts';
import { AUDIT_ACTIONS, recordAudit } from '../../services/record-audit.ts';

/**
 * Crew mode's idle time (R5, ADR 0033): how long a shared phone may lie untouched before it asks
 * who holds it. Phones get it with the session (re-checked every few minutes) and apply it offline.
 */
export async function adminCrewSettingsRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/api/admin/settings/crew',
    {
      onRequest: requireRole('admin', 'office'),
      schema: {
        tags: ['admin'],
        summary: "Crew mode's idle time on shared phones",
        response: { 200: crewSettingsSchema },
      },
    },
    async (request) => crewSettingsOf(app.db, request.actor.orgId),
  );

  app.put(
    '/api/admin/settings/crew',
    {
      onRequest: requireRole('admin'),
      schema: {
        tags: ['admin'],
        summary: "Change crew mode's idle time",
        body: crewSettingsUpdateSchema,
        response: { 200: crewSettingsSchema },
      },
    },
    async (request) => {
      const { orgId, userId } = request.actor;
      return app.db.transaction(async (tx) => {
        const before = await crewSettingsOf(tx, orgId);
        await tx
          .update(organizations)
          .set({
            settings: sql`${organizations.settings} || ${JSON.stringify({ crew: { ...before, ...request.body } })}::jsonb`,
          })
          .where(eq(organizations.id, orgId));
        const after = await crewSettingsOf(tx, orgId);
        await recordAudit(tx, request, {
          orgId,
          userId,
          action: AUDIT_ACTIONS.crewSettingsChanged,
          entity: 'organization',
          entityId: orgId,
          changes: [{ field: 'crew', before, after }],
        });
        return after;
      });
    },
  );
}
