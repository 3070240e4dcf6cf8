import { CREW_PIN_ATTEMPTS, isCrewPin, type CrewMember, type SessionInfo } from '@lastmile/domain';
import type { CrewPin, DeviceDb } from './device-db.ts';
import { derive, fromBase64, newSalt, sameBytes, toBase64 } from './slow-hash.ts';
import { VERIFIER_ITERATIONS } from './offline-verifier.ts';

/**
 * Crew PINs (R5, ADR 0033): a short PIN per person per phone, checked on the phone, offline.
 *
 * A 4-digit PIN has 10,000 values, so its safety is the lock-out, not the hash: after
 * CREW_PIN_ATTEMPTS wrong tries that person is locked out on this phone until they sign in
 * online again. The hash is there so the PIN is never stored as typed (people reuse PINs) and so
 * a copy of the database files is not enough to test guesses elsewhere: PBKDF2 at the offline
 * verifier's cost, then an HMAC with a key made on this device that script cannot export.
 */
export type PinCheck =
  | { ok: true; row: CrewPin }
  | { ok: false; reason: 'wrong'; attemptsLeft: number }
  | { ok: false; reason: 'locked' | 'no-pin' };

async function deviceKey(db: DeviceDb): Promise<CryptoKey> {
  const existing = await db.keys.get('pin');
  if (existing) return existing.key;
  const key = await crypto.subtle.generateKey({ name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  // Two tabs may race to make one: the first stored wins, and everyone uses that.
  await db.transaction('rw', db.keys, async () => {
    if (!(await db.keys.get('pin'))) await db.keys.put({ id: 'pin', key });
  });
  return (await db.keys.get('pin'))!.key;
}

async function pinHash(db: DeviceDb, pin: string, salt: Uint8Array<ArrayBuffer>, iterations: number) {
  const slow = await derive(pin, salt, iterations);
  return new Uint8Array(await crypto.subtle.sign('HMAC', await deviceKey(db), slow));
}

export function crewRows(db: DeviceDb, hostUserId: string): Promise<CrewPin[]> {
  return db.crew.where('hostUserId').equals(hostUserId).sortBy('name');
}

/**
 * Sets (or replaces) a person's PIN on this phone and clears their lock-out: called right after
 * they proved who they are online (signing in, or joining the crew with their password), or by
 * the phone's own person while signed in.
 */
export async function setCrewPin(
  db: DeviceDb,
  input: { hostUserId: string; member: CrewMember; pin: string; session?: SessionInfo | null },
  iterations = VERIFIER_ITERATIONS,
  now = new Date(),
): Promise<void> {
  // Checked here as well as in the form: a PIN that is not 4 to 8 digits is never stored.
  if (!isCrewPin(input.pin)) throw new Error('A crew PIN must be 4 to 8 digits');
  const pin = input.pin;
  const salt = newSalt();
  const hash = await pinHash(db, pin, salt, iterations);
  await db.crew.put({
    hostUserId: input.hostUserId,
    userId: input.member.id,
    name: input.member.name,
    role: input.member.role,
    teamId: input.member.teamId,
    salt: toBase64(salt),
    hash: toBase64(hash),
    iterations,
    failures: 0,
    session: input.session ?? null,
    savedAt: now.toISOString(),
  });
}

/** Checks a PIN; every wrong one counts, and a locked person is refused without checking. */
export async function checkCrewPin(db: DeviceDb, hostUserId: string, userId: string, pin: string): Promise<PinCheck> {
  // The attempt is counted before the slow check, in one transaction with the read: closing the
  // tab mid-check, or checking twice at once, never gives a free try.
  const row = await db.transaction('rw', db.crew, async () => {
    const found = await db.crew.get([hostUserId, userId]);
    if (!found?.salt || !found.hash || found.failures >= CREW_PIN_ATTEMPTS) return found;
    await db.crew.update([hostUserId, userId], { failures: found.failures + 1 });
    return found;
  });
  if (!row?.salt || !row.hash) return { ok: false, reason: 'no-pin' };
  if (row.failures >= CREW_PIN_ATTEMPTS) return { ok: false, reason: 'locked' };
  const hash = await pinHash(db, pin, fromBase64(row.salt), row.iterations);
  if (sameBytes(hash, fromBase64(row.hash))) {
    await db.crew.update([hostUserId, userId], { failures: 0 });
    return { ok: true, row: { ...row, failures: 0 } };
  }
  const attemptsLeft = CREW_PIN_ATTEMPTS - row.failures - 1;
  return attemptsLeft > 0 ? { ok: false, reason: 'wrong', attemptsLeft } : { ok: false, reason: 'locked' };
}

/** The phone's own person after an online sign-in: a lock-out of their PIN ends. */
export async function clearCrewLockout(db: DeviceDb, hostUserId: string, userId: string): Promise<void> {
  await db.crew.update([hostUserId, userId], { failures: 0 });
}

/**
 * After an online sign-in (the server checked the password): the person's PIN on this phone now
 * resumes the new session, and a lock-out of it ends.
 */
export async function refreshOwnPin(db: DeviceDb, session: SessionInfo): Promise<void> {
  await db.crew.update([session.user.id, session.user.id], { failures: 0, session });
}

export async function forgetCrewMember(db: DeviceDb, hostUserId: string, userId: string): Promise<void> {
  await db.crew.delete([hostUserId, userId]);
}

/** The phone's own person signed out online or lost their session: the crew they carried goes. */
export async function forgetCrew(db: DeviceDb, hostUserId: string, { keepOwn }: { keepOwn: boolean }): Promise<void> {
  await db.crew
    .where('hostUserId')
    .equals(hostUserId)
    .filter((row) => !keepOwn || row.userId !== hostUserId)
    .delete();
}

/** People who can get back in on this phone with their PIN (the sign-in page's list). */
export async function pinSignIns(db: DeviceDb): Promise<CrewPin[]> {
  const rows = await db.crew.toArray();
  return rows
    .filter((r) => r.hostUserId === r.userId && r.session !== null && r.hash !== null)
    .sort((a, b) => a.name.localeCompare(b.name));
}
