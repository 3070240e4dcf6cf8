import { and, eq, isNull, lt, or, sql } from 'drizzle-orm';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { API_KEY_PREFIX, AppError, ERROR_CODES, type Actor, type ApiKeyScope } from '@lastmile/domain';
import type { DbOrTx } from '@lastmile/sync/server';
import { apiKeys, users } from '../db/schema/index.ts';
import { hashApiKeySecret } from '../services/api-keys/api-key-secret.ts';
import { countHit } from './pg-rate-limit-store.ts';

/** The key a /api/v1 request came with, once it is known to be live. */
export type AuthApiKey = { id: string; orgId: string; scopes: ApiKeyScope[] };

/** The REST API for other systems: only an API key opens it, never a browser session. */
export const API_V1_PREFIX = '/api/v1/';
const WINDOW_MS = 60_000;
const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/**
 * A secret is `lmk_` + 43 base64url characters; anything far from that is refused unhashed. The
 * scheme's name is case-insensitive (RFC 9110): `bearer` from some HTTP clients is the same.
 */
const BEARER = /^[Bb][Ee][Aa][Rr][Ee][Rr]\s+(lmk_[A-Za-z0-9_-]{20,100})\s*$/;

function unauthenticated(message: string): AppError {
  return new AppError(ERROR_CODES.unauthenticated, message);
}

/**
 * Who a /api/v1 request acts as (ADR 0031): the organization's office, attributed to the admin who
 * created the key (jobs keep an `updatedBy`, the trail a person). The same rules then apply as to
 * the office's own app; the audit trail names the key as the request's client.
 */
function actorOf(key: typeof apiKeys.$inferSelect): Actor {
  return { userId: key.createdBy, orgId: key.orgId, role: 'office', teamId: null };
}

/**
 * Authenticates `Authorization: Bearer <key>` on every request (the key row is read each time,
 * so a revocation or an expiry takes effect on the next request), counts it against the key's
 * per-minute allowance in PostgreSQL (shared by every API process), and refuses a write by a
 * read-only key before its body is looked at.
 */
export async function authenticateApiKey(
  db: DbOrTx,
  request: FastifyRequest,
  reply: FastifyReply,
  requestsPerMinute: number,
): Promise<void> {
  const header = request.headers.authorization;
  const match = typeof header === 'string' ? BEARER.exec(header) : null;
  if (!match?.[1]) {
    throw unauthenticated(`Send an organization API key: "Authorization: Bearer ${API_KEY_PREFIX}…".`);
  }
  const [found] = await db
    .select({ key: apiKeys, creatorActive: users.active })
    .from(apiKeys)
    .innerJoin(users, eq(users.id, apiKeys.createdBy))
    .where(eq(apiKeys.secretHash, hashApiKeySecret(match[1])));
  if (!found) throw unauthenticated('This API key is not known. Ask an admin of your organization for a key.');
  const { key } = found;
  if (key.revokedAt) throw unauthenticated('This API key was revoked by an admin.');
  // A key acts as the admin who made it: when they leave (deactivated), so does the key — or a
  // copy they kept would go on reading and writing in their name (found by an outsider tester).
  if (!found.creatorActive) {
    throw unauthenticated('The admin who made this API key was deactivated; an admin must make a new key.');
  }
  if (key.expiresAt && key.expiresAt.getTime() <= Date.now()) throw unauthenticated('This API key has expired.');

  const hit = await countHit(db, `api-key:${key.id}`, WINDOW_MS);
  reply.header('x-ratelimit-limit', requestsPerMinute);
  reply.header('x-ratelimit-remaining', Math.max(0, requestsPerMinute - hit.current));
  if (hit.current > requestsPerMinute) {
    const seconds = Math.max(1, Math.ceil(hit.ttl / 1000));
    reply.header('retry-after', seconds);
    throw new AppError(
      ERROR_CODES.rateLimited,
      `This API key made more than ${requestsPerMinute} requests in a minute. Try again in ${seconds} s.`,
    );
  }
  if (WRITES.has(request.method) && !key.scopes.includes('write')) {
    throw new AppError(
      ERROR_CODES.insufficientScope,
      'This API key may only read. Ask an admin for a key with the write permission.',
    );
  }
  // Kept to the minute: the admin screen says "last used", not a write per request.
  await db
    .update(apiKeys)
    .set({ lastUsedAt: sql`now()` })
    .where(
      and(
        eq(apiKeys.id, key.id),
        or(isNull(apiKeys.lastUsedAt), lt(apiKeys.lastUsedAt, sql`now() - interval '1 minute'`)),
      ),
    );
  request.apiKey = { id: key.id, orgId: key.orgId, scopes: key.scopes };
  request.actor = actorOf(key);
}

export function isApiV1Url(url: string): boolean {
  return url.startsWith(API_V1_PREFIX);
}
