import type { FastifyRequest } from 'fastify';
import { AppError, ERROR_CODES, HTTP_STATUS_BY_CODE, errorBodySchema, type ErrorCode } from '@lastmile/domain';

/** The tus server's own statuses, as the codes of our error contract (docs/sync-protocol.md). */
const CODE_BY_STATUS: Record<number, ErrorCode> = {
  400: ERROR_CODES.validation,
  401: ERROR_CODES.unauthenticated,
  403: ERROR_CODES.forbidden,
  404: ERROR_CODES.notFound,
  405: ERROR_CODES.forbidden,
  409: ERROR_CODES.conflict,
  410: ERROR_CODES.notFound,
  // "Tus-Resumable Required" and a failed checksum are a client's malformed request here.
  412: ERROR_CODES.validation,
  413: ERROR_CODES.payloadTooLarge,
  415: ERROR_CODES.unsupportedMediaType,
  460: ERROR_CODES.validation,
};

function isContractBody(text: string): boolean {
  try {
    return errorBodySchema.safeParse(JSON.parse(text)).success;
  } catch {
    return false;
  }
}

/**
 * Every error the upload routes send keeps the API's contract — `{ code, message }` JSON with its
 * code's status — although tus answers its own protocol errors (a missing Tus-Resumable, a wrong
 * offset) in plain text. Success responses pass untouched. A status tus makes up that we have no
 * code for is a client's mistake (400), except 5xx, which stays an internal error.
 */
export async function toErrorContract(response: Response): Promise<Response> {
  if (response.status < 400) return response;
  const text = await response.text();
  const headers = new Headers(response.headers);
  headers.set('content-type', 'application/json; charset=utf-8');
  headers.delete('content-length');
  if (isContractBody(text)) return new Response(text, { status: response.status, headers });
  const code =
    response.status >= 500 ? ERROR_CODES.internal : (CODE_BY_STATUS[response.status] ?? ERROR_CODES.validation);
  const message =
    code === ERROR_CODES.internal
      ? 'The upload failed on the server; it will be retried.'
      : text.trim() || 'This upload request is not valid.';
  return new Response(JSON.stringify({ code, message }), { status: HTTP_STATUS_BY_CODE[code], headers });
}

export const TUS_CONTENT_TYPE = 'application/offset+octet-stream';

/**
 * Bytes reach tus only as `application/offset+octet-stream`: a PATCH always, a POST when it
 * carries the first bytes (creation with upload). Checked before Fastify reads the body, whose
 * own 415 asks for JSON — the wrong advice to a client that forgot tus's content type.
 */
export async function requireTusContentType(request: FastifyRequest): Promise<void> {
  const { headers } = request;
  const type = (headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  const carriesBytes =
    request.method === 'PATCH' || Number(headers['content-length'] ?? 0) > 0 || 'transfer-encoding' in headers;
  if (carriesBytes && type !== TUS_CONTENT_TYPE) {
    throw new AppError(
      ERROR_CODES.unsupportedMediaType,
      `Upload bytes are sent with Content-Type: ${TUS_CONTENT_TYPE} (tus); this request ${type ? `says ${type}` : 'has none'}.`,
    );
  }
}

/**
 * tus extensions this server does not offer, refused as a client's mistake before tus sees them:
 * `Upload-Concat` (parallel parts joined into one upload) reached a store that cannot join them
 * and answered 500 (found by an outsider tester). A photo is one upload, resumed where it stopped.
 */
export async function refuseTusConcatenation(request: FastifyRequest): Promise<void> {
  if (request.headers['upload-concat'] === undefined) return;
  throw new AppError(
    ERROR_CODES.validation,
    'Uploads are not concatenated here (Upload-Concat): send the photo as one upload, resuming from its offset.',
  );
}
