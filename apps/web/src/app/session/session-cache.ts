import { parseSessionInfo, type SessionInfo } from '@lastmile/domain';
import type { DeviceDb } from './device-db.ts';

/**
 * The session cached on this device, or null. A row written by an older app version that no
 * longer matches the schema counts as signed out rather than crashing the start-up.
 */
export async function loadCachedSession(db: DeviceDb): Promise<SessionInfo | null> {
  const row = await db.sessions.get('current');
  if (!row) return null;
  const parsed = parseSessionInfo(row.session);
  return parsed.success ? parsed.data : null;
}

export async function saveCachedSession(db: DeviceDb, session: SessionInfo, now = new Date()): Promise<void> {
  await db.sessions.put({ slot: 'current', session, savedAt: now.toISOString() });
}

export async function clearCachedSession(db: DeviceDb): Promise<void> {
  await db.sessions.delete('current');
}
