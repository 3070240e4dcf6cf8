import { DEFAULT_CREW_SETTINGS, DEFAULT_PHOTO_SETTINGS, type SessionInfo } from '@lastmile/domain';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DeviceDb } from './device-db.ts';
import { clearCachedSession, loadCachedSession, saveCachedSession } from './session-cache.ts';

const session: SessionInfo = {
  user: {
    id: '0b7e3f0e-5d2a-4c1e-9a43-2f1d7c6b5a40',
    name: 'Ana Ruiz',
    email: 'tech1@demo.lastmile.app',
    role: 'technician',
    teamId: '5c1a0d2e-8f3b-4a6c-b7d9-0e1f2a3b4c5d',
  },
  org: {
    id: '9e8d7c6b-5a49-4382-9170-6f5e4d3c2b1a',
    name: 'Demo Org',
    photos: DEFAULT_PHOTO_SETTINGS,
    locale: 'en',
    crew: DEFAULT_CREW_SETTINGS,
  },
  csrfToken: 'csrf-123',
};

let db: DeviceDb;
let n = 0;

beforeEach(() => {
  db = new DeviceDb(`device-test-${++n}`);
});

afterEach(async () => {
  await db.delete();
});

describe('session cache', () => {
  it('is empty on a new device', async () => {
    expect(await loadCachedSession(db)).toBeNull();
  });

  it('returns the saved session after the database is reopened (the app restarted offline)', async () => {
    await saveCachedSession(db, session);
    db.close();
    const reopened = new DeviceDb(db.name);
    expect(await loadCachedSession(reopened)).toEqual(session);
    reopened.close();
  });

  it('replaces the previous session rather than keeping two', async () => {
    await saveCachedSession(db, session);
    await saveCachedSession(db, { ...session, csrfToken: 'csrf-456' });
    expect(await db.sessions.count()).toBe(1);
    expect((await loadCachedSession(db))?.csrfToken).toBe('csrf-456');
  });

  it('forgets the session on sign-out', async () => {
    await saveCachedSession(db, session);
    await clearCachedSession(db);
    expect(await loadCachedSession(db)).toBeNull();
  });

  it('treats a row that no longer matches the schema as signed out', async () => {
    await db.sessions.put({
      slot: 'current',
      session: { ...session, user: { ...session.user, role: 'superuser' } } as unknown as SessionInfo,
      savedAt: new Date().toISOString(),
    });
    expect(await loadCachedSession(db)).toBeNull();
  });
});
