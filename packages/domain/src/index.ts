export { idSchema, newId, type Id } from './ids.ts';
export { queryNumber } from './query-number.ts';
export { ROLES, isOfficeRole, type Role } from './roles.ts';
export { roleSchema } from './role-schema.ts';
export {
  AppError,
  ERROR_CODES,
  HTTP_STATUS_BY_CODE,
  describeZodIssues,
  validationError,
  type ErrorBody,
  type ErrorCode,
  type MessageDetail,
} from './errors.ts';
export { errorBodySchema, messageDetailSchema } from './error-body.ts';
export {
  JOB_STATUSES,
  OPEN_STATUSES,
  checkTransition,
  nextStatuses,
  isOpenStatus,
  statusLabel,
  transitionNeedsReason,
  type JobStatus,
  type TransitionCheck,
} from './job-status.ts';
export { jobStatusSchema } from './job-status-schema.ts';
export {
  ENTITIES,
  ENTITY_NAMES,
  entityNameSchema,
  PRIORITIES,
  prioritySchema,
  ITEM_STATUSES,
  itemStatusSchema,
  userRowSchema,
  teamRowSchema,
  customerRowSchema,
  siteRowSchema,
  jobTypeRowSchema,
  jobRowSchema,
  outstandingItemRowSchema,
  jobMessageRowSchema,
  type EntityName,
  type EntityRow,
  type Priority,
  type ItemStatus,
  type UserRow,
  type TeamRow,
  type CustomerRow,
  type SiteRow,
  type JobTypeRow,
  type JobRow,
  type OutstandingItemRow,
  type JobMessageRow,
} from './entities.ts';
export { mutatorArgs, MUTATOR_NAMES, isMutatorName, type MutatorName, type MutatorArgs } from './mutators/contract.ts';
export { optimisticMutators, assignmentRefusal, type OptimisticMutators } from './mutators/optimistic.ts';
export type { Actor, MutatorContext, MutatorTx } from './mutators/tx.ts';
export { signInRequestSchema, sessionInfoSchema, type SignInRequest, type SessionInfo } from './auth.ts';
export {
  CREW_PIN_ATTEMPTS,
  DEFAULT_CREW_SETTINGS,
  crewSettingsSchema,
  crewSettingsUpdateSchema,
  type CrewSettings,
  type CrewSettingsUpdate,
  crewJoinRequestSchema,
  crewLeaveRequestSchema,
  crewMemberSchema,
  crewPinSchema,
  crewQuerySchema,
  crewSchema,
  type Crew,
  type CrewJoinRequest,
  type CrewLeaveRequest,
  type CrewMember,
} from './crew.ts';
export {
  CLOSED_JOB_STATUSES,
  DEFAULT_OFFICE_WINDOW_SETTINGS,
  officeWindowSettingsSchema,
  officeWindowSettingsUpdateSchema,
  officeWindowSweepSchema,
  type OfficeWindowSettings,
  type OfficeWindowSettingsUpdate,
  type OfficeWindowSweep,
} from './office-window.ts';
export {
  MIN_PASSWORD_LENGTH,
  newPasswordSchema,
  passwordChangeSchema,
  type PasswordChange,
} from './password-change.ts';
export { personScopes, scope, scopesForActor, workScopes, type PersonPlacement } from './scopes.ts';
export {
  parseCsv,
  formatCsvRecord,
  formatCsvExportLine,
  neutralizeCsvFormula,
  CSV_BOM,
  type CsvRecord,
  type CsvParseResult,
  type CsvCell,
} from './csv.ts';
export { parseZonedDateTime } from './office/zoned-date-time.ts';
export {
  updateJobArgs,
  jobPatchSchema,
  apiJobUpdateSchema,
  applyJobPatch,
  approvedJobEditRefusal,
  updateJobRefusal,
  type UpdateJobArgs,
  type ApiJobUpdate,
} from './mutators/update-job.ts';
export { MAX_API_PAGE_SIZE, cursorQueryFields, cursorPageSchema } from './api-v1/cursor-page.ts';
export {
  apiJobsQuerySchema,
  apiJobSchema,
  apiJobsPageSchema,
  apiJobInputSchema,
  apiJobCancelSchema,
  type ApiJobsQuery,
  type ApiJob,
  type ApiJobsPage,
  type ApiJobInput,
  type ApiJobCancel,
} from './api-v1/jobs.ts';
export {
  apiCustomersQuerySchema,
  apiCustomersPageSchema,
  apiSitesQuerySchema,
  apiSitesPageSchema,
  apiItemsQuerySchema,
  apiItemsPageSchema,
  type ApiCustomersQuery,
  type ApiSitesQuery,
  type ApiItemsQuery,
} from './api-v1/references.ts';
export {
  apiSubmissionsQuerySchema,
  apiSubmissionSchema,
  apiSubmissionsPageSchema,
  apiAnswerSchema,
  apiAttachmentLinkSchema,
  type ApiSubmissionsQuery,
  type ApiSubmission,
  type ApiAttachmentLink,
} from './api-v1/submissions.ts';
export {
  adminUserUpdateSchema,
  teamInputSchema,
  teamLeadSchema,
  type AdminUserUpdate,
  type TeamInput,
  type TeamLead,
} from './admin/people-input.ts';
export { adminUserChangeSchema, type AdminUserChange } from './admin/people-change.ts';
export {
  DEVICE_SORTS,
  MAX_REVOKE_REASON_LENGTH,
  deviceSortSchema,
  devicesQuerySchema,
  deviceSchema,
  devicesListSchema,
  revokeDeviceSchema,
  type DeviceSort,
  type DevicesQuery,
  type Device,
  type DevicesList,
  type RevokeDevice,
} from './admin/devices.ts';
export {
  API_KEY_PREFIX,
  API_KEY_SCOPES,
  MAX_API_KEY_NAME_LENGTH,
  apiKeyInputSchema,
  apiKeyScopeSchema,
  apiKeySchema,
  apiKeysListSchema,
  createdApiKeySchema,
  type ApiKey,
  type ApiKeyInput,
  type ApiKeyScope,
  type ApiKeysList,
  type CreatedApiKey,
} from './admin/api-keys.ts';
export {
  inviteUserSchema,
  invitationSchema,
  passwordLinkSchema,
  setPasswordSchema,
  type InviteUser,
  type Invitation,
  type PasswordLink,
  type SetPassword,
} from './admin/invitation-input.ts';
export {
  adminPersonSchema,
  invitationStateSchema,
  INVITATION_STATES,
  type AdminPerson,
  type InvitationState,
} from './admin/people-list.ts';
export {
  canonicalTimeZone,
  DEFAULT_TIME_ZONE,
  LOGO_TYPES,
  logoInfoSchema,
  logoTypeSchema,
  logoUploadSchema,
  MAX_LOGO_BYTES,
  ORG_LOCALES,
  orgLocaleSchema,
  organizationSettingsSchema,
  organizationSettingsUpdateSchema,
  timeZoneSchema,
  type LogoInfo,
  type LogoType,
  type LogoUpload,
  type OrgLocale,
  type OrganizationSettings,
  type OrganizationSettingsUpdate,
} from './admin/organization-settings.ts';
export {
  customerInputSchema,
  siteInputSchema,
  siteUpdateSchema,
  jobTypeInputSchema,
  idParamsSchema,
  FIELD_KEY_PATTERN,
  MAX_KEY_FIELDS,
  type CustomerInput,
  type SiteInput,
  type SiteUpdate,
  type JobTypeInput,
} from './office/references-input.ts';
export {
  JOB_SORTS,
  MAX_PAGE_SIZE,
  jobsQuerySchema,
  jobTableItemSchema,
  jobsPageSchema,
  type JobSort,
  type JobsQuery,
  type JobTableItem,
  type JobsPage,
} from './office/jobs-table.ts';
export { MAX_FILTER_VALUES } from './office/job-filter-fields.ts';
export {
  MAX_IMPORT_ROWS,
  MAX_IMPORT_BYTES,
  IMPORT_COLUMNS,
  REQUIRED_IMPORT_COLUMNS,
  importRequestSchema,
  importCommitRequestSchema,
  importRowSchema,
  importPreviewSchema,
  importResultSchema,
  type ImportColumn,
  type ImportRequest,
  type ImportCommitRequest,
  type ImportRow,
  type ImportPreview,
  type ImportResult,
} from './office/job-import.ts';
export {
  FIELD_TYPES,
  CONDITION_OPERATORS,
  TIME_PATTERN,
  fieldTypeSchema,
  fieldKeySchema,
  conditionSchema,
  visibilitySchema,
  groupFieldSchema,
  fieldSchema,
  sectionSchema,
  templateDefinitionSchema,
  type FieldType,
  type ConditionOperator,
  type Condition,
  type Visibility,
  type LeafField,
  type GroupField,
  type Field,
  type Section,
  type TemplateDefinition,
  type TemplateDefinitionInput,
} from './forms/definition.ts';
export {
  indexDefinition,
  conditionFields,
  isAnswerable,
  type IndexedField,
  type IndexedSection,
  type FieldIndex,
} from './forms/field-index.ts';
export {
  answerValueSchema,
  answerValueJsonSchema,
  leafValueSchema,
  answerProblem,
  isAnswered,
  type LeafValue,
  type GroupEntry,
  type AnswerValue,
  type Answers,
} from './forms/answers.ts';
export { operatorsFor, allowedValues, conditionValueProblem, testCondition } from './forms/conditions.ts';
export { evaluateVisibility, matchesVisibility, entryFieldKey } from './forms/visibility.ts';
export { findRevealingAnswers, candidateValues, type Reachability } from './forms/reachability.ts';
export {
  validateDefinition,
  parseDefinition,
  describeCondition,
  fieldTypeName,
  type DefinitionIssue,
  type ValidateDefinitionOptions,
} from './forms/validate-definition.ts';
export { validateSubmission, type SubmissionProblem, type JobTypeFormRules } from './forms/validate-submission.ts';
export { migrateAnswers, type MigrationResult, type TypeChange } from './forms/migrate-answers.ts';
export { diffDefinitions, type DefinitionChange } from './forms/diff-definitions.ts';
export {
  MAX_FORM_KEY_FIELDS,
  jobTypeFormRulesSchema,
  jobTypeRulesBaseSchema,
  sameJobTypeRules,
  validateJobTypeRules,
  type JobTypeFormRulesInput,
  type JobTypeRulesBase,
} from './forms/job-type-rules.ts';
export {
  FORM_RESPONSE_STATUSES,
  formResponseStatusSchema,
  formVersionRowSchema,
  formResponseRowSchema,
  formAnswerRowSchema,
  formAnswerHistoryItemSchema,
  formAnswerId,
  answersFromRows,
  type FormResponseStatus,
  type FormVersionRow,
  type FormResponseRow,
  type FormAnswerRow,
  type FormAnswerHistoryItem,
} from './forms/rows.ts';
export { formMutatorArgs } from './forms/mutation-args.ts';
export { jobFormsRefusal, setAnswerRefusal, submissionRefusal, moveRefusal } from './forms/optimistic-forms.ts';
export { isStorableText, toStorable, toStorableCut, toStorableText } from './storable-text.ts';
export { RFC3339_MESSAGE } from './storable-date.ts';
export { formResponseIdFor } from './forms/response-id.ts';
export { sameJson } from './same-json.ts';
export {
  ATTACHMENT_TYPES,
  ATTACHMENT_KINDS,
  ATTACHMENT_STATES,
  MAX_ATTACHMENT_BYTES,
  attachmentRowSchema,
  attachmentTypeSchema,
  attachmentKindSchema,
  addAttachmentArgs,
  sha256Schema,
  photoLocationSchema,
  type PhotoLocation,
  type AttachmentRow,
  type AttachmentType,
  type AttachmentKind,
  type AttachmentState,
  type AddAttachmentArgs,
} from './attachments/attachment.ts';
export {
  photoSettingsSchema,
  photoSettingsUpdateSchema,
  DEFAULT_PHOTO_SETTINGS,
  photoRefusal,
  checkPhoto,
  formatBytes,
  type PhotoSettings,
  type PhotoSettingsUpdate,
} from './attachments/limits.ts';
export {
  AUDIT_SOURCES,
  MAX_AUDIT_PAGE,
  auditChangeSchema,
  auditSourceSchema,
  auditEventSchema,
  auditQuerySchema,
  auditPageSchema,
  clientIdParamsSchema,
  auditDeviceSchema,
  type AuditDevice,
  type AuditChange,
  type AuditSource,
  type AuditEvent,
  type AuditQuery,
  type AuditPage,
} from './audit/audit-event.ts';
export { mutationAuditSubject, hasAuditSubject, type AuditSubject } from './audit/mutation-subject.ts';
export {
  REVIEW_MODES,
  REVIEW_DECISIONS,
  REVIEW_STAGES,
  MAX_REVIEW_COMMENT,
  MAX_FIELD_COMMENTS,
  DEFAULT_REVIEW_SETTINGS,
  reviewModeSchema,
  reviewSettingsSchema,
  reviewDecisionSchema,
  reviewStageSchema,
  fieldCommentSchema,
  reviewRoundRowSchema,
  reviewJobArgs,
  type ReviewMode,
  type ReviewSettings,
  type ReviewDecision,
  type ReviewStage,
  type FieldComment,
  type ReviewRoundRow,
  type ReviewJobArgs,
} from './review/review-round.ts';
export { currentRound } from './review/current-round.ts';
export {
  awaitingStage,
  canReview,
  planReview,
  fieldCommentProblem,
  groupKeyOf,
  type ReviewPlan,
} from './review/review-rules.ts';
export {
  reviewQueueQuerySchema,
  reviewQueueItemSchema,
  reviewQueuePageSchema,
  type ReviewQueueQuery,
  type ReviewQueueItem,
  type ReviewQueuePage,
} from './review/review-queue.ts';
export { jobThreadSchema, threadMessageSchema, type JobThread, type ThreadMessage } from './reports/job-thread.ts';
export { jobPeopleSchema, jobPersonSchema, type JobPeople, type JobPerson } from './reports/job-people.ts';
export {
  foundPersonSchema,
  PEOPLE_SEARCH_LIMIT,
  PEOPLE_SEARCH_MAX,
  PEOPLE_SEARCH_MIN,
  peopleSearchQuerySchema,
  peopleSearchSchema,
  type FoundPerson,
  type PeopleSearch,
  type PeopleSearchQuery,
} from './people/people-search.ts';
export {
  jobReportSchema,
  reportAnswerSchema,
  reportLeafAnswerSchema,
  reportSectionSchema,
  reportFormSchema,
  reportPhotoSchema,
  reportActivitySchema,
  reportItemSchema,
  reportReviewSchema,
  type JobReport,
  type ReportAnswer,
  type ReportLeafAnswer,
  type ReportSection,
  type ReportForm,
  type ReportPhoto,
  type ReportActivity,
  type ReportItem,
  type ReportReview,
} from './reports/job-report.ts';
export { reportSections, reportLeafAnswer } from './reports/report-answers.ts';
export {
  answersExportQuerySchema,
  auditExportQuerySchema,
  EXPORT_URLS,
  jobReportUrl,
  type AnswersExportQuery,
  type AuditExportQuery,
} from './reports/exports.ts';
export {
  refusedChangeSchema,
  refusedChangesQuerySchema,
  refusedChangesSchema,
  type RefusedChange,
  type RefusedChanges,
  type RefusedChangesQuery,
} from './refused-changes.ts';
export {
  DRIFT_EXAMPLES,
  LATE_FORM_MINUTES,
  LONG_NOTES_CHARS,
  STALE_DEVICE_DAYS,
  driftQuerySchema,
  driftReportSchema,
  type DriftQuery,
  type DriftReport,
  type ExampleJob,
  type FieldSignal,
  type SendBackRow,
} from './drift/drift-report.ts';
export {
  NOTIFICATION_KINDS,
  markNotificationsReadArgs,
  mentionedPeople,
  notificationKindSchema,
  notificationRowSchema,
  type NotificationKind,
  type NotificationRow,
} from './notifications/notification.ts';
export {
  MAX_WEBHOOK_DESCRIPTION_LENGTH,
  MAX_WEBHOOK_URL_LENGTH,
  WEBHOOK_DELIVERY_STATUSES,
  WEBHOOK_EVENT_TYPES,
  webhookAttemptSchema,
  webhookCreateSchema,
  webhookDeliveriesQuerySchema,
  webhookDeliveriesSchema,
  webhookDeliverySchema,
  webhookEventTypeSchema,
  webhookSubscriptionSchema,
  webhookSubscriptionsSchema,
  webhookUpdateSchema,
  webhookUrlSchema,
  webhookWithSecretSchema,
  type WebhookCreate,
  type WebhookDeliveries,
  type WebhookDelivery,
  type WebhookEventType,
  type WebhookSubscription,
  type WebhookUpdate,
  type WebhookWithSecret,
} from './webhooks/webhooks.ts';
export {
  anyBody,
  crewMemberParser,
  crewParser,
  errorBodyParser,
  isCrewPin,
  jobPeopleParser,
  parseCrew,
  parseCrewMember,
  parseErrorBody,
  parseJobPeople,
  parseSessionInfo,
  sessionInfoParser,
  signInProblems,
  type ParseResult,
  type Parser,
} from './start-parsers.ts';
