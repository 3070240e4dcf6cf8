import { ERROR_CODES, HTTP_STATUS_BY_CODE, type ErrorCode } from '@lastmile/domain';

/** When each code is sent: the text of the document's error responses (and of docs/sync-protocol.md). */
export const WHEN_SENT: Record<ErrorCode, string> = {
  validation:
    'the request (body, query or path) breaks its schema, or a value breaks a rule; `issues` names the fields',
  unauthenticated:
    'no live session: signed out, expired, revoked or deactivated; or a wrong email or password; on /api/v1, no live API key (missing, unknown, revoked or expired)',
  forbidden: 'the signed-in person’s role or team may not do this',
  insufficient_scope: 'the API key may only read (its scopes lack `write`)',
  csrf: 'a write without the session’s `x-csrf-token` header',
  client_mismatch: 'the `clientId` belongs to another person',
  device_revoked:
    'an admin revoked this device: its sessions ended and its sync is refused; the app erases its local data',
  not_found: 'no such route, or no such record in the caller’s organization',
  conflict: 'the change collides with existing data (a name or reference taken, a concurrent change)',
  illegal_transition: 'the job status machine does not allow this change (a mutation refusal)',
  mutation_gap: 'the push’s mutation ids are not consecutive, or do not start right after the last one applied',
  client_id_reused:
    'the push replays a mutation id the server applied as another change: another device pushes with this `clientId`; nothing was applied — take a new client id',
  unknown_mutation: 'the mutation name is not one of the contract’s (a mutation refusal)',
  payload_too_large: 'the body is over the route’s limit, or a push carries more than 500 mutations',
  uri_too_long: 'a path parameter is longer than 100 characters',
  unsupported_media_type: 'a body that is not `application/json`',
  request_timeout: 'the request did not arrive in time',
  headers_too_large: 'the request headers are over 16 KB',
  rate_limited: 'too many attempts; wait and try again',
  unsupported_schema_version: 'the client speaks a protocol version the server no longer supports: update the app',
  locked:
    'a photo’s upload was started over by a newer request while this one was finishing: ask where it stands (HEAD) and continue',
  internal: 'a bug on the server; details are in its log under the request id',
  unavailable: 'the server is shutting down, or kept losing a race with other writers: try again shortly',
};

/** Codes a route's handler raises beyond what its shape implies (see errorCodesFor). */
const ROUTE_CODES: Record<string, readonly ErrorCode[]> = {
  'POST /api/auth/sign-in': [ERROR_CODES.unauthenticated],
  'POST /api/sync/push': [
    ERROR_CODES.clientMismatch,
    ERROR_CODES.mutationGap,
    ERROR_CODES.clientIdReused,
    ERROR_CODES.unsupportedSchemaVersion,
  ],
  'POST /api/sync/pull': [ERROR_CODES.clientMismatch, ERROR_CODES.unsupportedSchemaVersion],
  'POST /api/job-types': [ERROR_CODES.conflict],
  'PATCH /api/job-types/:id': [ERROR_CODES.conflict],
  'PUT /api/job-types/:id/form-rules': [ERROR_CODES.conflict],
  'POST /api/jobs/import/commit': [ERROR_CODES.conflict],
  'GET /api/organization/logo': [ERROR_CODES.notFound],
  // An admin's own role; taking someone with unfinished jobs out of every team.
  'PATCH /api/admin/users/:id': [ERROR_CODES.conflict],
  // Making oneself a lead.
  'PUT /api/admin/teams/:id/lead': [ERROR_CODES.conflict],
  // Found by the schema fuzzer (routes/schema-fuzz.test.ts): codes these handlers raise that the
  // document did not list. A device that has not synced under this session, or the host itself.
  'POST /api/auth/crew': [ERROR_CODES.conflict],
  'GET /api/auth/crew': [ERROR_CODES.conflict],
  'POST /api/auth/crew/leave': [ERROR_CODES.conflict],
  // An unknown or used link; an account deactivated since the link was sent.
  'POST /api/auth/set-password': [ERROR_CODES.notFound, ERROR_CODES.conflict],
  // An email already in use; an admin deactivating themselves; a reset link for a deactivated
  // person; a sweep already running; a delivery still being sent or a webhook switched off.
  'POST /api/admin/users/invite': [ERROR_CODES.conflict],
  'POST /api/admin/users/:id/deactivate': [ERROR_CODES.conflict],
  'POST /api/admin/users/:id/password-reset': [ERROR_CODES.conflict],
  'POST /api/admin/settings/office-window/sweep': [ERROR_CODES.conflict],
  'POST /api/admin/webhooks/:id/deliveries/:deliveryId/redeliver': [ERROR_CODES.conflict],
  // A draft saved by someone else since the editor loaded it (`baseUpdatedAt`, ADR 0012).
  'PUT /api/form-templates/:id': [ERROR_CODES.conflict],
  'PUT /api/form-templates/:id/draft': [ERROR_CODES.conflict],
  'POST /api/form-templates/:id/publish': [ERROR_CODES.conflict],
  // A form version not in the organization (named by the query, not the path).
  'GET /api/exports/answers.csv': [ERROR_CODES.notFound],
  // /api/v1 writes run the sync mutators: their refusals (a changed assignee, an approved job, a
  // taken external reference, a status the job cannot reach) are the same codes as a push's.
  'POST /api/v1/jobs': [ERROR_CODES.conflict, ERROR_CODES.notFound],
  'PATCH /api/v1/jobs/:id': [ERROR_CODES.conflict, ERROR_CODES.illegalTransition],
  'POST /api/v1/jobs/:id/cancel': [ERROR_CODES.conflict, ERROR_CODES.illegalTransition],
};

