import { parseSessionInfo, type SessionInfo } from '@lastmile/domain';
import type { DeviceDb } from './device-db.ts';
import { derive, fromBase64, newSalt, sameBytes, toBase64 } from './slow-hash.ts';

/**
 * OWASP's 2023 figure for PBKDF2-HMAC-SHA-256: the cost of each guess for someone who copied
 * this device's IndexedDB (ADR 0020). Stored per row so a later raise still reads old rows.
 */
export const VERIFIER_ITERATIONS = 600_000;

export function verifierKey(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * Called after the server accepted this email and password: keeps a verifier of the password
 * (with a fresh salt) and the session, replacing any earlier one for the same person.
 */
export async function rememberForOffline(
  db: DeviceDb,
  email: string,
  password: string,
  session: SessionInfo,
  iterations = VERIFIER_ITERATIONS,
  now = new Date(),
): Promise<void> {
  const salt = newSalt();
  const hash = await derive(password, salt, iterations);
  await db.transaction('rw', db.verifiers, async () => {
    // An email that changed on the server must not leave a second way into the same person.
    await db.verifiers.where('userId').equals(session.user.id).delete();
    await db.verifiers.put({
      email: verifierKey(email),
      userId: session.user.id,
      salt: toBase64(salt),
      hash: toBase64(hash),
      iterations,
      session,
      savedAt: now.toISOString(),
    });
  });
}

/**
 * The session of the person who signed in here online with this email and password, or null
 * (never signed in here, wrong password, or a row this app version cannot read).
 */
export async function unlockOffline(db: DeviceDb, email: string, password: string): Promise<SessionInfo | null> {
  const row = await db.verifiers.get(verifierKey(email));
  if (!row) return null;
  const session = parseSessionInfo(row.session);
  if (!session.success || session.data.user.id !== row.userId) return null;
  const hash = await derive(password, fromBase64(row.salt), row.iterations);
  return sameBytes(hash, fromBase64(row.hash)) ? session.data : null;
}

export async function hasOfflineVerifier(db: DeviceDb, userId: string): Promise<boolean> {
  return (await db.verifiers.where('userId').equals(userId).count()) > 0;
}

/** When the server says the session is gone (expired, revoked, deactivated): signal needed again. */
export async function forgetOffline(db: DeviceDb, userId: string): Promise<void> {
  await db.verifiers.where('userId').equals(userId).delete();
}
