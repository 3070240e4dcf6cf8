import { createHash } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { AuditChange } from '@lastmile/domain';
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
  organizationUpdated: 'organization.updated',
  logoChanged: 'organization.logo_changed',
  logoRemoved: 'organization.logo_removed',
  photoSettingsChanged: 'settings.photos_changed',
  reviewSettingsChanged: 'settings.review_changed',
  attachmentUploaded: 'attachment.uploaded',
  jobImported: 'job.imported',
  jobMovedWithAssignee: 'job.moved_with_assignee',
  deviceRevoked: 'device.revoked',
  crewJoined: 'crew.joined',
  crewSettingsChanged: 'settings.crew_changed',
  officeWindowChanged: 'settings.office_window_changed',
  crewLeft: 'crew.left',
  apiKeyCreated: 'api_key.created',
  apiKeyRevoked: 'api_key.revoked',
} as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[keyof typeof AUDIT_ACTIONS];

/**
 * What the trail calls a browser session: a short digest of its token's hash, so a REST write can
 * be traced to the session (device) that made it without the trail holding anything that signs in.
 */
export function sessionReference(tokenHash: string): string {
  return `session-${createHash('sha256').update(`audit:${tokenHash}`).digest('hex').slice(0, 16)}`;
}

/** What the trail calls an organization API key: its id is no secret (ADR 0031). */
export function apiKeyReference(keyId: string): string {
  return `api-key-${keyId}`;
}

/** The `clientId` of a REST request's audit row: its session's or API key's reference, or null when signed out. */
export function requestClientId(request: FastifyRequest): string | null {
  if (request.apiKey) return apiKeyReference(request.apiKey.id);
  return request.session ? sessionReference(request.session.tokenHash) : null;
}

type AuditRow = {
  orgId: string;
  userId: string | null;
  /** One of AUDIT_ACTIONS, or `METHOD /route` for the catch-all hook. */
  action: string;
  entity: string | null;
  entityId: string | null;
  jobId?: string | null;
  changes?: AuditChange[];
};

/**
 * One REST write in the trail, inside the write's own transaction: who did what to which row,
 * from which session. The request is marked so the catch-all hook (plugins/audit-writes.ts) does
 * not record it a second time.
 */
export async function recordAudit(db: DbOrTx, request: FastifyRequest | null, event: AuditRow): Promise<void> {
  await db.insert(auditEvents).values({
    ...event,
    source: 'rest',
    clientId: request ? requestClientId(request) : null,
  });
  if (request) request.auditRecorded = true;
}
