import Dexie, { type Table } from 'dexie';
import type { Role, SessionInfo } from '@lastmile/domain';

export type CachedSession = {
  /** One row per device for now; crew mode will key several people's sessions by user id. */
  slot: 'current';
  session: SessionInfo;
  savedAt: string;
};

/**
 * What lets a person who signed in here online get back in without signal (ADR 0020): a slow
 * PBKDF2 hash of their password, never the password, with the session they last had.
 */
export type OfflineVerifier = {
  /** The email as typed at sign-in, trimmed and lower-cased. */
  email: string;
  userId: string;
  /** Base64 of the random per-person salt and of the derived bits. */
  salt: string;
  hash: string;
  iterations: number;
  session: SessionInfo;
  savedAt: string;
};

/**
 * A person on this phone's crew (ADR 0033), with their PIN for this device. The phone's own
 * person (`hostUserId === userId`) has a row too once they set a PIN, with their session, so the
 * PIN also gets them back in after signing out offline.
 */
export type CrewPin = {
  hostUserId: string;
  userId: string;
  name: string;
  role: Role;
  teamId: string | null;
  /** Base64 salt and HMAC(device key, PBKDF2(PIN)); null until they choose a PIN. */
  salt: string | null;
  hash: string | null;
  iterations: number;
  /** Wrong PINs in a row; at CREW_PIN_ATTEMPTS the person must sign in online again here. */
  failures: number;
  /** The phone's own person only: the session the PIN resumes. */
  session: SessionInfo | null;
  savedAt: string;
};

/** A random HMAC key made on this device, not extractable by script: binds PIN hashes to it. */
export type DeviceKey = { id: 'pin'; key: CryptoKey };

/**
 * Small per-device state that must outlive the replicated data (which may be dropped and
 * rebuilt): who is signed in here. Kept apart from the app database on purpose.
 */
export class DeviceDb extends Dexie {
  sessions!: Table<CachedSession, CachedSession['slot']>;
  verifiers!: Table<OfflineVerifier, OfflineVerifier['email']>;
  crew!: Table<CrewPin, [string, string]>;
  keys!: Table<DeviceKey, DeviceKey['id']>;

  constructor(name = 'lastmile-device') {
    super(name);
    this.version(1).stores({ sessions: 'slot' });
    this.version(2).stores({ sessions: 'slot', verifiers: 'email, userId' });
    this.version(3).stores({
      sessions: 'slot',
      verifiers: 'email, userId',
      crew: '[hostUserId+userId], hostUserId',
      keys: 'id',
    });
  }
}

let shared: DeviceDb | null = null;

export function deviceDb(): DeviceDb {
  shared ??= new DeviceDb();
  return shared;
}
