import type { FastifyRequest } from 'fastify';
import { and, eq, isNull } from 'drizzle-orm';
import { AppError, ERROR_CODES } from '@lastmile/domain';
import type { AnyDb } from '@lastmile/sync/server';
import { notifyAccessChanged } from '../../auth/access-channel.ts';
import { devices, sessions } from '../../db/schema/index.ts';
import { AUDIT_ACTIONS, recordAudit } from '../record-audit.ts';

export type RevokeDeviceInput = { orgId: string; adminId: string; deviceId: string; reason: string; now?: Date };

/**
 * Revokes a device (lost, stolen): from the commit on, its pushes and pulls are refused, every
 * session it was used through has ended (and its live-update streams close, in every API
 * process), and at its next contact the app erases its local data. Audited with the reason.
 *
 * Idempotent: revoking a revoked device changes nothing and audits nothing (a retried request, or
 * two admins at once — the first reason stays). Returns whether this call revoked it.
 */
export async function revokeDevice(db: AnyDb, request: FastifyRequest, input: RevokeDeviceInput): Promise<boolean> {
  const now = input.now ?? new Date();
  return db.transaction(async (tx) => {
    // The row lock orders this against a push of the device (client-standing.ts) and another revoke.
    const [device] = await tx
      .update(devices)
      .set({ revokedAt: now, revokedBy: input.adminId, revokeReason: input.reason })
      .where(and(eq(devices.id, input.deviceId), eq(devices.orgId, input.orgId), isNull(devices.revokedAt)))
      .returning({ clientId: devices.clientId });
    if (!device) {
      const [existing] = await tx
        .select({ id: devices.id })
        .from(devices)
        .where(and(eq(devices.id, input.deviceId), eq(devices.orgId, input.orgId)));
      // Another organization's device is reported as missing, like one that never existed.
      if (!existing) throw new AppError(ERROR_CODES.notFound, 'No such device in your organization.');
      return false;
    }
    await tx
      .update(sessions)
      .set({ revokedAt: now, revokeReason: 'device_revoked' })
      .where(and(eq(sessions.clientId, device.clientId), eq(sessions.orgId, input.orgId), isNull(sessions.revokedAt)));
    await recordAudit(tx, request, {
      orgId: input.orgId,
      userId: input.adminId,
      action: AUDIT_ACTIONS.deviceRevoked,
      entity: 'device',
      entityId: device.clientId,
      changes: [{ field: 'reason', before: null, after: input.reason }],
    });
    await notifyAccessChanged(tx, input.orgId);
    return true;
  });
}
