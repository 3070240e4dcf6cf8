import type { FastifyRequest } from 'fastify';

/**
 * What an error may bring into the log. Database errors carry the values of a failed statement
 * in several places: drizzle's message and `params`, PGlite's `params`, Postgres's `detail`
 * ("Key (email)=(…) already exists"), `where` and `internalQuery`; those hold session-token
 * hashes, names and notes. Only these fields are kept: the SQL text, the error code and where
 * the error came from.
 */
const KEPT_FIELDS = [
  'code',
  'severity',
  'constraint',
  'table',
  'column',
  'schema',
  'routine',
  'position',
  'statusCode',
  'status',
  'errno',
  'syscall',
] as const;

/** Enough SQL to recognise the statement, not a megabyte of a bulk insert's text. */
const MAX_QUERY = 2000;
const MAX_DEPTH = 3;

type LoggedError = Record<string, unknown> & { type: string; message: string; stack: string };

/**
 * A message without statement values: drizzle appends them after "params:", and Postgres
 * quotes the value it could not read ('invalid input syntax for type uuid: "…"', 'value "…" is
 * out of range'). Quoted identifiers (constraint, table and column names) stay.
 */
export function redactMessage(message: string): string {
  return message
    .replace(/\nparams: [\s\S]*$/, '\nparams: [redacted]')
    .replace(/: ".*"$/s, ': "[redacted]"')
    .replace(/\bvalue "[^"]*"/g, 'value "[redacted]"');
}

function redactStack(stack: string, heading: string): string {
  const frames = stack.split('\n').filter((line) => /^\s+at /.test(line));
  return [heading, ...frames].join('\n');
}

function field(value: object, key: string): unknown {
  return (value as Record<string, unknown>)[key];
}

/**
 * pino's `err` serializer, but with an allowlist: type, message and stack without statement
 * values, the SQL text, the fields above, and the same for `cause` and an AggregateError's
 * `errors`. Anything else an error drags along (parameters, rows, request bodies) stays out.
 */
export function redactError(value: unknown, depth = 0): LoggedError {
  if (typeof value !== 'object' || value === null) {
    return { type: typeof value, message: redactMessage(String(value)), stack: '' };
  }
  // drizzle's DrizzleQueryError keeps the name "Error": its class says more.
  const type = value instanceof Error ? (value.name !== 'Error' ? value.name : value.constructor.name) : 'Object';
  const rawMessage = field(value, 'message');
  const message = redactMessage(typeof rawMessage === 'string' ? rawMessage : '');
  const stack = field(value, 'stack');
  const logged: LoggedError = {
    type,
    message,
    stack: typeof stack === 'string' ? redactStack(stack, `${type}: ${message}`) : '',
  };
  const query = field(value, 'query');
  if (typeof query === 'string') logged['query'] = query.length > MAX_QUERY ? `${query.slice(0, MAX_QUERY)}…` : query;
  for (const key of KEPT_FIELDS) {
    const kept = field(value, key);
    if (typeof kept === 'string' || typeof kept === 'number') logged[key] = kept;
  }
  if (depth < MAX_DEPTH) {
    const cause = field(value, 'cause');
    if (cause !== undefined) logged['cause'] = redactError(cause, depth + 1);
    const errors = field(value, 'errors');
    if (Array.isArray(errors)) logged['errors'] = errors.map((inner: unknown) => redactError(inner, depth + 1));
  }
  return logged;
}

/** Query values are people's input (the office's job search holds customer names): names only. */
export function withoutQueryValues(url: string): string {
  const at = url.indexOf('?');
  if (at < 0) return url;
  const names = url
    .slice(at + 1)
    .split('&')
    .filter(Boolean)
    .map((pair) => `${pair.split('=')[0] ?? ''}=…`);
  return `${url.slice(0, at)}?${names.join('&')}`;
}

/** Fastify's request serializer, with the query's values left out. */
export function requestForLog(request: FastifyRequest): Record<string, unknown> {
  return {
    method: request.method,
    url: withoutQueryValues(request.url),
    host: request.host,
    remoteAddress: request.ip,
    remotePort: request.socket.remotePort,
  };
}
