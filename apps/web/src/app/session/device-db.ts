import Dexie, { type Table } from 'dexie';
import type { SessionInfo } from '@lastmile/domain';

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
 * Small per-device state that must outlive the replicated data (which may be dropped and
 * rebuilt): who is signed in here. Kept apart from the app database on purpose.
 */
export class DeviceDb extends Dexie {
  sessions!: Table<CachedSession, CachedSession['slot']>;
  verifiers!: Table<OfflineVerifier, OfflineVerifier['email']>;

  constructor(name = 'lastmile-device') {
    super(name);
    this.version(1).stores({ sessions: 'slot' });
    this.version(2).stores({ sessions: 'slot', verifiers: 'email, userId' });
  }
}

let shared: DeviceDb | null = null;

export function deviceDb(): DeviceDb {
  shared ??= new DeviceDb();
  return shared;
}
