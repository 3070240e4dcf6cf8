import Dexie, { type Table } from 'dexie';
import type { SessionInfo } from '@lastmile/domain';

export type CachedSession = {
  /** One row per device for now; crew mode will key several people's sessions by user id. */
  slot: 'current';
  session: SessionInfo;
  savedAt: string;
};

/**
 * Small per-device state that must outlive the replicated data (which may be dropped and
 * rebuilt): who is signed in here. Kept apart from the app database on purpose.
 */
export class DeviceDb extends Dexie {
  sessions!: Table<CachedSession, CachedSession['slot']>;

  constructor(name = 'lastmile-device') {
    super(name);
    this.version(1).stores({ sessions: 'slot' });
  }
}

let shared: DeviceDb | null = null;

export function deviceDb(): DeviceDb {
  shared ??= new DeviceDb();
  return shared;
}
