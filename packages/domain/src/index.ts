export { idSchema, newId, type Id } from './ids.ts';
export { ROLES, roleSchema, isOfficeRole, type Role } from './roles.ts';
export {
  AppError,
  ERROR_CODES,
  HTTP_STATUS_BY_CODE,
  errorBodySchema,
  describeZodIssues,
  validationError,
  type ErrorBody,
  type ErrorCode,
} from './errors.ts';
export {
  JOB_STATUSES,
  OPEN_STATUSES,
  jobStatusSchema,
  checkTransition,
  nextStatuses,
  isOpenStatus,
  statusLabel,
  transitionNeedsReason,
  type JobStatus,
  type TransitionCheck,
} from './job-status.ts';
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
export {
  mutatorArgs,
  MUTATOR_NAMES,
  isMutatorName,
  type MutatorName,
  type MutatorArgs,
} from './mutators/contract.ts';
export { optimisticMutators, assignmentRefusal, type OptimisticMutators } from './mutators/optimistic.ts';
export type { Actor, MutatorContext, MutatorTx } from './mutators/tx.ts';
export { signInRequestSchema, sessionInfoSchema, type SignInRequest, type SessionInfo } from './auth.ts';
export { scope, scopesForActor, workScopes } from './scopes.ts';
export { parseCsv, formatCsvRecord, type CsvRecord, type CsvParseResult } from './csv.ts';
export { parseZonedDateTime } from './office/zoned-date-time.ts';
export { updateJobArgs, applyJobPatch, updateJobRefusal, type UpdateJobArgs } from './mutators/update-job.ts';
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
