import Dexie from 'dexie';
import { appDbName, closeAppDbs } from '../../local-db/open-app-db.ts';
import { rememberStartRole } from '../start-hint.ts';
import type { DeviceDb } from './device-db.ts';

const MARKER = 'lastmile.revoked';

/** Why this device was revoked, kept until the person has read it (a reload in between shows it again). */
export type Revocation = { reason: string; orgName: string | null; at: string; wiped: boolean };

export function readRevocation(): Revocation | null {
  try {
    const raw = localStorage.getItem(MARKER);
    if (!raw) return null;
    const value = JSON.parse(raw) as Partial<Revocation>;
    return typeof value.reason === 'string' && typeof value.at === 'string'
      ? { reason: value.reason, orgName: value.orgName ?? null, at: value.at, wiped: value.wiped === true }
      : null;
  } catch {
    return null;
  }
}

export function saveRevocation(revocation: Revocation | null): void {
  try {
    if (revocation) localStorage.setItem(MARKER, JSON.stringify(revocation));
    else localStorage.removeItem(MARKER);
  } catch {
    // Without storage the screen still shows now; only a reload mid-erase would not resume it.
  }
}

/** Every Lastmile database on this browser profile: the device's own and each person's replica. */
async function lastmileDatabases(deviceDb: DeviceDb): Promise<string[]> {
  const names = new Set<string>([deviceDb.name]);
  const people = await deviceDb.verifiers
    .toArray()
    .then((rows) => rows.map((r) => r.userId))
    .catch(() => []);
  const cached = await deviceDb.sessions
    .toArray()
    .then((rows) => rows.map((r) => r.session.user.id))
    .catch(() => []);
  for (const userId of [...people, ...cached]) names.add(appDbName(userId));
  // Chromium, Safari and Firefox list them; people who never signed in here online are found this way.
  const listed = await indexedDB.databases?.().catch(() => []);
  for (const { name } of listed ?? []) if (name?.startsWith('lastmile-')) names.add(name);
  return [...names];
}

/**
 * Erases what Lastmile keeps on this browser profile after an admin revoked the device (ADR
 * 0028): every person's replica (jobs, forms, outbox, photos' bytes), the cached sessions and
 * offline sign-in verifiers, the service worker's caches of API answers (photos) and the home
 * snapshot (ADR 0034). The app
 * shell the service worker precached stays, so the sign-in page still opens. The marker is
 * written first: a tab closed half-way finishes the job at the next start.
 */
export async function wipeDevice(deviceDb: DeviceDb): Promise<void> {
  const names = await lastmileDatabases(deviceDb);
  closeAppDbs();
  deviceDb.close();
  for (const name of names) await Dexie.delete(name);
  if (typeof caches !== 'undefined') {
    for (const key of await caches.keys()) {
      if (!key.includes('precache')) await caches.delete(key);
    }
  }
  rememberStartRole(null);
}
