import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { FastifyServerOptions } from 'fastify';
import type { LogLevel } from '../env.ts';
import { redactError, requestForLog } from './log-redaction.ts';

/**
 * pino options: JSON lines without secrets or personal data. Errors keep their SQL text and
 * code but lose statement values (log-redaction.ts); requests are logged without query values;
 * session cookies, CSRF tokens and passwords are censored wherever a log call puts headers or
 * a body.
 */
export function loggerOptions(level: LogLevel): NonNullable<Exclude<FastifyServerOptions['logger'], boolean>> {
  return {
    level,
    serializers: { err: redactError, req: requestForLog },
    redact: {
      paths: [
        'req.headers.cookie',
        'req.headers["x-csrf-token"]',
        'req.headers.authorization',
        'res.headers["set-cookie"]',
        'headers.cookie',
        'headers["x-csrf-token"]',
        'headers.authorization',
        'body.password',
        'password',
        '*.password',
      ],
      censor: '[redacted]',
    },
  };
}

const REQUEST_ID = /^[\w.-]{1,64}$/;

/** Keeps a well-formed incoming x-request-id (a proxy's), so one id follows a request across services. */
export function requestId(request: IncomingMessage): string {
  const incoming = request.headers['x-request-id'];
  return typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
}
