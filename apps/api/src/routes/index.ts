import type { FastifyInstance } from 'fastify';
import { adminApiKeyRoutes } from './admin/api-keys.ts';
import { adminDeviceRoutes } from './admin/devices.ts';
import { invitationRoutes } from './admin/invitations.ts';
import { adminPeopleRoutes } from './admin/people.ts';
import { organizationSettingsRoutes } from './admin/organization-settings.ts';
import { adminPhotoSettingsRoutes } from './admin/photo-settings.ts';
import { adminCrewSettingsRoutes } from './admin/crew-settings.ts';
import { adminOfficeWindowRoutes } from './admin/office-window-settings.ts';
import { adminSessionRoutes } from './admin/sessions.ts';
import { adminWebhookRoutes } from './admin/webhooks.ts';
import { attachmentRoutes } from './attachments/index.ts';
import { auditRoutes } from './audit/index.ts';
import { driftRoutes } from './drift/index.ts';
import { authRoutes } from './auth/index.ts';
import { passwordRoutes } from './auth/password.ts';
import { crewRoutes } from './auth/crew.ts';
import { formRoutes } from './forms/index.ts';
import { healthRoutes } from './health.ts';
import { jobImportRoutes } from './office/job-import.ts';
import { jobsTableRoutes } from './office/jobs-table.ts';
import { referenceRoutes } from './office/references.ts';
import { exportRoutes } from './exports/index.ts';
import { jobReportRoutes } from './reports/job-report.ts';
import { jobThreadRoutes } from './reports/job-thread.ts';
import { peopleRoutes } from './people/index.ts';
import { reviewRoutes } from './review/index.ts';
import { refusedReviewRoutes } from './sync/refused-review.ts';
import { syncRoutes } from './sync/index.ts';
import { apiV1Routes } from './v1/index.ts';

/**
 * Every API route plugin. Routes spell out their full path (`/api/auth/sign-in`) so a path in a
 * log line is one grep away. A new area adds one line here and its rows to
 * routes/authorization-matrix.test.ts.
 */
export async function apiRoutes(app: FastifyInstance): Promise<void> {
  await app.register(healthRoutes);
  await app.register(authRoutes);
  await app.register(passwordRoutes);
  await app.register(crewRoutes);
  await app.register(adminSessionRoutes);
  await app.register(adminPhotoSettingsRoutes);
  await app.register(adminCrewSettingsRoutes);
  await app.register(adminOfficeWindowRoutes);
  await app.register(organizationSettingsRoutes);
  await app.register(adminPeopleRoutes);
  await app.register(invitationRoutes);
  await app.register(adminDeviceRoutes);
  await app.register(adminApiKeyRoutes);
  await app.register(adminWebhookRoutes);
  await app.register(syncRoutes);
  await app.register(jobsTableRoutes);
  await app.register(referenceRoutes);
  await app.register(jobImportRoutes);
  await app.register(refusedReviewRoutes);
  await app.register(formRoutes);
  await app.register(attachmentRoutes);
  await app.register(auditRoutes);
  await app.register(driftRoutes);
  await app.register(jobReportRoutes);
  await app.register(jobThreadRoutes);
  await app.register(peopleRoutes);
  await app.register(exportRoutes);
  await app.register(reviewRoutes);
  await app.register(apiV1Routes);
}
