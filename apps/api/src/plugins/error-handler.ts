import type { FastifyError, FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { AppError, ERROR_CODES, type ErrorBody, type ErrorCode } from '@lastmile/domain';

type ErrorReply = { status: number; body: ErrorBody };

/** Client mistakes Fastify detects before our code runs, reworded for people. */
const FASTIFY_CLIENT_ERRORS: Record<string, { code: ErrorCode; message: string }> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    code: ERROR_CODES.validation,
    message: 'Unsupported content type: send application/json.',
  },
  FST_ERR_CTP_EMPTY_JSON_BODY: {
    code: ERROR_CODES.validation,
    message: 'The request body is empty: send a JSON object.',
  },
  FST_ERR_CTP_INVALID_JSON_BODY: { code: ERROR_CODES.validation, message: 'The request body is not valid JSON.' },
  FST_ERR_CTP_BODY_TOO_LARGE: { code: ERROR_CODES.payloadTooLarge, message: 'The request body is too large.' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: {
    code: ERROR_CODES.validation,
    message: 'The Content-Length header does not match the body.',
  },
};

const CODE_BY_STATUS: Partial<Record<number, ErrorCode>> = {
  401: ERROR_CODES.unauthenticated,
  403: ERROR_CODES.forbidden,
  404: ERROR_CODES.notFound,
  413: ERROR_CODES.payloadTooLarge,
  429: ERROR_CODES.rateLimited,
};

/** Every failure becomes `{ code, message, issues? }`; 5xx details stay in the log. */
export function toErrorReply(error: unknown): ErrorReply {
  if (error instanceof AppError) return { status: error.status, body: error.toBody() };
  const fastifyError = error as Partial<FastifyError>;
  const status = fastifyError.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    const known = fastifyError.code ? FASTIFY_CLIENT_ERRORS[fastifyError.code] : undefined;
    if (known) return { status, body: { code: known.code, message: known.message } };
    // JSON.parse's SyntaxError, tagged with a 400 by Fastify's body parser.
    if (error instanceof SyntaxError)
      return { status, body: { code: ERROR_CODES.validation, message: 'The request body is not valid JSON.' } };
    return {
      status,
      body: { code: CODE_BY_STATUS[status] ?? ERROR_CODES.validation, message: fastifyError.message ?? 'Bad request' },
    };
  }
  return { status: 500, body: { code: ERROR_CODES.internal, message: 'Internal error' } };
}

export const errorHandler = fp(
  async (app: FastifyInstance) => {
    app.setErrorHandler((error, request, reply) => {
      const { status, body } = toErrorReply(error);
      if (status >= 500) request.log.error({ err: error }, 'request failed');
      else request.log.info({ code: body.code, status }, body.message);
      return reply.status(status).send(body);
    });
  },
  { name: 'error-handler' },
);
