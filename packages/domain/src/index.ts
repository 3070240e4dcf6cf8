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
