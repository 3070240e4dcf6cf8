import type { DbOrTx } from '@lastmile/sync/server';
import { auditEvents } from '../db/schema/index.ts';

export const AUDIT_ACTIONS = {
  userUpdated: 'user.updated',
  userDeactivated: 'user.deactivated',
  userReactivated: 'user.reactivated',
  passwordChanged: 'user.password_changed',
  userInvited: 'user.invited',
  passwordResetIssued: 'user.password_reset_issued',
  passwordSet: 'user.password_set',
  teamCreated: 'team.created',
  teamRenamed: 'team.renamed',
  teamLeadSet: 'team.lead_set',
} as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[keyof typeof AUDIT_ACTIONS];

/** One row of the organization's audit trail: who did what to which row. */
export async function recordAudit(
  db: DbOrTx,
  event: { orgId: string; userId: string; action: AuditAction; entity: string; entityId: string },
): Promise<void> {
  await db.insert(auditEvents).values(event);
}
