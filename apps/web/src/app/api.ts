import { errorBodyParser, type ErrorCode, type MessageDetail, type Parser } from '@lastmile/domain';
import { t } from '../i18n/index.ts';

/** A failure the server answered with: its `{code, message, issues?}` body and HTTP status. */
/**
 * A GET query string: lists repeat the parameter (`status=a&status=b`, what the API's list
 * filters read); undefined and '' are left out.
 */
export function queryString(query: Readonly<Record<string, unknown>>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    for (const item of Array.isArray(value) ? value : [value])
      if (item !== undefined && item !== '') params.append(key, String(item));
  }
  return params.toString();
}

export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly issues: readonly { path: string; message: string }[];
  /** The message's key and parameters, for serverMessage() to say it in the person's language. */
  readonly detail: MessageDetail | undefined;
  constructor(
    status: number,
    code: ErrorCode,
    message: string,
    issues: readonly { path: string; message: string }[] = [],
    detail?: MessageDetail,
  ) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.issues = issues;
    this.detail = detail;
  }
}

/** The request never got an answer (offline, DNS, server down): callers fall back to local data. */
export class NetworkError extends Error {
  constructor(cause: unknown) {
    super(t('error.network'), { cause });
    this.name = 'NetworkError';
  }
}

let csrfToken: string | null = null;
let deviceRevoked: ((error: ApiError) => void) | null = null;

/**
 * Called when any answer says this device was revoked (`device_revoked`: a sync, the session
 * check, any screen's request): the session module then shows why and erases the device's data.
 */
export function onDeviceRevoked(handler: ((error: ApiError) => void) | null): void {
  deviceRevoked = handler;
}

/** Set by the session module after sign-in or revalidation; sent on every unsafe request. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

type RequestOptions<T> = {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  /** A zod schema, or one of the domain's zod-free start-path parsers (start-parsers.ts). */
  schema: Parser<T>;
  signal?: AbortSignal;
};

async function readErrorBody(response: Response): Promise<ApiError> {
  const json: unknown = await response.json().catch(() => null);
  const parsed = errorBodyParser.safeParse(json);
  if (parsed.success) {
    const { code, message, issues, detail } = parsed.data;
    return new ApiError(response.status, code, message, issues, detail);
  }
  // A proxy or crash page rather than our API: keep the status, use a readable message.
  return new ApiError(response.status, 'internal', t('error.unexpected', { status: response.status }));
}

/**
 * Calls the API on the same origin with the session cookie. Resolves with the body parsed by
 * `schema`; rejects with ApiError (the server said no) or NetworkError (no answer).
 */
export async function apiRequest<T>(path: string, options: RequestOptions<T>): Promise<T> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;

  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new NetworkError(error);
  }
  if (!response.ok) {
    const error = await readErrorBody(response);
    if (error.code === 'device_revoked') deviceRevoked?.(error);
    throw error;
  }

  const json: unknown = response.status === 204 ? null : await response.json().catch(() => undefined);
  const parsed = options.schema.safeParse(json);
  if (!parsed.success) {
    throw new ApiError(response.status, 'internal', t('error.badResponse'));
  }
  return parsed.data;
}
