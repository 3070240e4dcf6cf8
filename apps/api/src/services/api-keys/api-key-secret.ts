import { createHash, randomBytes } from 'node:crypto';
import { API_KEY_PREFIX } from '@lastmile/domain';

/** How much of a secret the admin screen shows, to tell keys apart: `lmk_` and 8 characters. */
const SHOWN_CHARACTERS = API_KEY_PREFIX.length + 8;

/**
 * A new key's secret: 256 random bits, base64url, after a recognisable `lmk_` (so secret scanners
 * and people can tell what a leaked string is). Shown once; the database keeps only its hash.
 */
export function newApiKeySecret(): { secret: string; prefix: string; hash: string } {
  const secret = `${API_KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
  return { secret, prefix: secret.slice(0, SHOWN_CHARACTERS), hash: hashApiKeySecret(secret) };
}

/**
 * SHA-256, not a password hash: the secret has 256 bits of entropy, so there is nothing to guess
 * that a slow hash would protect, and each request must cost one index lookup, not 50 ms of scrypt.
 */
export function hashApiKeySecret(secret: string): string {
  return createHash('sha256').update(secret).digest('base64url');
}
