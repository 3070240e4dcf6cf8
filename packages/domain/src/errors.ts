import type { z } from 'zod';

/** Every error that crosses the wire carries one of these codes and a human message. */
export const ERROR_CODES = {
  validation: 'validation',
  unauthenticated: 'unauthenticated',
  forbidden: 'forbidden',
  /** An organization API key without the permission this needs (a read-only key writing). */
  insufficientScope: 'insufficient_scope',
  notFound: 'not_found',
  conflict: 'conflict',
  illegalTransition: 'illegal_transition',
  rateLimited: 'rate_limited',
  csrf: 'csrf',
  payloadTooLarge: 'payload_too_large',
  unsupportedSchemaVersion: 'unsupported_schema_version',
  mutationGap: 'mutation_gap',
  /**
   * A push replays mutation ids the server applied as other changes: another device pushes with
   * this client id (a restored backup, a cloned device). Nothing of the push was applied.
   */
  clientIdReused: 'client_id_reused',
  clientMismatch: 'client_mismatch',
  /** An admin revoked this device (lost or stolen): its sessions ended, its sync is refused. */
  deviceRevoked: 'device_revoked',
  unknownMutation: 'unknown_mutation',
  // The HTTP layer's own refusals: each needs a code whose status is the one actually sent.
  uriTooLong: 'uri_too_long',
  unsupportedMediaType: 'unsupported_media_type',
  requestTimeout: 'request_timeout',
  headersTooLarge: 'headers_too_large',
  /** Another request is writing the same upload (a photo's bytes) right now: try again shortly. */
  locked: 'locked',
  internal: 'internal',
  unavailable: 'unavailable',
} as const;
export type ErrorCode = (typeof ERROR_CODES)[keyof typeof ERROR_CODES];

export const HTTP_STATUS_BY_CODE: Record<ErrorCode, number> = {
  validation: 400,
  unauthenticated: 401,
  forbidden: 403,
  insufficient_scope: 403,
  not_found: 404,
  conflict: 409,
  illegal_transition: 409,
  rate_limited: 429,
  csrf: 403,
  payload_too_large: 413,
  unsupported_schema_version: 426,
  mutation_gap: 409,
  client_id_reused: 409,
  client_mismatch: 403,
  device_revoked: 403,
  unknown_mutation: 400,
  uri_too_long: 414,
  unsupported_media_type: 415,
  request_timeout: 408,
  headers_too_large: 431,
  locked: 423,
  internal: 500,
  unavailable: 503,
};

/**
 * What a message says, as a key and parameters (`auth.wrongPassword`, `job.transition.notFrom`
 * with `{from, to}`): the app picks the words from its catalog in the person's language, and
 * falls back to the English `message` for a key it does not know (an older app).
 */
export type MessageDetail = { key: string; params?: Record<string, string | number> | undefined };

/** The body of every error answer; its schema (error-body.ts) is kept apart so this file needs no zod. */
export type ErrorBody = {
  code: ErrorCode;
  /** English, for API clients and logs. */
  message: string;
  /** Field-level details for validation errors: path → message. */
  issues?: { path: string; message: string }[] | undefined;
  detail?: MessageDetail | undefined;
};

/** The one error type the domain and the server throw for expected failures. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly issues: { path: string; message: string }[] | undefined;
  readonly detail: MessageDetail | undefined;
  constructor(code: ErrorCode, message: string, issues?: { path: string; message: string }[], detail?: MessageDetail) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.issues = issues;
    this.detail = detail;
  }
  get status(): number {
    return HTTP_STATUS_BY_CODE[this.code];
  }
  toBody(): ErrorBody {
    return {
      code: this.code,
      message: this.message,
      ...(this.issues ? { issues: this.issues } : {}),
      ...(this.detail ? { detail: this.detail } : {}),
    };
  }
}

/** Turns zod issues into readable `path: message` pairs. */
export function describeZodIssues(error: z.ZodError): { path: string; message: string }[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join('.') || '(root)',
    message: issue.message,
  }));
}

export function validationError(what: string, error: z.ZodError): AppError {
  const issues = describeZodIssues(error);
  const first = issues[0];
  const summary = first ? `${first.path}: ${first.message}` : 'invalid';
  return new AppError(ERROR_CODES.validation, `Invalid ${what}: ${summary}`, issues);
}
