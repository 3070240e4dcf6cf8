import type { LightMyRequestResponse } from 'fastify';
import { HTTP_STATUS_BY_CODE, errorBodySchema } from '@lastmile/domain';
import { documentedCodes, type OperationObject } from './openapi-document.ts';

/**
 * The API's error contract (docs/sync-protocol.md, "Status codes"), as a list of what an answer
 * broke (empty when kept): never a 5xx, every error is `{ code, message, issues? }` sent with its
 * code's status, and the route's OpenAPI document lists that code under that status.
 */
export function contractViolations(
  response: LightMyRequestResponse,
  method: string,
  documented?: OperationObject,
): string[] {
  const status = response.statusCode;
  if (status >= 500) return [`${status} ${response.body.slice(0, 200)}`];
  if (status < 400 || method === 'HEAD') return [];
  const parsed = errorBodySchema.safeParse(safeJson(response.body));
  if (!parsed.success) return [`${status} with a body outside the contract: ${response.body.slice(0, 200)}`];
  const { code } = parsed.data;
  if (HTTP_STATUS_BY_CODE[code] !== status)
    return [`${status} with code ${code}, documented as ${HTTP_STATUS_BY_CODE[code]}`];
  if (documented && !documentedCodes(documented, status).includes(code))
    return [`${status} ${code} is not in /api/docs`];
  return [];
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