export type RouteShape = {
  method: string;
  url: string;
  isPublic: boolean;
  hasBody: boolean;
  hasParams: boolean;
  hasQuery: boolean;
  rateLimited: boolean;
};

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Every error code a route can answer with, from its shape (the hooks and parsers every route of
 * that shape passes through) plus the codes its handler raises.
 */
export function errorCodesFor(route: RouteShape): ErrorCode[] {
  const codes = new Set<ErrorCode>([ERROR_CODES.internal, ERROR_CODES.unavailable]);
  const add = (...more: ErrorCode[]) => more.forEach((code) => codes.add(code));
  if (route.url.startsWith('/api/v1/')) {
    // An API key, not a session (ADR 0031): counted per minute; a read-only key cannot write.
    add(ERROR_CODES.unauthenticated, ERROR_CODES.forbidden, ERROR_CODES.rateLimited);
    if (WRITES.has(route.method)) add(ERROR_CODES.insufficientScope);
  } else if (!route.isPublic) {
    // A revoked device's session is answered `device_revoked` on every route, so the app learns why.
    add(ERROR_CODES.unauthenticated, ERROR_CODES.forbidden, ERROR_CODES.deviceRevoked);
    if (WRITES.has(route.method)) add(ERROR_CODES.csrf);
  }
  // Fastify parses a write's body whether or not the route declares one.
  if (route.hasBody || WRITES.has(route.method)) {
    add(ERROR_CODES.validation, ERROR_CODES.payloadTooLarge, ERROR_CODES.unsupportedMediaType);
  }
  if (route.hasQuery) add(ERROR_CODES.validation);
  if (route.hasParams) add(ERROR_CODES.validation, ERROR_CODES.notFound, ERROR_CODES.uriTooLong);
  if (route.rateLimited) add(ERROR_CODES.rateLimited);
  add(...(ROUTE_CODES[`${route.method} ${route.url}`] ?? []));
  return [...codes];
}

/** The codes grouped by the status they are sent with. */
export function codesByStatus(codes: readonly ErrorCode[]): Map<number, ErrorCode[]> {
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of codes) {
    const status = HTTP_STATUS_BY_CODE[code];
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  return byStatus;
}

/** The routes ROUTE_CODES names, so a test can check each still exists. */
export const ROUTES_WITH_OWN_CODES = Object.keys(ROUTE_CODES);
