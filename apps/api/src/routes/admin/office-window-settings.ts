import type { FastifyInstance } from 'fastify';
import { eq, sql } from 'drizzle-orm';
import {
  AppError,
  ERROR_CODES,
  officeWindowSettingsSchema,
  officeWindowSettingsUpdateSchema,
  officeWindowSweepSchema,
} from '@lastmile/domain';
import { organizations } from '../../db/schema/index.ts';
import { requireRole } from '../../plugins/require-role.ts';
import type { ZodTypeProvider } from '../../plugins/zod-schemas.ts';
import { sweepOfficeWindow } from '../../services/office-window/sweep-office-window.ts';
import { officeWindowSettingsOf } from '../../services/org-settings.ts';
import { AUDIT_ACTIONS, recordAudit } from '../../services/record-audit.ts';

/**
 * How many days of closed work the office's devices keep (ADR 0040). The office-window sweep reads
 * it at its next run, or at once when an admin applies it; older jobs stay reachable through the
 * REST API and open read-only on the job screen (ADR 0041).
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
        body: officeWindowSettingsUpdateSchema,
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
            settings: sql`${organizations.settings} || ${JSON.stringify({ officeWindow: { ...before, ...request.body } })}::jsonb`,
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
  // The scheduled sweep, now and for this organization only: an admin who narrowed the window
  // need not wait for the next run (≤ OFFICE_WINDOW_EVERY_MINUTES). Idempotent, like the sweep.
  app.post(
    '/api/admin/settings/office-window/sweep',
    {
      onRequest: requireRole('admin'),
      schema: {
        tags: ['admin'],
        summary: "Apply the window now: take the organization's aged-out closed jobs off office devices",
        response: { 200: officeWindowSweepSchema },
      },
    },
    async (request) => {
      const run = await sweepOfficeWindow(app.db, { orgId: request.actor.orgId });
      if (run === 'busy') {
        throw new AppError(
          ERROR_CODES.conflict,
          'The window is being applied by another server; try again in a minute.',
        );
      }
      return { departed: run.departed, returned: run.returned };
    },
  );
}
