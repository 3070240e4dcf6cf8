import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { devicesListSchema, devicesQuerySchema, idParamsSchema, revokeDeviceSchema } from '@lastmile/domain';
import { requireRole } from '../../plugins/require-role.ts';
import type { ZodTypeProvider } from '../../plugins/zod-schemas.ts';
import { findDevices } from '../../services/devices/find-devices.ts';
import { revokeDevice } from '../../services/devices/revoke-device.ts';

/**
 * The device registry (issue 12): every browser profile that syncs, as it last reported, and
 * revoking one that is lost or stolen. Admins only; docs/decisions/0028-device-registry-and-revocation.md.
 */
export async function adminDeviceRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const admin = requireRole('admin');

  app.get(
    '/api/admin/devices',
    {
      onRequest: admin,
      schema: {
        tags: ['admin'],
        summary: "The organization's devices with what each reported at its last contact",
        querystring: devicesQuerySchema,
        response: { 200: devicesListSchema },
      },
    },
    async (request) => ({ devices: await findDevices(app.db, request.actor.orgId, request.query) }),
  );

  app.post(
    '/api/admin/devices/:id/revoke',
    {
      onRequest: admin,
      schema: {
        tags: ['admin'],
        summary:
          'Revoke a lost or stolen device: its sessions end, its sync is refused, and it erases its data at next contact',
        params: idParamsSchema,
        body: revokeDeviceSchema,
        response: {
          200: z.object({
            /** False when it was revoked already (a retried request): nothing changed. */
            revoked: z.boolean(),
          }),
        },
      },
    },
    async (request) => {
      const { orgId, userId } = request.actor;
      const revoked = await revokeDevice(app.db, request, {
        orgId,
        adminId: userId,
        deviceId: request.params.id,
        reason: request.body.reason,
      });
      request.log.info({ deviceId: request.params.id, revoked }, 'revoked device');
      // A repeated revoke changed nothing: nothing for the catch-all audit hook to record either.
      if (!revoked) request.auditRecorded = true;
      return { revoked };
    },
  );
}
