import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { guardedLookup, isPrivateAddress, literalAddress, RefusedAddressError } from './address-guard.ts';

/** What one request came to: the endpoint's HTTP status, or why there was none. */
export type AttemptResult = { status: number | null; error: string | null; durationMs: number };

export type SendOptions = {
  timeoutMs: number;
  privateTargets: 'allow' | 'refuse';
  /** Read at most this much of the answer; the rest is cut off (only the status matters). */
  maxResponseBytes?: number;
};

const MAX_RESPONSE_BYTES = 64 * 1024;
const MAX_ERROR_LENGTH = 300;

/** Success is a 2xx answer; a redirect is not followed (it could lead anywhere) and counts as a failure. */
export function isSuccess(result: AttemptResult): boolean {
  return result.status !== null && result.status >= 200 && result.status < 300;
}

/**
 * POSTs one signed webhook body. Never throws: every outcome, refusals of the address guard
 * included, is an AttemptResult for the delivery log. The whole request — connecting, sending,
 * the answer's headers and up to 64 KiB of its body — must fit in `timeoutMs`.
 */
export async function sendWebhook(
  target: string,
  headers: Record<string, string>,
  body: string,
  options: SendOptions,
): Promise<AttemptResult> {
  const started = performance.now();
  const done = (status: number | null, error: string | null): AttemptResult => ({
    status,
    error: error && error.slice(0, MAX_ERROR_LENGTH),
    durationMs: Math.round(performance.now() - started),
  });
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    return done(null, 'invalid URL');
  }
  const refuse = options.privateTargets === 'refuse';
  const literal = literalAddress(url);
  // A literal address is connected to without a lookup, so it is checked here.
  if (refuse && literal !== null && isPrivateAddress(literal))
    return done(null, new RefusedAddressError(literal).message);
  const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve) => {
    let settled = false;
    const finish = (status: number | null, error: string | null) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req.destroy();
      resolve(done(status, error));
    };
    const req = request(
      url,
      {
        method: 'POST',
        headers: {
          ...headers,
          'content-type': 'application/json',
          'content-length': String(Buffer.byteLength(body)),
          'user-agent': 'Lastmile-Webhooks/1',
        },
        // A fresh connection per attempt: a pooled one would skip the guarded lookup.
        agent: false,
        ...(refuse ? { lookup: guardedLookup } : {}),
      },
      (res: IncomingMessage) =>
        readCapped(res, options.maxResponseBytes ?? MAX_RESPONSE_BYTES, () => finish(res.statusCode ?? null, null)),
    );
    const timer = setTimeout(() => finish(null, `timed out after ${options.timeoutMs} ms`), options.timeoutMs);
    req.on('error', (error: Error) => finish(null, error.message || error.name));
    req.end(body);
  });
}

/** Drains at most `limit` bytes of an answer, then calls `onDone` (at its end, or at the limit). */
function readCapped(res: IncomingMessage, limit: number, onDone: () => void): void {
  let read = 0;
  res.on('data', (chunk: Buffer) => {
    read += chunk.length;
    if (read >= limit) onDone();
  });
  res.on('end', onDone);
  res.on('error', onDone);
}
