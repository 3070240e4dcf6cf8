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
export {
  syncOrgVersions,
  syncClients,
  syncMutationResults,
  syncChanges,
  syncChangeRows,
  syncVersionMarks,
} from '@lastmile/sync/server';
export { reviewRounds } from './review.ts';
export { rateLimits } from './auth-limits.ts';
export { notifications } from './notifications.ts';
export { apiKeys } from './api-keys.ts';
export { webhookSubscriptions, webhookEvents, webhookDeliveries, webhookAttempts } from './webhooks.ts';
