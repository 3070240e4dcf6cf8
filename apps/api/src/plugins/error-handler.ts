import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest, FastifyServerOptions } from 'fastify';
import fp from 'fastify-plugin';
import { AppError, ERROR_CODES, HTTP_STATUS_BY_CODE, type ErrorBody, type ErrorCode } from '@lastmile/domain';
import { sqlState } from '@lastmile/sync/server';
import { clientErrorHandler } from './client-errors.ts';

type ErrorReply = { status: number; body: ErrorBody };

/** Client mistakes Fastify detects before our code runs, by Fastify's error code, reworded for people. */
const FRAMEWORK_ERRORS = new Map<string, { code: ErrorCode; message: string }>([
  [
    'FST_ERR_CTP_INVALID_MEDIA_TYPE',
    { code: ERROR_CODES.unsupportedMediaType, message: 'Unsupported content type: send application/json.' },
  ],
  [
    'FST_ERR_CTP_EMPTY_JSON_BODY',
    { code: ERROR_CODES.validation, message: 'The request body is empty: send a JSON object.' },
  ],
  // Fastify's parser also refuses keys that could poison prototypes (valid JSON), and drops why.
  [
    'FST_ERR_CTP_INVALID_JSON_BODY',
    {
      code: ERROR_CODES.validation,
      message: 'The request body is not valid JSON, or holds a "__proto__" or "constructor" key.',
    },
  ],
  ['FST_ERR_CTP_BODY_TOO_LARGE', { code: ERROR_CODES.payloadTooLarge, message: 'The request body is too large.' }],
  [
    'FST_ERR_CTP_INVALID_CONTENT_LENGTH',
    { code: ERROR_CODES.validation, message: 'The Content-Length header does not match the body.' },
  ],
  [
    'FST_ERR_BAD_URL',
    { code: ERROR_CODES.validation, message: 'The address is not valid: it has a malformed %-escape.' },
  ],
  ['FST_ERR_INVALID_URL', { code: ERROR_CODES.validation, message: 'The address is not valid.' }],
  [
    'FST_ERR_MAX_PARAM_LENGTH',
    { code: ERROR_CODES.uriTooLong, message: 'A part of the address is too long (at most 100 characters).' },
  ],
  [
    'FST_ERR_HANDLER_TIMEOUT',
    { code: ERROR_CODES.unavailable, message: 'The server took too long to answer. Try again.' },
  ],
]);

/**
 * Any other client error (a plugin's, a future Fastify's) gets the generic code of its status.
 * A status no code stands for (416 from a static file, say) is answered 400, so the status sent
 * is always the one documented for the code.
 */
const GENERIC_CODES: readonly ErrorCode[] = [
  ERROR_CODES.validation,
  ERROR_CODES.unauthenticated,
  ERROR_CODES.forbidden,
  ERROR_CODES.notFound,
  ERROR_CODES.requestTimeout,
  ERROR_CODES.conflict,
  ERROR_CODES.payloadTooLarge,
  ERROR_CODES.uriTooLong,
  ERROR_CODES.unsupportedMediaType,
  ERROR_CODES.rateLimited,
  ERROR_CODES.headersTooLarge,
];
const GENERIC_CODE_BY_STATUS = new Map(GENERIC_CODES.map((code) => [HTTP_STATUS_BY_CODE[code], code]));

function reply(code: ErrorCode, message: string): ErrorReply {
  return { status: HTTP_STATUS_BY_CODE[code], body: { code, message } };
}

/**
 * The one mapping of every failure to `{ code, message, issues? }` and the status its code
 * documents (HTTP_STATUS_BY_CODE); 5xx details stay in the log.
 */
export function toErrorReply(error: unknown): ErrorReply {
  if (error instanceof AppError) return { status: error.status, body: error.toBody() };
  const fastifyError = error as Partial<FastifyError>;
  const known = typeof fastifyError.code === 'string' ? FRAMEWORK_ERRORS.get(fastifyError.code) : undefined;
  if (known) return reply(known.code, known.message);
  // A date PostgreSQL cannot hold that slipped past a route's schema (22007, 22008): the input's
  // fault, said as such, never a 500 (ADR 0049). Input schemas use `storableDateTime` first.
  const state = sqlState(error);
  if (state === '22007' || state === '22008') {
    return reply(ERROR_CODES.validation, 'A date or time is outside what can be stored (years 1 to 9999).');
  }
  // A number past its column's range (22003: an id or count over PostgreSQL's integer) that a
  // route's schema let through: also the input's fault. Schemas bound their numbers first.
  if (state === '22003') return reply(ERROR_CODES.validation, 'A number is outside the range that can be stored.');
  const status = fastifyError.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    // JSON.parse's SyntaxError, tagged with a 400 by Fastify's body parser.
    if (error instanceof SyntaxError) return reply(ERROR_CODES.validation, 'The request body is not valid JSON.');
    return reply(GENERIC_CODE_BY_STATUS.get(status) ?? ERROR_CODES.validation, fastifyError.message || 'Bad request');
  }
  return reply(ERROR_CODES.internal, 'Internal error');
}

function sendError(error: unknown, request: FastifyRequest, response: FastifyReply): FastifyReply {
  const { status, body } = toErrorReply(error);
  if (status >= 500) request.log.error({ err: error }, 'request failed');
  else request.log.info({ code: body.code, status }, body.message);
  // Every 429 says when to try again (RFC 9110 Retry-After), as /api/docs promises: the per-minute
  // limits set it themselves; an account locked after failed sign-ins says it in its message.
  if (status === 429 && !response.hasHeader('retry-after')) response.header('retry-after', retryAfterSeconds(body));
  return response.status(status).send(body);
}

function retryAfterSeconds(body: ErrorBody): number {
  const params = body.detail?.params ?? {};
  if (typeof params['seconds'] === 'number') return Math.max(1, Math.ceil(params['seconds']));
  if (typeof params['minutes'] === 'number') return Math.max(1, Math.ceil(params['minutes'] * 60));
  return 60;
}

/**
 * Fastify options that route the framework's own answers through the same mapping: router
 * errors (bad %-escapes, over-long path parameters), malformed HTTP on the socket, and requests
 * arriving while the server shuts down (answered by the hook below instead of Fastify's own 503).
 */
export const frameworkErrorOptions = {
  frameworkErrors: (error: FastifyError, request: FastifyRequest, response: FastifyReply) => {
    void sendError(error, request, response);
  },
  clientErrorHandler,
  return503OnClosing: false,
} satisfies Partial<FastifyServerOptions>;

export const errorHandler = fp(
  async (app: FastifyInstance) => {
    app.setErrorHandler((error, request, response) => sendError(error, request, response));

    // Registered before every other plugin, so this hook runs first on both ends: the flag is set
    // as soon as close() starts, and a late request is refused before any other hook runs.
    let closing = false;
    app.addHook('preClose', async () => {
      closing = true;
    });
    app.addHook('onRequest', async (_request, response) => {
      if (!closing) return;
      response.header('connection', 'close');
      throw new AppError(ERROR_CODES.unavailable, 'The server is restarting. Try again in a moment.');
    });
  },
  { name: 'error-handler' },
);
