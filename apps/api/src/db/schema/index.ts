export { organizations, organizationLogos, teams, users, sessions, userTokens, devices } from './org.ts';
export { auditEvents } from './audit.ts';
export {
  customers,
  sites,
  jobTypes,
  jobs,
  jobAssignments,
  outstandingItems,
  jobMessages,
  officeWindowDepartures,
} from './work.ts';
export {
  formTemplates,
  formTemplateVersions,
  formResponses,
  formAnswers,
  formAnswerHistory,
  formResponseAliases,
} from './forms.ts';
export { attachments } from './attachments.ts';
// The sync engine's tables (its schema.ts holds nothing else), for drizzle-kit and the app.
export * from '@lastmile/sync/schema';
export { reviewRounds } from './review.ts';
export { rateLimits } from './auth-limits.ts';
export { notifications } from './notifications.ts';
export { apiKeys } from './api-keys.ts';
export { webhookSubscriptions, webhookEvents, webhookDeliveries, webhookAttempts } from './webhooks.ts';
