import { sessionInfoSchema, type SessionInfo } from '@lastmile/domain';
import type { DeviceDb } from './device-db.ts';

/**
 * OWASP's 2023 figure for PBKDF2-HMAC-SHA-256: the cost of each guess for someone who copied
 * this device's IndexedDB (ADR 0020). Stored per row so a later raise still reads old rows.
 */
export const VERIFIER_ITERATIONS = 600_000;
const SALT_BYTES = 16;
const HASH_BITS = 256;

export function verifierKey(email: string): string {
  return email.trim().toLowerCase();
}

function toBase64(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes));
}

function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
}

async function derive(password: string, salt: Uint8Array<ArrayBuffer>, iterations: number): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(password), 'PBKDF2', false, ['deriveBits']);
  const bits = await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations }, key, HASH_BITS);
  return new Uint8Array(bits);
}

/** Compares every byte, so the time taken does not tell how many leading bytes matched. */
function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return diff === 0;
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
  const salt = crypto.getRandomValues(new Uint8Array(SALT_BYTES));
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
  const session = sessionInfoSchema.safeParse(row.session);
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
