import type { DetailedError } from 'tus-js-client';

/**
 * What an upload attempt's end means for the queue (upload-queue.ts), read from the server's
 * answer: done (the bytes are on the server), wait, retry, or a refusal to show the person.
 */

export type Outcome =
  | { kind: 'done' }
  | { kind: 'gone' }
  | { kind: 'wait' }
  | { kind: 'retry'; error: string }
  | { kind: 'rejected'; error: string }
  | { kind: 'failed'; error: string }
  | { kind: 'signedOut' };

/** tus-js-client's DetailedError, recognised without loading the library (it is loaded on first upload). */
function isDetailedError(error: unknown): error is DetailedError {
  return error instanceof Error && 'originalResponse' in error;
}

/** The key of our JSON error body (`detail.key`), if the answer is one. */
function keyOf(error: unknown): string | null {
  if (!isDetailedError(error)) return null;
  try {
    const parsed = JSON.parse(error.originalResponse?.getBody() ?? '') as { detail?: { key?: unknown } };
    return typeof parsed.detail?.key === 'string' ? parsed.detail.key : null;
  } catch {
    return null;
  }
}

function methodOf(error: unknown): string | null {
  return isDetailedError(error) ? (error.originalRequest?.getMethod() ?? null) : null;
}

function messageOf(error: unknown): string {
  if (isDetailedError(error)) {
    const body = error.originalResponse?.getBody();
    try {
      const parsed = JSON.parse(body ?? '') as { message?: unknown };
      if (typeof parsed.message === 'string') return parsed.message;
    } catch {
      // not our JSON: a proxy's page or the network
    }
    return error.originalResponse ? `The server answered ${error.originalResponse.getStatus()}.` : 'No connection.';
  }
  return error instanceof Error ? error.message : String(error);
}

/** What an upload's failure means for the queue, from the server's answer. */
export function classify(error: unknown): Outcome {
  const status = isDetailedError(error) ? (error.originalResponse?.getStatus() ?? 0) : 0;
  const message = messageOf(error);
  // Verified already (an earlier attempt got through): the server says so by key, or by a 409 to
  // a HEAD (which carries no body; tus answers a HEAD 200 or 404). tus's own 409 to a PATCH (an
  // offset the server no longer has) is not that: the bytes are not there, and dropping the phone's
  // copy would lose the photo; it is tried again from the server's offset.
  if (status === 409) {
    const verified = keyOf(error) === 'photo.verifiedAlready' || methodOf(error) === 'HEAD';
    return verified ? { kind: 'done' } : { kind: 'retry', error: message };
  }
  if (status === 404) return { kind: 'wait' };
  if (status === 401) return { kind: 'signedOut' };
  if (status === 400 || status === 413 || status === 422) return { kind: 'rejected', error: message };
  if (status === 403) return { kind: 'failed', error: message };
  return { kind: 'retry', error: message };
}
