import { DetailedError, type HttpRequest, type HttpResponse } from 'tus-js-client';
import { describe, expect, it } from 'vitest';
import { classify } from './upload-outcome.ts';

/** The error tus-js-client gives `onError` for a request the server answered with `status` and `body`. */
function answered(status: number, body: unknown, method = 'PATCH'): DetailedError {
  const req = {
    getMethod: () => method,
    getURL: () => '/api/attachments/uploads/x',
    getHeader: () => undefined,
  } as unknown as HttpRequest;
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  const res = { getStatus: () => status, getBody: () => text } as unknown as HttpResponse;
  return Object.assign(new DetailedError('tus: unexpected response'), { originalRequest: req, originalResponse: res });
}

describe('classify an upload’s failure', () => {
  it('drops the phone’s copy only when the server says the photo is verified already', () => {
    const verified = {
      code: 'conflict',
      message: 'This photo was uploaded and verified already; it cannot be replaced.',
      detail: { key: 'photo.verifiedAlready' },
    };
    expect(classify(answered(409, '', 'HEAD'))).toEqual({ kind: 'done' });
    expect(classify(answered(409, verified))).toEqual({ kind: 'done' });
  });

  it('tries again, from the server’s offset, after tus’s own 409 (a PATCH at an offset the server does not have)', () => {
    expect(classify(answered(409, { code: 'conflict', message: 'Upload-Offset conflict' }))).toEqual({
      kind: 'retry',
      error: 'Upload-Offset conflict',
    });
  });

  it('keeps the other answers as they were', () => {
    expect(classify(answered(404, { code: 'not_found', message: 'x' }))).toEqual({ kind: 'wait' });
    expect(classify(answered(401, { code: 'unauthenticated', message: 'x' }))).toEqual({ kind: 'signedOut' });
    expect(classify(answered(403, { code: 'forbidden', message: 'No.' }))).toEqual({ kind: 'failed', error: 'No.' });
    expect(classify(answered(400, { code: 'validation', message: 'Bad.' }))).toEqual({
      kind: 'rejected',
      error: 'Bad.',
    });
    expect(classify(new Error('offline'))).toEqual({ kind: 'retry', error: 'offline' });
  });
});
