import fc from 'fast-check';
import { errorCodes } from 'fastify';
import { describe, expect, it } from 'vitest';
import { AppError, ERROR_CODES, HTTP_STATUS_BY_CODE, errorBodySchema } from '@lastmile/domain';
import { toErrorReply } from './error-handler.ts';

/** The promise every error reply keeps: the documented shape, and the status its code documents. */
function expectConsistent(error: unknown): { status: number; code: string } {
  const { status, body } = toErrorReply(error);
  const parsed = errorBodySchema.parse(body);
  expect(status).toBe(HTTP_STATUS_BY_CODE[parsed.code]);
  return { status, code: parsed.code };
}

describe('toErrorReply', () => {
  it('maps every error Fastify can raise to a documented code sent with that code’s status', () => {
    for (const [name, FastifyErrorClass] of Object.entries(errorCodes)) {
      const error = new FastifyErrorClass('a', 'b', 'c');
      const { status } = expectConsistent(error);
      // A client mistake the framework detects stays a client mistake (never a 500).
      if (error.statusCode !== undefined && error.statusCode < 500) expect(status, name).toBeLessThan(500);
    }
  });

  it('keeps the framework’s specific statuses where a code stands for them', () => {
    expect(toErrorReply(new errorCodes.FST_ERR_MAX_PARAM_LENGTH('/x')).status).toBe(414);
    expect(toErrorReply(new errorCodes.FST_ERR_CTP_INVALID_MEDIA_TYPE('text/xml')).body.code).toBe(
      'unsupported_media_type',
    );
    expect(toErrorReply(new errorCodes.FST_ERR_CTP_BODY_TOO_LARGE()).status).toBe(413);
  });

  it('gives any error with any status a code whose status is the one sent', () => {
    fc.assert(
      fc.property(fc.integer({ min: 100, max: 999 }), fc.string(), fc.string(), (statusCode, code, message) => {
        const error = Object.assign(new Error(message), { statusCode, code });
        const { status } = expectConsistent(error);
        expect(status >= 500).toBe(!(statusCode >= 400 && statusCode < 500));
      }),
    );
  });

  it('answers a date PostgreSQL refuses (22007, 22008) as the input’s fault, not a 500', () => {
    for (const code of ['22007', '22008']) {
      const pgError = Object.assign(new Error('date/time field value out of range'), { code });
      expect(toErrorReply(pgError)).toMatchObject({ status: 400, body: { code: 'validation' } });
      // As drizzle wraps it.
      expect(toErrorReply(Object.assign(new Error('Failed query'), { cause: pgError })).status).toBe(400);
    }
  });

  it('answers a number PostgreSQL cannot store (22003) as the input’s fault, not a 500', () => {
    const pgError = Object.assign(new Error('value "99999999999" is out of range for type integer'), { code: '22003' });
    expect(toErrorReply(pgError)).toMatchObject({ status: 400, body: { code: 'validation' } });
    expect(toErrorReply(Object.assign(new Error('Failed query'), { cause: pgError })).status).toBe(400);
  });

  it('passes AppErrors through and hides the details of anything unexpected', () => {
    expect(toErrorReply(new AppError(ERROR_CODES.conflict, 'Taken.'))).toEqual({
      status: 409,
      body: { code: 'conflict', message: 'Taken.' },
    });
    expect(toErrorReply(new Error('password=hunter2'))).toEqual({
      status: 500,
      body: { code: 'internal', message: 'Internal error' },
    });
    // Prototype names are not framework codes.
    expect(toErrorReply(Object.assign(new Error('x'), { code: 'constructor' })).status).toBe(500);
  });
});
